import type { KqlFieldType, KqlOptions } from './kql-options';

/** A slice of an ECS mapping, for the specs. */
const FIELD_TYPES: Readonly<Record<string, KqlFieldType>> = {
  'source.ip': 'ip',
  'destination.ip': 'ip',
  'source.port': 'long',
  'destination.port': 'long',
  'process.pid': 'long',
  'event.risk_score': 'float',
  'event.created': 'date',
  'host.name': 'keyword',
  'user.name': 'keyword',
  'event.action': 'keyword',
  'error.message': 'text',
  'tls.established': 'boolean',
};

export const NOW = new Date('2024-05-15T12:34:56.789Z');

export const ECS_OPTIONS: KqlOptions = {
  now: NOW,
  fieldTypes: (field) => (Object.hasOwn(FIELD_TYPES, field) ? FIELD_TYPES[field] : undefined),
};
