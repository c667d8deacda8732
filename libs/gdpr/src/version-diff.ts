export interface FieldChange {
  /** Dotted path: `dataCategories[health].retentionPeriod`, `purposes[1]`, `status`. */
  field: string;
  before: unknown;
  after: unknown;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Arrays of objects keyed by one of these are matched by key, not position. */
const KEYS = ['code', 'type', 'name', 'recipient'];

function commonKey(a: unknown[], b: unknown[]): string | undefined {
  if (![...a, ...b].every(isObject)) return undefined;
  return KEYS.find((k) =>
    [a, b].every((arr) => {
      const values = arr.map((i) => (i as Record<string, Json>)[k]);
      return values.every((v) => typeof v === 'string') && new Set(values).size === values.length;
    }),
  );
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function walk(path: string, a: unknown, b: unknown, out: FieldChange[]): void {
  if (same(a, b)) return;
  if (isObject(a) && isObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
      walk(path ? `${path}.${k}` : k, a[k] ?? null, b[k] ?? null, out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const k = commonKey(a, b);
    if (k) {
      const index = (arr: unknown[]) => new Map(arr.map((x) => [String((x as Record<string, Json>)[k]), x]));
      const ia = index(a);
      const ib = index(b);
      for (const id of new Set([...ia.keys(), ...ib.keys()])) walk(`${path}[${id}]`, ia.get(id) ?? null, ib.get(id) ?? null, out);
      return;
    }
    if (a.every((x) => !isObject(x) && !Array.isArray(x)) && b.every((x) => !isObject(x) && !Array.isArray(x))) {
      out.push({ field: path, before: a, after: b });
      return;
    }
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) walk(`${path}[${i}]`, a[i] ?? null, b[i] ?? null, out);
    return;
  }
  out.push({ field: path, before: a ?? null, after: b ?? null });
}

/**
 * Field-level differences between two versions of a record. Lists of objects
 * with a unique `code`/`type`/`name` are matched by it, so reordering is not
 * a change and a changed retention reads `dataCategories[health].retentionPeriod`.
 */
export function diffVersions(before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  walk('', before ?? null, after ?? null, out);
  return out;
}
