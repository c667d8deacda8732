import type { EventContext, FieldAccessor } from './event-context';
import type { IndexKey } from './index-keys';
import { cidrContains, parseIp } from './ip-cidr';
import { SigmaString, WILD_MULTI, WILD_SINGLE } from './sigma-string';
import type { MValue, ModifiedItem, TimePart } from './value-modifiers';

export type Predicate = (ctx: EventContext) => boolean;

const ALWAYS_FALSE: Predicate = () => false;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

type AtomOp = 'contains' | 'starts' | 'ends';

export interface Atom {
  id: number;
  compute: (ctx: EventContext) => boolean;
}

const atoms = new Map<string, Atom>();

/**
 * A (field, operation, needle) test shared by every rule that uses it; its result is memoised per event,
 * so a needle common to many rules is searched once per event.
 */
export function sharedAtom(key: string, compute: (ctx: EventContext) => boolean): Atom {
  let atom = atoms.get(key);
  if (!atom) {
    atom = { id: atoms.size, compute };
    atoms.set(key, atom);
  }
  return atom;
}

function atomFor(acc: FieldAccessor, cased: boolean, op: AtomOp, needle: string): Atom {
  const key = `${acc.id}|${cased ? 1 : 0}|${op}|${needle}`;
  let atom = atoms.get(key);
  if (!atom) {
    const read = cased ? (ctx: EventContext) => ctx.strings(acc) : (ctx: EventContext) => ctx.lower(acc);
    let compute: (ctx: EventContext) => boolean;
    if (op === 'contains') {
      compute = (ctx) => {
        const vals = read(ctx);
        for (let i = 0; i < vals.length; i++) if (vals[i].includes(needle)) return true;
        return false;
      };
    } else if (op === 'starts') {
      compute = (ctx) => {
        const vals = read(ctx);
        for (let i = 0; i < vals.length; i++) if (vals[i].startsWith(needle)) return true;
        return false;
      };
    } else {
      compute = (ctx) => {
        const vals = read(ctx);
        for (let i = 0; i < vals.length; i++) if (vals[i].endsWith(needle)) return true;
        return false;
      };
    }
    atom = { id: atoms.size, compute };
    atoms.set(key, atom);
  }
  return atom;
}

/** Matches strings against many Sigma string patterns at once (equals / prefix / suffix / infix / glob). */
class MultiStringMatcher {
  private readonly eq = new Set<string>();
  private readonly contains: string[] = [];
  private readonly starts: string[] = [];
  private readonly ends: string[] = [];
  private readonly globs: RegExp[] = [];

  constructor(private readonly cased: boolean) {}

  addPlain(text: string): void {
    this.eq.add(this.cased ? text : text.toLowerCase());
  }

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

  predicate(accs: readonly FieldAccessor[]): Predicate {
    const ids: Atom[] = [];
    for (const a of accs) {
      for (const n of this.contains) ids.push(atomFor(a, this.cased, 'contains', n));
      for (const n of this.starts) ids.push(atomFor(a, this.cased, 'starts', n));
      for (const n of this.ends) ids.push(atomFor(a, this.cased, 'ends', n));
    }
    const eq = this.eq;
    const globs = this.globs;
    const direct = eq.size > 0 || globs.length > 0;
    const cased = this.cased;
    return (ctx) => {
      if (direct) {
        for (const a of accs) {
          const vals = cased ? ctx.strings(a) : ctx.lower(a);
          for (let i = 0; i < vals.length; i++) {
            const v = vals[i];
            if (eq.has(v)) return true;
            for (let g = 0; g < globs.length; g++) if (globs[g].test(v)) return true;
          }
        }
      }
      for (let i = 0; i < ids.length; i++) if (ctx.cached(ids[i].id, ids[i].compute)) return true;
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

/** Compile a non-string value (or a value that needs the raw event) into a predicate. */
function compileSingle(
  v: MValue,
  accs: readonly FieldAccessor[],
  resolve: (field: string) => FieldAccessor,
): Predicate {
  switch (v.t) {
    case 'str': {
      const m = new MultiStringMatcher(v.cased);
      m.add(v.s);
      return m.predicate(accs);
    }
    case 'null':
      return (ctx) =>
        accs.every((a) => {
          const raw = ctx.value(a);
          return raw === undefined || raw === null;
        });
    case 'exists':
      return (ctx) => accs.some((a) => ctx.value(a) !== undefined) === v.b;
    case 'num': {
      const text = String(v.n);
      return (ctx) =>
        accs.some((a) =>
          forEachScalar(ctx.value(a), (x) =>
            typeof x === 'number'
              ? x === v.n
              : typeof x === 'string' &&
                (x === text || (x.trim() !== '' && Number(x) === v.n && /^\s*[+-]?\d+(\.\d+)?\s*$/.test(x))),
          ),
        );
    }
    case 'bool':
      return (ctx) =>
        accs.some((a) =>
          forEachScalar(ctx.value(a), (x) => x === v.b || (typeof x === 'string' && x.toLowerCase() === String(v.b))),
        );
    case 'cmp':
      return (ctx) =>
        accs.some((a) =>
          forEachScalar(ctx.value(a), (x) => {
            const n = toNumber(x);
            return n !== undefined && compare(n, v.op, v.n);
          }),
        );
    case 'cidr': {
      const cidrAtoms = accs.map((a) =>
        sharedAtom(`${a.id}|cidr|${v.cidr.text}`, (ctx) =>
          ctx.strings(a).some((s) => {
            const ip = parseIp(s);
            return ip !== undefined && cidrContains(v.cidr, ip);
          }),
        ),
      );
      return (ctx) => cidrAtoms.some((at) => ctx.cached(at.id, at.compute));
    }
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
function compileOr(
  values: readonly MValue[],
  accs: readonly FieldAccessor[],
  resolve: (f: string) => FieldAccessor,
): Predicate {
  const ci = new MultiStringMatcher(false);
  const cs = new MultiStringMatcher(true);
  const others: Predicate[] = [];
  for (const v of values) {
    if (v.t === 'str') (v.cased ? cs : ci).add(v.s);
    else if (v.t === 'num') ci.addPlain(String(v.n));
    else if (v.t === 'bool') ci.addPlain(String(v.b));
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

/**
 * Index keys an item requires: exact values on the field itself, and for `endswith` values such as
 * `\\cmd.exe` the last path segment on the field's `#basename` key. Undefined when not indexable.
 */
export function itemKeys(item: ModifiedItem, acc: FieldAccessor): IndexKey[] | undefined {
  if (item.negate) return undefined;
  if (item.linkAll && item.groups.length > 1) return undefined;
  const field = acc.paths.join(',');
  const out: IndexKey[] = [];
  for (const v of item.groups.flat()) {
    if (v.t === 'num' || v.t === 'bool') out.push({ field, value: String(v.t === 'num' ? v.n : v.b) });
    else if (v.t === 'str' && v.s.parts.every((p) => typeof p === 'string')) {
      out.push({ field, value: (v.s.parts as string[]).join('').toLowerCase() });
    } else if (
      v.t === 'str' &&
      v.s.parts.length === 2 &&
      v.s.parts[0] === WILD_MULTI &&
      typeof v.s.parts[1] === 'string'
    ) {
      const text = v.s.parts[1];
      const base = text.slice(1);
      if ((text[0] === '\\' || text[0] === '/') && base !== '' && !/[\\/]/.test(base)) {
        out.push({ field: `${field}#basename`, value: base.toLowerCase() });
      } else return undefined;
    } else return undefined;
  }
  return out.length > 0 ? out : undefined;
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
