import type { Filter } from '@vigie/event-store';
import { isKqlWhitespace } from './kql-lexer';

type Scalar = string | number | boolean;

/**
 * Prints a filter as canonical KQL: lower-case operators, strings quoted,
 * parentheses only where precedence needs them. For a filter produced by
 * `parseKql(q, options)`, `parseKql(kqlToString(f), options)` gives it back.
 *
 * Not every filter has a KQL spelling: a `?` wildcard is printed as a literal
 * `?`, and an empty `terms` or `or` (matches nothing) as `not *`.
 */
export function kqlToString(filter: Filter): string {
  return print(filter);
}

/** 0: OR level, 1: AND level, 2: operand (NOT, field expressions, values). */
function precedence(f: Filter): number {
  if (f.op === 'or') return f.filters.length > 1 ? 0 : f.filters.length === 1 ? precedence(f.filters[0]) : 2;
  if (f.op === 'and') return f.filters.length > 1 ? 1 : f.filters.length === 1 ? precedence(f.filters[0]) : 2;
  if (f.op === 'range') return rangeBounds(f).length > 1 ? 1 : 2;
  return 2;
}

function printAt(f: Filter, min: number): string {
  const text = print(f);
  return precedence(f) < min ? `(${text})` : text;
}

function print(f: Filter): string {
  switch (f.op) {
    case 'and':
      if (f.filters.length === 0) return '*';
      // A two-sided range next to another range on its field keeps its parentheses, so that
      // re-parsing does not merge the bounds differently.
      return f.filters
        .map((c) =>
          c.op === 'range' && precedence(c) === 1 && hasRangeSibling(f.filters, c) ? `(${print(c)})` : printAt(c, 1),
        )
        .join(' and ');
    case 'or':
      return f.filters.length === 0 ? 'not *' : f.filters.map((c) => printAt(c, 0)).join(' or ');
    case 'not':
      return `not ${printAt(f.filter, 2)}`;
    case 'term':
      return `${printField(f.field)}:${printScalar(f.value)}`;
    case 'terms':
      if (f.values.length === 0) return 'not *';
      return `${printField(f.field)}:(${f.values.map(printScalar).join(' or ')})`;
    case 'range':
      return rangeBounds(f)
        .map(([op, value]) => `${printField(f.field)} ${op} ${printScalar(value)}`)
        .join(' and ');
    case 'exists':
      return `${printField(f.field)}:*`;
    case 'wildcard':
      return `${printField(f.field)}:${printPattern(f.pattern)}`;
    case 'cidr':
      return `${printField(f.field)}:${quote(f.cidr)}`;
    case 'match': {
      const value = f.phrase ? quote(f.text) : escapeUnquoted(f.text);
      return f.field === undefined ? value : `${printField(f.field)}:${value}`;
    }
  }
}

const hasRangeSibling = (siblings: Filter[], range: Extract<Filter, { op: 'range' }>): boolean =>
  siblings.some((s) => s !== range && s.op === 'range' && s.field === range.field);

const RANGE_OPS = [
  ['gt', '>'],
  ['gte', '>='],
  ['lt', '<'],
  ['lte', '<='],
] as const;

function rangeBounds(f: Extract<Filter, { op: 'range' }>): Array<[string, Scalar]> {
  const out: Array<[string, Scalar]> = [];
  for (const [key, symbol] of RANGE_OPS) {
    const value = f[key];
    if (value !== undefined) out.push([symbol, value]);
  }
  return out;
}

function printScalar(value: Scalar): string {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : quote(String(value));
  return quote(value);
}

function printField(field: string): string {
  if (field.length === 0 || [...field].some(isKqlWhitespace)) return quote(field);
  return escapeUnquoted(field);
}

function quote(text: string): string {
  const body = text.replace(/[\\"\t\r\n]/g, (ch) => {
    switch (ch) {
      case '\t':
        return '\\t';
      case '\r':
        return '\\r';
      case '\n':
        return '\\n';
      default:
        return `\\${ch}`;
    }
  });
  return `"${body}"`;
}

const SPECIAL = new Set(['\\', '(', ')', ':', '<', '>', '"', '*', '{', '}']);
const KEYWORD = /^(and|or|not)$/i;

/**
 * Unquoted spelling of literal text: special characters escaped, keywords
 * escaped (`\and`), whitespace other than spaces as `\t` `\r` `\n` `\uXXXX`. A single
 * space between words stays a separator; spaces at either end and runs of spaces are
 * written `\ ` so that they are neither trimmed nor merged.
 */
function escapeUnquoted(text: string, wildcards: ReadonlySet<number> = new Set()): string {
  const units = text.split('');
  const first = units.findIndex((c) => c !== ' ');
  const last = units.length - 1 - [...units].reverse().findIndex((c) => c !== ' ');
  const out: string[] = [];
  let word = '';
  const flushWord = (): void => {
    out.push(KEYWORD.test(word) ? `\\${word}` : word);
    word = '';
  };
  units.forEach((ch, i) => {
    if (ch === '*' && wildcards.has(i)) word += '*';
    else if (SPECIAL.has(ch)) word += `\\${ch}`;
    else if (ch === ' ' && first >= 0 && i > first && i < last && units[i - 1] !== ' ') {
      flushWord();
      out.push(' ');
    } else if (ch === ' ') word += '\\ ';
    else if (ch === '\t') word += '\\t';
    else if (ch === '\r') word += '\\r';
    // `\not` would read as the escaped keyword, so a line break before "ot" is spelled \u000a.
    else if (ch === '\n') word += /^ot/i.test(text.slice(i + 1, i + 3)) ? '\\u000a' : '\\n';
    else if (isKqlWhitespace(ch)) word += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else word += ch;
  });
  flushWord();
  return out.join('') || '""';
}

/** A wildcard pattern (`*` wildcard, `\` escapes) as an unquoted KQL value. */
function printPattern(pattern: string): string {
  let text = '';
  const wildcards = new Set<number>();
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) {
      text += pattern[++i];
    } else {
      if (ch === '*') wildcards.add(text.length);
      text += ch;
    }
  }
  return escapeUnquoted(text, wildcards);
}
