export * from './schema';
export * from './config';
export * from './loader';
