/**
 * PostgreSQL's jsonb (and text) cannot hold U+0000 nor unpaired UTF-16
 * surrogates, both of which turn up in raw syslog. They are replaced by U+FFFD
 * so that the event is kept rather than failing its whole batch.
 */
export function sanitiseForJsonb<T>(value: T): T {
  if (!needsSanitising(value)) return value;
  return clean(value) as T;
}

// eslint-disable-next-line no-control-regex -- NUL is exactly what must be found
const BAD = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BAD_GLOBAL = new RegExp(BAD.source, 'g');

function needsSanitising(value: unknown): boolean {
  if (typeof value === 'string') return BAD.test(value);
  if (Array.isArray(value)) return value.some(needsSanitising);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => BAD.test(k) || needsSanitising(v));
  }
  return false;
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(BAD_GLOBAL, '\uFFFD');
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(BAD_GLOBAL, '\uFFFD'), clean(v)]));
  }
  return value;
}
