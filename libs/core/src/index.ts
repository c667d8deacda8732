export * from './core.module';
export * from './factories';
export * from './bootstrap';
export * from './http/error-shape';
export * from './health/health.controller';
export * from './http/dto-decorators';
