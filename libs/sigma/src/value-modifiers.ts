import { Cidr, parseCidr } from './ip-cidr';
import { checkRegex } from './regex-safety';
import { SigmaInvalidError, SigmaUnsupportedError } from './rule-errors';
import {
  appendWildcard,
  hasPlaceholders,
  hasWildcards,
  insertPlaceholders,
  mapText,
  parseSigmaString,
  prependWildcard,
  SigmaString,
  StringPart,
  toPlain,
  WILD_MULTI,
} from './sigma-string';
import type { CompareOp } from './types';

export type TimePart = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** A rule value after modifiers, before compilation into a predicate. */
export type MValue =
  | { t: 'str'; s: SigmaString; cased: boolean; raw?: string; binary?: boolean }
  | { t: 're'; source: string; flags: Set<string> }
  | { t: 'num'; n: number }
  | { t: 'bool'; b: boolean }
  | { t: 'null' }
  | { t: 'cidr'; cidr: Cidr }
  | { t: 'cmp'; op: CompareOp; n: number }
  | { t: 'exists'; b: boolean }
  | { t: 'fieldref'; field: string; starts: boolean; ends: boolean; cased: boolean }
  | { t: 'time'; part: TimePart; n: number };

/** Values of one detection item: each group is an expansion (OR-linked even under `|all`). */
export type ValueGroups = MValue[][];

export interface ModifiedItem {
  groups: ValueGroups;
  linkAll: boolean;
  negate: boolean;
}

export interface ModifierOptions {
  placeholders?: Readonly<Record<string, readonly string[]>>;
}

export const KNOWN_MODIFIERS = new Set([
  'contains',
  'startswith',
  'endswith',
  'all',
  're',
  'i',
  'm',
  's',
  'ignorecase',
  'multiline',
  'dotall',
  'cidr',
  'base64',
  'base64offset',
  'utf16le',
  'utf16be',
  'utf16',
  'wide',
  'windash',
  'exists',
  'cased',
  'neq',
  'lt',
  'lte',
  'gt',
  'gte',
  'fieldref',
  'expand',
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'year',
]);

export function initialValue(v: unknown): MValue {
  if (v === null || v === undefined) return { t: 'null' };
  if (typeof v === 'string') return { t: 'str', s: parseSigmaString(v), cased: false, raw: v };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new SigmaInvalidError(`non-finite number value ${v}`);
    return { t: 'num', n: v };
  }
  if (typeof v === 'boolean') return { t: 'bool', b: v };
  if (v instanceof Date) return { t: 'str', s: parseSigmaString(v.toISOString()), cased: false, raw: v.toISOString() };
  throw new SigmaInvalidError(`value of type ${Array.isArray(v) ? 'nested list' : typeof v} is not allowed`);
}

function asString(v: MValue, mod: string): Extract<MValue, { t: 'str' }> {
  if (v.t === 'str') return v;
  if (v.t === 'num' || v.t === 'bool') {
    const raw = String(v.t === 'num' ? v.n : v.b);
    return { t: 'str', s: parseSigmaString(raw), cased: false, raw };
  }
  throw new SigmaInvalidError(`modifier '${mod}' cannot be applied to a ${v.t} value`);
}

function asNumber(v: MValue, mod: string): number {
  if (v.t === 'num') return v.n;
  if (v.t === 'str') {
    const plain = toPlain(v.s);
    if (plain !== undefined && plain.trim() !== '' && Number.isFinite(Number(plain))) return Number(plain);
  }
  throw new SigmaInvalidError(`modifier '${mod}' needs a numeric value`);
}

function withoutRaw(v: Extract<MValue, { t: 'str' }>, s: SigmaString, extra?: Partial<Extract<MValue, { t: 'str' }>>) {
  return { t: 'str' as const, s, cased: v.cased, binary: v.binary, ...extra };
}

function utf16(text: string, le: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const hi = String.fromCharCode(c >> 8);
    const lo = String.fromCharCode(c & 0xff);
    out += le ? lo + hi : hi + lo;
  }
  return out;
}

function bytesOf(v: Extract<MValue, { t: 'str' }>, mod: string): Buffer {
  if (hasWildcards(v.s) || hasPlaceholders(v.s)) {
    throw new SigmaInvalidError(`modifier '${mod}' cannot encode a value containing wildcards`);
  }
  const text = toPlain(v.s) ?? '';
  return v.binary ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8');
}

function base64Offsets(data: Buffer): string[] {
  const start = [0, 2, 3];
  const endCut = [0, 3, 2];
  const out: string[] = [];
  for (let i = 0; i < 3; i++) {
    const enc = Buffer.concat([Buffer.alloc(i, 0x20), data]).toString('base64');
    const cut = endCut[(data.length + i) % 3];
    out.push(enc.slice(start[i], cut === 0 ? undefined : enc.length - cut));
  }
  return out;
}

