export * from './logger';
export * from './metrics';
export * from './backoff';
export * from './startup-gate';
