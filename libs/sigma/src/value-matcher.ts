import type { EventContext, FieldAccessor } from './event-context';
import { cidrContains, parseIp } from './ip-cidr';
import { SigmaString, WILD_MULTI, WILD_SINGLE } from './sigma-string';
import type { MValue, ModifiedItem, TimePart } from './value-modifiers';

export type Predicate = (ctx: EventContext) => boolean;

const ALWAYS_FALSE: Predicate = () => false;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Matches strings against many Sigma string patterns at once (equals / prefix / suffix / infix / glob). */
class MultiStringMatcher {
  private readonly eq = new Set<string>();
  private readonly contains: string[] = [];
  private readonly starts: string[] = [];
  private readonly ends: string[] = [];
  private readonly globs: RegExp[] = [];

  constructor(private readonly cased: boolean) {}

  add(s: SigmaString): void {
    const norm = (t: string) => (this.cased ? t : t.toLowerCase());
    const parts = s.parts;
    const texts = parts.filter((p): p is string => typeof p === 'string');
    const wilds = parts.filter((p) => p === WILD_MULTI || p === WILD_SINGLE);
    if (wilds.length === 0) {
      this.eq.add(norm(texts.join('')));
      return;
    }
    const onlyMulti = wilds.every((w) => w === WILD_MULTI);
    if (onlyMulti && texts.length <= 1) {
      const t = norm(texts[0] ?? '');
      const first = parts[0] === WILD_MULTI;
      const last = parts[parts.length - 1] === WILD_MULTI;
      if (parts.length === 1) this.contains.push('');
      else if (first && last && parts.length === 3) this.contains.push(t);
      else if (first && parts.length === 2) this.ends.push(t);
      else if (last && parts.length === 2) this.starts.push(t);
      else this.globs.push(globRegex(s, this.cased));
      return;
    }
    this.globs.push(globRegex(s, this.cased));
  }

  get size(): number {
    return this.eq.size + this.contains.length + this.starts.length + this.ends.length + this.globs.length;
  }

  test(v: string): boolean {
    if (this.eq.size > 0 && this.eq.has(v)) return true;
    for (const c of this.contains) if (v.includes(c)) return true;
    for (const c of this.starts) if (v.startsWith(c)) return true;
    for (const c of this.ends) if (v.endsWith(c)) return true;
    for (const r of this.globs) if (r.test(v)) return true;
    return false;
  }

  predicate(accs: readonly FieldAccessor[]): Predicate {
    if (this.cased) {
      return (ctx) => {
        for (const a of accs) for (const v of ctx.strings(a)) if (this.test(v)) return true;
        return false;
      };
    }
    if (accs.length === 1) {
      const a = accs[0];
      return (ctx) => {
        const vals = ctx.lower(a);
        for (let i = 0; i < vals.length; i++) if (this.test(vals[i])) return true;
        return false;
      };
    }
    return (ctx) => {
      for (const a of accs) for (const v of ctx.lower(a)) if (this.test(v)) return true;
      return false;
    };
  }
}