const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015'];

/** pySigma semantics: a `-` or `/` that follows a non-word character and precedes a word character. */
function windash(v: Extract<MValue, { t: 'str' }>): MValue[] {
  let variants: StringPart[][] = [[]];
  const push = (alts: StringPart[]) => {
    const next: StringPart[][] = [];
    for (const base of variants) for (const a of alts) next.push([...base, a]);
    variants = next;
    if (variants.length > 3125) throw new SigmaUnsupportedError('windash: too many dash permutations');
  };
  const parts = v.s.parts;
  for (let pi = 0; pi < parts.length; pi++) {
    const p = parts[pi];
    if (typeof p !== 'string') {
      push([p]);
      continue;
    }
    let seg = '';
    for (let i = 0; i < p.length; i++) {
      const c = p[i];
      const prev = i > 0 ? p[i - 1] : undefined;
      const next = i + 1 < p.length ? p[i + 1] : undefined;
      const prevWord = prev !== undefined && /\w/.test(prev);
      const nextWord = next !== undefined && /\w/.test(next);
      if ((c === '-' || c === '/') && !prevWord && nextWord) {
        if (seg) push([seg]);
        seg = '';
        push(DASHES);
      } else seg += c;
    }
    if (seg) push([seg]);
  }
  return variants.map((vp) => {
    const merged: StringPart[] = [];
    for (const x of vp) {
      const last = merged[merged.length - 1];
      if (typeof x === 'string' && typeof last === 'string') merged[merged.length - 1] = last + x;
      else merged.push(x);
    }
    return withoutRaw(v, { parts: merged });
  });
}

function expandPlaceholders(v: Extract<MValue, { t: 'str' }>, opts: ModifierOptions): MValue[] {
  const s = insertPlaceholders(v.s);
  let variants: StringPart[][] = [[]];
  for (const p of s.parts) {
    if (typeof p === 'object') {
      const values = opts.placeholders?.[p.placeholder];
      if (!values) throw new SigmaUnsupportedError(`placeholder %${p.placeholder}% has no value`);
      const next: StringPart[][] = [];
      for (const base of variants) for (const val of values) next.push([...base, ...parseSigmaString(val).parts]);
      variants = next;
      if (variants.length > 10000) throw new SigmaUnsupportedError('expand: too many placeholder combinations');
    } else {
      for (const base of variants) base.push(p);
    }
  }
  return variants.map((parts) =>
    withoutRaw(
      v,
      mapText({ parts }, (t) => t),
    ),
  );
}

/** Wrap a regex with a top-level alternation in a non-capturing group (pySigma behaviour). */
function groupAlternation(src: string): string {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return `(?:${src})`;
  }
  return src;
}

function endsUnescaped(src: string, suffix: string): boolean {
  if (!src.endsWith(suffix)) return false;
  const head = src.slice(0, src.length - suffix.length);
  const m = /\\*$/.exec(head);
  return (m ? m[0].length : 0) % 2 === 0;
}

