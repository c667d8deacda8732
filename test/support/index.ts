export * from './services';
export * from './app';
