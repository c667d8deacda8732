import type { Filter } from '@vigie/event-store';

type RangeFilter = Extract<Filter, { op: 'range' }>;
type Scalar = string | number | boolean;

/** The filter that matches every document (`*`, or an AND of nothing). */
export const MATCH_ALL: Filter = Object.freeze({ op: 'and', filters: [] }) as Filter;

export const isMatchAll = (f: Filter): boolean => f.op === 'and' && f.filters.length === 0;

/**
 * AND of the filters: nested ANDs are flattened, match-all members dropped, and
 * a lower and an upper range bound on the same field merged into one range
 * (`port >= 1 and port < 10`).
 */
export function makeAnd(filters: Filter[]): Filter {
  const flat: Filter[] = [];
  for (const f of filters) {
    if (f.op === 'and') flat.push(...f.filters);
    else flat.push(f);
  }
  const merged: Filter[] = [];
  for (const f of flat) {
    if (f.op === 'range') {
      const index = merged.findIndex((m) => m.op === 'range' && m.field === f.field && canMerge(m, f));
      if (index >= 0) {
        merged[index] = { ...(merged[index] as RangeFilter), ...boundsOf(f) };
        continue;
      }
    }
    merged.push(f);
  }
  return merged.length === 1 ? merged[0] : { op: 'and', filters: merged };
}

/**
 * OR of the filters: nested ORs are flattened, anything OR match-all is
 * match-all, and exact values on one field become a single `terms`.
 */
export function makeOr(filters: Filter[]): Filter {
  const flat: Filter[] = [];
  for (const f of filters) {
    if (isMatchAll(f)) return MATCH_ALL;
    if (f.op === 'or') flat.push(...f.filters);
    else flat.push(f);
  }
  if (flat.length === 1) return flat[0];
  const first = flat[0];
  const field = first.op === 'term' || first.op === 'terms' ? first.field : undefined;
  if (field !== undefined && flat.every((f) => (f.op === 'term' || f.op === 'terms') && f.field === field)) {
    const values: Scalar[] = [];
    for (const f of flat) {
      if (f.op === 'term') values.push(f.value);
      else if (f.op === 'terms') values.push(...f.values);
    }
    return { op: 'terms', field, values };
  }
  return { op: 'or', filters: flat };
}

const LOWER = ['gt', 'gte'] as const;
const UPPER = ['lt', 'lte'] as const;

function boundsOf(r: RangeFilter): Partial<RangeFilter> {
  const out: Partial<RangeFilter> = {};
  for (const key of [...LOWER, ...UPPER]) if (r[key] !== undefined) out[key] = r[key];
  return out;
}

/** Two ranges merge when together they have at most one lower and one upper bound. */
function canMerge(a: Filter, b: RangeFilter): boolean {
  if (a.op !== 'range') return false;
  const count = (r: RangeFilter, keys: readonly string[]): number =>
    keys.filter((k) => r[k as keyof RangeFilter] !== undefined).length;
  return count(a, LOWER) + count(b, LOWER) <= 1 && count(a, UPPER) + count(b, UPPER) <= 1;
}
