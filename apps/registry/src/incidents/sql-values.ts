/** Row value helpers shared by the ISMS repositories (pg and PGlite answer alike through these). */
export function isoOrNull(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return (v instanceof Date ? v : new Date(String(v))).toISOString();
}

export function iso(v: unknown): string {
  return isoOrNull(v) as string;
}

export function strOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

export function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

/** A `date` column read as `col::text`. */
export function dateOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v).slice(0, 10);
}

/** A jsonb value: pg may hand it over as text, PGlite as the parsed value. */
export function json<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/** bytea arrives as a Buffer (pg) or a Uint8Array (PGlite). */
export function bytes(v: unknown): Buffer {
  if (Buffer.isBuffer(v)) return v;
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  if (typeof v === 'string' && v.startsWith('\\x')) return Buffer.from(v.slice(2), 'hex');
  throw new TypeError('not a bytea value');
}

/** Minimal query surface of a DataSource or an EntityManager. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}
