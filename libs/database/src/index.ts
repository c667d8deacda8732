export * from './data-source-options';
export * from './pglite/pglite-pool';
export * from './migrations';
export * from './sql';
