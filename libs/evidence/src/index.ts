export * from './bundle';
export * from './canonical-json';
export * from './framework';
export * from './index-html';
export * from './manifest';
export * from './signing';
export * from './verify-bundle';
export * from './zip';