function applyOne(
  mod: string,
  v: MValue,
  applied: readonly string[],
  opts: ModifierOptions,
  hasField: boolean,
): MValue[] {
  switch (mod) {
    case 'contains':
    case 'startswith':
    case 'endswith': {
      if (v.t === 're') {
        let src = groupAlternation(v.source);
        const open = !endsUnescaped(src, '.*') && !endsUnescaped(src, '$');
        if (mod !== 'startswith' && !src.startsWith('.*') && !src.startsWith('^')) src = '.*' + src;
        if (mod !== 'endswith' && open) src = src + '.*';
        return [{ ...v, source: src }];
      }
      if (v.t === 'fieldref') {
        return [{ ...v, starts: v.starts || mod !== 'endswith', ends: v.ends || mod !== 'startswith' }];
      }
      const s = asString(v, mod);
      let out = s.s;
      if (mod !== 'startswith') out = prependWildcard(out);
      if (mod !== 'endswith') out = appendWildcard(out);
      return [withoutRaw(s, out)];
    }
    case 'all':
    case 'neq':
      return [v];
    case 'base64': {
      const s = asString(v, mod);
      return [{ t: 'str', s: { parts: [bytesOf(s, mod).toString('base64')] }, cased: s.cased }];
    }
    case 'base64offset': {
      const s = asString(v, mod);
      return base64Offsets(bytesOf(s, mod)).map((b) => ({ t: 'str' as const, s: { parts: [b] }, cased: s.cased }));
    }
    case 'utf16le':
    case 'wide':
    case 'utf16be':
    case 'utf16': {
      const s = asString(v, mod);
      if (s.binary) throw new SigmaInvalidError(`modifier '${mod}' applied to an already encoded value`);
      const le = mod !== 'utf16be';
      const out = mapText(s.s, (t) => utf16(t, le));
      if (mod === 'utf16') out.parts.unshift('\xff\xfe');
      const merged = mapText(out, (t) => t);
      return [{ t: 'str', s: merged, cased: s.cased, binary: true }];
    }
    case 'windash':
      return windash(asString(v, mod));
    case 'expand':
      return expandPlaceholders(asString(v, mod), opts);
    case 're': {
      if (applied.some((m) => m !== 'expand' && m !== 'all')) {
        throw new SigmaInvalidError("modifier 're' must come first in the modifier chain");
      }
      if (v.t !== 'str') throw new SigmaInvalidError("modifier 're' needs a string value");
      const source = v.raw ?? toSigmaRegexSource(v.s);
      return [{ t: 're', source, flags: new Set() }];
    }
    case 'i':
    case 'ignorecase':
    case 'm':
    case 'multiline':
    case 's':
    case 'dotall': {
      if (v.t !== 're') throw new SigmaInvalidError(`modifier '${mod}' is only allowed after 're'`);
      const flag = mod === 'ignorecase' ? 'i' : mod === 'multiline' ? 'm' : mod === 'dotall' ? 's' : mod;
      const flags = new Set(v.flags);
      flags.add(flag);
      return [{ ...v, flags }];
    }
    case 'cidr': {
      if (applied.some((m) => m !== 'all' && m !== 'neq')) {
        throw new SigmaInvalidError("modifier 'cidr' only applies to unmodified values");
      }
      const s = asString(v, mod);
      const cidr = parseCidr(toPlain(s.s) ?? '');
      if (!cidr) throw new SigmaInvalidError(`invalid CIDR '${s.raw ?? ''}'`);
      return [{ t: 'cidr', cidr }];
    }
    case 'exists': {
      if (!hasField) throw new SigmaInvalidError("modifier 'exists' must be applied to a field");
      let b: boolean | undefined;
      if (v.t === 'bool') b = v.b;
      else if (v.t === 'str' && /^(true|false)$/i.test(v.raw ?? '')) b = /^true$/i.test(v.raw ?? '');
      if (b === undefined) throw new SigmaInvalidError("modifier 'exists' needs a boolean value");
      return [{ t: 'exists', b }];
    }
    case 'cased': {
      if (v.t === 'fieldref') return [{ ...v, cased: true }];
      const s = asString(v, mod);
      return [{ ...s, cased: true }];
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return [{ t: 'cmp', op: mod, n: asNumber(v, mod) }];
    case 'fieldref': {
      const s = asString(v, mod);
      const plain = toPlain(s.s);
      if (plain === undefined || plain === '')
        throw new SigmaInvalidError('field references must not contain wildcards');
      return [{ t: 'fieldref', field: plain, starts: false, ends: false, cased: s.cased }];
    }
    case 'minute':
    case 'hour':
    case 'day':
    case 'week':
    case 'month':
    case 'year':
      return [{ t: 'time', part: mod, n: asNumber(v, mod) }];
    default:
      throw new SigmaUnsupportedError(`modifier:${mod}`);
  }
}

function toSigmaRegexSource(s: SigmaString): string {
  return s.parts
    .map((p) =>
      p === WILD_MULTI ? '*' : typeof p === 'string' ? p : typeof p === 'object' ? `%${p.placeholder}%` : '?',
    )
    .join('');
}

/** Apply a modifier chain to the raw YAML values of a detection item. */
export function applyModifiers(
  modifiers: readonly string[],
  rawValues: readonly unknown[],
  opts: ModifierOptions,
  hasField: boolean,
): ModifiedItem {
  for (const m of modifiers) if (!KNOWN_MODIFIERS.has(m)) throw new SigmaUnsupportedError(`modifier:${m}`);
  let groups: ValueGroups = rawValues.map((v) => [initialValue(v)]);
  const applied: string[] = [];
  for (const mod of modifiers) {
    groups = groups.map((g) =>
      g.flatMap((v) =>
        v.t === 'null' && mod !== 'all' && mod !== 'neq' ? invalidNull(mod) : applyOne(mod, v, applied, opts, hasField),
      ),
    );
    applied.push(mod);
  }
  groups = groups.map((g) =>
    g.map((v): MValue => {
      if (v.t !== 're') return v;
      const chk = checkRegex(v.source, v.flags);
      if (!chk.ok) {
        if (chk.unsupported) throw new SigmaUnsupportedError(chk.reason);
        throw new SigmaInvalidError(chk.reason);
      }
      return { t: 're', source: chk.source, flags: new Set(chk.flags) };
    }),
  );
  return { groups, linkAll: modifiers.includes('all'), negate: modifiers.includes('neq') };
}

function invalidNull(mod: string): never {
  throw new SigmaInvalidError(`modifier '${mod}' cannot be applied to null`);
}
