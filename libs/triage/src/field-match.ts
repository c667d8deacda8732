import ipaddr from 'ipaddr.js';

/**
 * A Sigma-selection-like field match: `{ 'field|modifier': value | [values] }`. Fields are AND-linked, the values
 * of one field OR-linked (AND with `|all`). Values compare case-insensitively; `*` and `?` are wildcards (`\*`,
 * `\?` escape them). Modifiers: `contains`, `startswith`, `endswith`, `cidr`, `all`. A field the alert does not
 * have never matches.
 */
export type FieldMatch = Record<string, string | number | boolean | Array<string | number | boolean>>;

export const MATCH_MODIFIERS = ['contains', 'startswith', 'endswith', 'cidr', 'all'] as const;
const MAX_FIELDS = 32;
const MAX_VALUES = 100;

export interface MatchProblem {
  field: string;
  problem: string;
}

interface CompiledField {
  field: string;
  all: boolean;
  tests: Array<(value: string) => boolean>;
}

function wildcardRegex(pattern: string, anchorStart: boolean, anchorEnd: boolean): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '?' || pattern[i + 1] === '\\')) {
      out += pattern[i + 1].replace(/[\\*?]/, (x) => `\\${x}`);
      i++;
    } else if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`${anchorStart ? '^' : ''}${out}${anchorEnd ? '$' : ''}`, 'is');
}

function parseKey(key: string): { field: string; modifiers: string[] } {
  const [field, ...modifiers] = key.split('|');
  return { field: field.trim().toLowerCase(), modifiers: modifiers.map((m) => m.trim().toLowerCase()) };
}

function compileValue(raw: string, modifiers: string[]): (value: string) => boolean {
  if (modifiers.includes('cidr')) {
    const range = ipaddr.parseCIDR(raw);
    return (v) => {
      try {
        const addr = ipaddr.process(v.split('%')[0]);
        return addr.kind() === range[0].kind() && addr.match(range);
      } catch {
        return false;
      }
    };
  }
  const contains = modifiers.includes('contains');
  const re = wildcardRegex(
    raw,
    !contains && !modifiers.includes('endswith'),
    !contains && !modifiers.includes('startswith'),
  );
  return (v) => re.test(v);
}

/** Problems of a match map; an empty list means it compiles. */
export function checkFieldMatch(match: unknown, path = 'match'): MatchProblem[] {
  const problems: MatchProblem[] = [];
  if (typeof match !== 'object' || match === null || Array.isArray(match))
    return [{ field: path, problem: 'must be an object of field → value(s)' }];
  const entries = Object.entries(match);
  if (entries.length === 0) problems.push({ field: path, problem: 'must name at least one field' });
  if (entries.length > MAX_FIELDS) problems.push({ field: path, problem: `at most ${MAX_FIELDS} fields` });
  for (const [key, value] of entries) {
    const at = `${path}.${key}`;
    const { field, modifiers } = parseKey(key);
    if (!field) problems.push({ field: at, problem: 'empty field name' });
    for (const m of modifiers)
      if (!(MATCH_MODIFIERS as readonly string[]).includes(m))
        problems.push({ field: at, problem: `unknown modifier ${m} (${MATCH_MODIFIERS.join(', ')})` });
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0 || values.length > MAX_VALUES)
      problems.push({ field: at, problem: `needs 1 to ${MAX_VALUES} values` });
    values.forEach((v, i) => {
      if (!['string', 'number', 'boolean'].includes(typeof v) || String(v) === '')
        problems.push({ field: `${at}[${i}]`, problem: 'must be a non-empty string, a number or a boolean' });
      else if (modifiers.includes('cidr')) {
        try {
          ipaddr.parseCIDR(String(v));
        } catch {
          problems.push({ field: `${at}[${i}]`, problem: `${String(v)} is not a CIDR block` });
        }
      }
    });
  }
  return problems;
}

/** Compile a checked match map into a predicate over an alert's fields (lower-case names). */
export function compileFieldMatch(match: FieldMatch): (fields: Map<string, string[]>) => boolean {
  const compiled: CompiledField[] = Object.entries(match).map(([key, value]) => {
    const { field, modifiers } = parseKey(key);
    const values = (Array.isArray(value) ? value : [value]).map(String);
    return { field, all: modifiers.includes('all'), tests: values.map((v) => compileValue(v, modifiers)) };
  });
  return (fields) =>
    compiled.every((c) => {
      const have = fields.get(c.field);
      if (!have || have.length === 0) return false;
      const one = (t: (v: string) => boolean) => have.some(t);
      return c.all ? c.tests.every(one) : c.tests.some(one);
    });
}
