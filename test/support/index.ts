export * from './services';
export * from './app';
export * from './api';
export * from './kafka';
export * from './tls';