function globRegex(s: SigmaString, cased: boolean): RegExp {
  let src = '^';
  for (const p of s.parts) {
    if (p === WILD_MULTI) src += '.*';
    else if (p === WILD_SINGLE) src += '.';
    else if (typeof p === 'string') src += escapeRegex(cased ? p : p.toLowerCase());
  }
  return new RegExp(src + '$', 's');
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function forEachScalar(v: unknown, fn: (x: unknown) => boolean): boolean {
  if (Array.isArray(v)) {
    for (const x of v) if (forEachScalar(x, fn)) return true;
    return false;
  }
  return fn(v);
}

function timePart(v: unknown, part: TimePart): number | undefined {
  const d = typeof v === 'number' ? new Date(v) : typeof v === 'string' ? new Date(v) : undefined;
  if (!d || Number.isNaN(d.getTime())) return undefined;
  switch (part) {
    case 'minute':
      return d.getUTCMinutes();
    case 'hour':
      return d.getUTCHours();
    case 'day':
      return d.getUTCDate();
    case 'month':
      return d.getUTCMonth() + 1;
    case 'year':
      return d.getUTCFullYear();
    case 'week': {
      const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
      const day = t.getUTCDay() || 7;
      t.setUTCDate(t.getUTCDate() + 4 - day);
      const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
      return Math.ceil(((t.getTime() - yearStart) / 86400000 + 1) / 7);
    }
  }
}

function compare(a: number, op: string, b: number): boolean {
  switch (op) {
    case 'lt':
      return a < b;
    case 'lte':
      return a <= b;
    case 'gt':
      return a > b;
    case 'gte':
      return a >= b;
    case 'eq':
      return a === b;
    default:
      return a !== b;
  }
}

function anyAcc(accs: readonly FieldAccessor[], fn: (a: FieldAccessor) => boolean): Predicate {
  if (accs.length === 1) {
    const a = accs[0];
    return () => fn(a);
  }
  return () => accs.some(fn);
}

/** Compile a non-string value (or a value that needs the raw event) into a predicate. */
function compileSingle(v: MValue, accs: readonly FieldAccessor[], resolve: (field: string) => FieldAccessor): Predicate {
  switch (v.t) {
    case 'str': {
      const m = new MultiStringMatcher(v.cased);
      m.add(v.s);
      return m.predicate(accs);
    }
    case 'null':
      return (ctx) => accs.every((a) => {
        const raw = ctx.value(a);
        return raw === undefined || raw === null;
      });
    case 'exists':
      return (ctx) => accs.some((a) => ctx.value(a) !== undefined) === v.b;
    case 'num': {
      const text = String(v.n);
      return (ctx) =>
        accs.some((a) =>
          forEachScalar(ctx.value(a), (x) => (typeof x === 'number' ? x === v.n : typeof x === 'string' && (x === text || (x.trim() !== '' && Number(x) === v.n && /^\s*[+-]?\d+(\.\d+)?\s*$/.test(x))))),
        );
    }
    case 'bool':
      return (ctx) =>
        accs.some((a) => forEachScalar(ctx.value(a), (x) => x === v.b || (typeof x === 'string' && x.toLowerCase() === String(v.b))));
    case 'cmp':
      return (ctx) =>
        accs.some((a) =>
          forEachScalar(ctx.value(a), (x) => {
            const n = toNumber(x);
            return n !== undefined && compare(n, v.op, v.n);
          }),
        );
    case 'cidr':
      return (ctx) =>
        accs.some((a) =>
          ctx.strings(a).some((s) => {
            const ip = parseIp(s);
            return ip !== undefined && cidrContains(v.cidr, ip);
          }),
        );
    case 're': {
      const re = new RegExp(v.source, [...v.flags].filter((f) => 'ims'.includes(f)).join(''));
      return (ctx) => accs.some((a) => ctx.strings(a).some((s) => re.test(s)));
    }
    case 'fieldref': {
      const ref = resolve(v.field);
      return (ctx) => {
        const refVals = v.cased ? ctx.strings(ref) : ctx.lower(ref);
        if (refVals.length === 0) return false;
        return accs.some((a) =>
          (v.cased ? ctx.strings(a) : ctx.lower(a)).some((s) =>
            refVals.some((r) =>
              v.starts && v.ends ? s.includes(r) : v.starts ? s.startsWith(r) : v.ends ? s.endsWith(r) : s === r,
            ),
          ),
        );
      };
    }
    case 'time':
      return (ctx) => accs.some((a) => forEachScalar(ctx.value(a), (x) => timePart(x, v.part) === v.n));
  }
}

/** OR of values: plain strings are merged into one multi-pattern matcher per case mode. */
function compileOr(values: readonly MValue[], accs: readonly FieldAccessor[], resolve: (f: string) => FieldAccessor): Predicate {
  const ci = new MultiStringMatcher(false);
  const cs = new MultiStringMatcher(true);
  const others: Predicate[] = [];
  for (const v of values) {
    if (v.t === 'str') (v.cased ? cs : ci).add(v.s);
    else others.push(compileSingle(v, accs, resolve));
  }
  const preds: Predicate[] = [];
  if (ci.size > 0) preds.push(ci.predicate(accs));
  if (cs.size > 0) preds.push(cs.predicate(accs));
  preds.push(...others);
  return orOf(preds);
}

export function orOf(preds: readonly Predicate[]): Predicate {
  if (preds.length === 0) return ALWAYS_FALSE;
  if (preds.length === 1) return preds[0];
  if (preds.length === 2) {
    const [a, b] = preds;
    return (ctx) => a(ctx) || b(ctx);
  }
  return (ctx) => {
    for (let i = 0; i < preds.length; i++) if (preds[i](ctx)) return true;
    return false;
  };
}

export function andOf(preds: readonly Predicate[]): Predicate {
  if (preds.length === 0) return () => true;
  if (preds.length === 1) return preds[0];
  if (preds.length === 2) {
    const [a, b] = preds;
    return (ctx) => a(ctx) && b(ctx);
  }
  return (ctx) => {
    for (let i = 0; i < preds.length; i++) if (!preds[i](ctx)) return false;
    return true;
  };
}

export function notOf(p: Predicate): Predicate {
  return (ctx) => !p(ctx);
}

export function compileItem(
  item: ModifiedItem,
  accs: readonly FieldAccessor[],
  resolve: (field: string) => FieldAccessor,
): Predicate {
  let pred: Predicate;
  if (item.linkAll) pred = andOf(item.groups.map((g) => compileOr(g, accs, resolve)));
  else pred = compileOr(item.groups.flat(), accs, resolve);
  return item.negate ? notOf(pred) : pred;
}

/** Exact (lower-cased) values an item requires, for index prefiltering; undefined when not exact. */
export function exactValues(item: ModifiedItem): string[] | undefined {
  if (item.negate) return undefined;
  if (item.linkAll && item.groups.length > 1) return undefined;
  const out: string[] = [];
  for (const v of item.groups.flat()) {
    if (v.t === 'num') out.push(String(v.n));
    else if (v.t === 'bool') out.push(String(v.b));
    else if (v.t === 'str' && v.s.parts.every((p) => typeof p === 'string')) {
      out.push((v.s.parts as string[]).join('').toLowerCase());
    } else return undefined;
  }
  return out.length > 0 ? out : undefined;
}
