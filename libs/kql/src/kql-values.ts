import { isIP } from 'node:net';
import type { Filter } from '@vigie/event-store';
import { evaluateDateMath, parseDateMath, parseIsoDateWithPrecision, roundDate } from './date-math';
import type { RangeOp, Word } from './kql-lexer';
import { DEFAULT_TEXT_FIELD, type KqlFieldType } from './kql-options';
import { KqlSyntaxError } from './kql-syntax.error';
import { MATCH_ALL, makeAnd } from './filter-builders';

/** A value as written: a quoted string, or unquoted words (with the whitespace between them). */
export interface Literal {
  quoted: boolean;
  /** Escapes resolved; unquoted wildcards kept as `*`. */
  text: string;
  /** Wildcard pattern (see `Word.pattern`). */
  pattern: string;
  /** Offset of the first unescaped `*` of an unquoted value, or -1. */
  wildcardAt: number;
  words: Array<{ word: Word; start: number }>;
  start: number;
  end: number;
}

export interface ValueContext {
  field: string;
  type: KqlFieldType | undefined;
  now: Date;
}

/** `1`, `-2.5`, `0.5`: numbers written plainly; `007` and 20-digit ids stay strings. */
const PLAIN_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
const TYPED_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const CIDR = /^([0-9A-Fa-f:.]+)\/(\d{1,3})$/;
const IPV4_WILDCARD = /^(\d{1,3}(?:\.\d{1,3}){0,2})\.\*$/;
const EPOCH_MILLIS = /^-?\d{5,}$/;

const isOnlyWildcards = (lit: Literal): boolean => !lit.quoted && /^\*+$/.test(lit.pattern);
/** Match text: the words joined by single spaces (escaped whitespace inside a word is kept). */
const matchText = (lit: Literal): string => lit.words.map(({ word }) => word.value).join(' ');

/** `field:value`. */
export function fieldValueFilter(ctx: ValueContext, lit: Literal): Filter {
  const { field, type } = ctx;
  if (isOnlyWildcards(lit)) return { op: 'exists', field };
  const wildcard = !lit.quoted && lit.wildcardAt >= 0;
  switch (type) {
    case 'text':
      if (wildcard) return { op: 'wildcard', field, pattern: lit.pattern };
      return lit.quoted
        ? { op: 'match', field, text: lit.text, phrase: true }
        : { op: 'match', field, text: matchText(lit) };
    case 'keyword':
      return wildcard ? { op: 'wildcard', field, pattern: lit.pattern } : { op: 'term', field, value: lit.text };
    case 'ip':
      return ipFilter(ctx, lit, wildcard);
    case 'date':
      rejectWildcard(ctx, lit, wildcard);
      return dateEqualityFilter(ctx, lit);
    case 'long':
    case 'float':
      rejectWildcard(ctx, lit, wildcard);
      return { op: 'term', field, value: typedNumber(ctx, lit) };
    case 'boolean':
      rejectWildcard(ctx, lit, wildcard);
      return { op: 'term', field, value: typedBoolean(ctx, lit) };
    case undefined: {
      if (wildcard) return { op: 'wildcard', field, pattern: lit.pattern };
      const cidr = asCidr(lit.text);
      if (cidr !== undefined) return { op: 'cidr', field, cidr };
      return { op: 'term', field, value: lit.quoted ? lit.text : inferScalar(lit.text) };
    }
  }
}

/** `field >= value`. */
export function rangeFilter(ctx: ValueContext, op: RangeOp, lit: Literal): Filter {
  const { field, type } = ctx;
  if (!lit.quoted && lit.wildcardAt >= 0) {
    throw new KqlSyntaxError('Wildcards are not allowed in range values', lit.wildcardAt);
  }
  let bound: string | number;
  switch (type) {
    case 'date':
      bound = dateBound(ctx, lit, op);
      break;
    case 'long':
    case 'float':
      bound = typedNumber(ctx, lit);
      break;
    case 'boolean':
      throw new KqlSyntaxError(`Range comparisons are not supported on boolean field '${field}'`, lit.start);
    case 'ip':
      if (isIP(lit.text) === 0) throw new KqlSyntaxError(`Expected an IP address for ip field '${field}'`, lit.start);
      bound = lit.text;
      break;
    case 'keyword':
    case 'text':
      bound = lit.text;
      break;
    case undefined:
      if (!lit.quoted && PLAIN_NUMBER.test(lit.text) && isSafeNumber(lit.text)) bound = toNumber(lit.text);
      else if (parseDateMath(lit.text)) bound = dateBound(ctx, lit, op);
      else bound = lit.text;
      break;
  }
  return { op: 'range', field, [op]: bound };
}

/**
 * Bare words and phrases search `message`. Unquoted words become one `match`
 * requiring all of them; words with a wildcard become `wildcard` filters on
 * `message`, ANDed with the match of the other words; a lone `*` matches all.
 */
export function bareValueFilter(lit: Literal): Filter {
  if (lit.quoted) return { op: 'match', text: lit.text, phrase: true };
  if (lit.wildcardAt < 0) return { op: 'match', text: matchText(lit) };
  const plain: string[] = [];
  const parts: Filter[] = [];
  for (const { word } of lit.words) {
    if (word.wildcardAt < 0) plain.push(word.value);
    else if (!/^\*+$/.test(word.pattern))
      parts.push({ op: 'wildcard', field: DEFAULT_TEXT_FIELD, pattern: word.pattern });
  }
  if (plain.length > 0) parts.unshift({ op: 'match', text: plain.join(' ') });
  return parts.length === 0 ? MATCH_ALL : makeAnd(parts);
}

