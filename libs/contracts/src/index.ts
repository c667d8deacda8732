export * from './topics';
export * from './envelopes';
export * from './errors';
export * from './alerts';
