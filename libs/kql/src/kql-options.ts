export type KqlFieldType = 'keyword' | 'ip' | 'date' | 'long' | 'float' | 'text' | 'boolean';

export interface KqlOptions {
  /** Reference instant for date math (`now-1h`). Defaults to the current time. */
  now?: Date;
  /** Type of a field, from the index mapping. `undefined` means unknown: the value decides. */
  fieldTypes?: (field: string) => KqlFieldType | undefined;
}

/** Used when `fieldTypes` is absent or says nothing about the field. */
const DEFAULT_FIELD_TYPES: Readonly<Record<string, KqlFieldType>> = {
  message: 'text',
  '@timestamp': 'date',
};

const FIELD_TYPES: ReadonlySet<string> = new Set<KqlFieldType>([
  'keyword',
  'ip',
  'date',
  'long',
  'float',
  'text',
  'boolean',
]);

/** The field's type; anything `fieldTypes` returns that is not a known type counts as unknown. */
export function resolveFieldType(options: KqlOptions, field: string): KqlFieldType | undefined {
  const given: unknown = options.fieldTypes?.(field);
  if (typeof given === 'string' && FIELD_TYPES.has(given)) return given as KqlFieldType;
  return Object.hasOwn(DEFAULT_FIELD_TYPES, field) ? DEFAULT_FIELD_TYPES[field] : undefined;
}

export const MAX_QUERY_LENGTH = 10_000;
export const MAX_DEPTH = 64;
/** Bare words and phrases search this field. */
export const DEFAULT_TEXT_FIELD = 'message';