function rejectWildcard(ctx: ValueContext, lit: Literal, wildcard: boolean): void {
  if (wildcard) {
    throw new KqlSyntaxError(`Wildcards are not supported on ${ctx.type} field '${ctx.field}'`, lit.wildcardAt);
  }
}

function ipFilter(ctx: ValueContext, lit: Literal, wildcard: boolean): Filter {
  const { field } = ctx;
  if (wildcard) {
    const m = IPV4_WILDCARD.exec(lit.text);
    const octets = m?.[1].split('.').map(Number);
    if (!m || !octets || octets.some((o) => o > 255)) {
      throw new KqlSyntaxError(
        `Wildcards on ip field '${field}' are only supported as trailing IPv4 octets (10.1.*); use a CIDR block`,
        lit.wildcardAt,
      );
    }
    const base = [...octets, 0, 0, 0].slice(0, 4).join('.');
    return { op: 'cidr', field, cidr: `${base}/${octets.length * 8}` };
  }
  const cidr = asCidr(lit.text);
  if (cidr !== undefined) return { op: 'cidr', field, cidr };
  if (isIP(lit.text) !== 0) return { op: 'term', field, value: lit.text };
  throw new KqlSyntaxError(`Expected an IP address or CIDR block for ip field '${field}'`, lit.start);
}

/** The CIDR block if the text is one (`10.0.0.0/8`, `2001:db8::/32`). */
export function asCidr(text: string): string | undefined {
  const m = CIDR.exec(text);
  if (!m) return undefined;
  const version = isIP(m[1]);
  const prefix = Number(m[2]);
  if (version === 0 || prefix > (version === 4 ? 32 : 128)) return undefined;
  return `${version === 6 ? m[1].toLowerCase() : m[1]}/${prefix}`;
}

function isSafeNumber(text: string): boolean {
  const n = Number(text);
  return Number.isFinite(n) && (text.includes('.') || Number.isSafeInteger(n));
}

/** Unquoted value on a field of unknown type: booleans and plain numbers are typed, the rest stays text. */
function inferScalar(text: string): string | number | boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (PLAIN_NUMBER.test(text) && isSafeNumber(text)) return toNumber(text);
  return text;
}

/** `-0` is 0: a filter value has no use for negative zero. */
const toNumber = (text: string): number => Number(text) || 0;

function typedNumber(ctx: ValueContext, lit: Literal): number {
  const n = toNumber(lit.text);
  if (!TYPED_NUMBER.test(lit.text) || !Number.isFinite(n)) {
    throw new KqlSyntaxError(`Expected a number for ${ctx.type} field '${ctx.field}'`, lit.start);
  }
  return n;
}

function typedBoolean(ctx: ValueContext, lit: Literal): boolean {
  const lower = lit.text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new KqlSyntaxError(`Expected true or false for boolean field '${ctx.field}'`, lit.start);
}

const invalidDate = (ctx: ValueContext, lit: Literal): KqlSyntaxError =>
  new KqlSyntaxError(
    `Expected a date (ISO 8601, epoch milliseconds, or date math like now-1h) for date field '${ctx.field}'`,
    lit.start,
  );

/** Range bound on a date field: date math is evaluated, ISO dates pass through, epoch millis become ISO. */
function dateBound(ctx: ValueContext, lit: Literal, op: RangeOp): string {
  const math = parseDateMath(lit.text);
  if (math) {
    const date = evaluateDateMath(math, ctx.now, op === 'gt' || op === 'lte');
    if (!date || !isRepresentable(date)) throw invalidDate(ctx, lit);
    return date.toISOString();
  }
  if (parseIsoDateWithPrecision(lit.text)) return lit.text;
  if (EPOCH_MILLIS.test(lit.text)) {
    const date = new Date(Number(lit.text));
    if (isRepresentable(date)) return date.toISOString();
  }
  throw invalidDate(ctx, lit);
}

/**
 * `date_field:value`: the whole span the value denotes. `now/d` and `2024-05-01`
 * are the day (a range, both ends inclusive); an instant to the millisecond is a term.
 */
function dateEqualityFilter(ctx: ValueContext, lit: Literal): Filter {
  const { field } = ctx;
  const math = parseDateMath(lit.text);
  if (math) {
    const low = evaluateDateMath(math, ctx.now, false);
    const high = evaluateDateMath(math, ctx.now, true);
    if (!low || !high || !isRepresentable(low) || !isRepresentable(high)) throw invalidDate(ctx, lit);
    return spanFilter(field, low, high);
  }
  const iso = parseIsoDateWithPrecision(lit.text);
  if (iso) {
    if (iso.precision === 'ms') return { op: 'term', field, value: lit.text };
    return spanFilter(field, roundDate(iso.date, iso.precision, false), roundDate(iso.date, iso.precision, true));
  }
  if (EPOCH_MILLIS.test(lit.text)) {
    const date = new Date(Number(lit.text));
    if (isRepresentable(date)) return { op: 'term', field, value: date.toISOString() };
  }
  throw invalidDate(ctx, lit);
}

function spanFilter(field: string, low: Date, high: Date): Filter {
  if (low.getTime() === high.getTime()) return { op: 'term', field, value: low.toISOString() };
  return { op: 'range', field, gte: low.toISOString(), lte: high.toISOString() };
}

const isRepresentable = (d: Date): boolean => {
  const t = d.getTime();
  return Number.isFinite(t) && d.getUTCFullYear() >= 0 && d.getUTCFullYear() <= 9999;
};
