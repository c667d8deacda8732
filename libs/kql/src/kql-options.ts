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

export function resolveFieldType(options: KqlOptions, field: string): KqlFieldType | undefined {
  return options.fieldTypes?.(field) ?? DEFAULT_FIELD_TYPES[field];
}

export const MAX_QUERY_LENGTH = 10_000;
export const MAX_DEPTH = 64;
/** Bare words and phrases search this field. */
export const DEFAULT_TEXT_FIELD = 'message';
