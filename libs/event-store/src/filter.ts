/**
 * A store-neutral query tree. The KQL parser produces it; each event-store
 * adapter compiles it (to the Elasticsearch query DSL, to SQL). Field names are
 * ECS dotted paths (`source.ip`).
 */
export type Filter =
  | { op: 'and'; filters: Filter[] }
  | { op: 'or'; filters: Filter[] }
  | { op: 'not'; filter: Filter }
  /** Exact value (keyword, number, boolean, ip). Matches any element of an array field. */
  | { op: 'term'; field: string; value: string | number | boolean }
  /** Any of the values. */
  | { op: 'terms'; field: string; values: Array<string | number | boolean> }
  /** Bounds are numbers, or ISO 8601 strings for date fields. */
  | { op: 'range'; field: string; gt?: number | string; gte?: number | string; lt?: number | string; lte?: number | string }
  | { op: 'exists'; field: string }
  /** `*` any run of characters, `?` one character; case-sensitive, like a keyword. */
  | { op: 'wildcard'; field: string; pattern: string }
  /** IP field inside a CIDR block (IPv4 or IPv6). */
  | { op: 'cidr'; field: string; cidr: string }
  /** Full-text match of all the words, on `message` unless a text field is named. */
  | { op: 'match'; field?: string; text: string; phrase?: boolean };

export const and = (...filters: Filter[]): Filter => ({ op: 'and', filters });
export const or = (...filters: Filter[]): Filter => ({ op: 'or', filters });
export const not = (filter: Filter): Filter => ({ op: 'not', filter });
export const term = (field: string, value: string | number | boolean): Filter => ({ op: 'term', field, value });
