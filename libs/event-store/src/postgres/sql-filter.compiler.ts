import type { Filter } from '../filter';
import { normaliseTimestamp } from './prepare-event';
import type { SqlParams } from './sql-params';

/** A filter that cannot be turned into a query (a non-numeric bound on a numeric range, say). */
export class InvalidFilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidFilterError';
  }
}

type Scalar = string | number | boolean;
type RangeFilter = Extract<Filter, { op: 'range' }>;

const TIMESTAMP_FIELD = '@timestamp';
const NUMERIC = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Compiles a {@link Filter} to a SQL boolean expression over the `vigie_events`
 * columns. Values always travel as bind parameters. Fields are ECS dotted paths
 * into `doc`, read with SQL/JSON paths in lax mode so that arrays match by
 * element, as in Elasticsearch; `@timestamp` is the `ts` column.
 */
export function compileFilter(filter: Filter, params: SqlParams): string {
  switch (filter.op) {
    case 'and':
      return filter.filters.length === 0
        ? 'TRUE'
        : `(${filter.filters.map((f) => compileFilter(f, params)).join(' AND ')})`;
    case 'or':
      return filter.filters.length === 0
        ? 'FALSE'
        : `(${filter.filters.map((f) => compileFilter(f, params)).join(' OR ')})`;
    case 'not':
      return `(NOT ${compileFilter(filter.filter, params)})`;
    case 'term':
      return compileTerms(filter.field, [filter.value], params);
    case 'terms':
      return compileTerms(filter.field, filter.values, params);
    case 'range':
      return compileRange(filter, params);
    case 'exists':
      if (filter.field === TIMESTAMP_FIELD) return 'TRUE';
      return `(doc @? ${params.add(`${jsonPath(filter.field)} ? (@.type() != "null")`, 'jsonpath')})`;
    case 'wildcard':
      if (filter.field === 'message') return compileMessageWildcard(filter.pattern, params);
      return anyString(filter.field, params, (v) => `${v} LIKE ${params.add(wildcardToLike(filter.pattern))}`);
    case 'cidr':
      return compileCidr(filter.field, filter.cidr, params);
    case 'match':
      return compileMatch(filter.field, filter.text, filter.phrase ?? false, params);
    default: {
      const unknown: never = filter;
      throw new InvalidFilterError(`unknown filter ${JSON.stringify(unknown)}`);
    }
  }
}

/** Free text on `message`, all the words (or the phrase). */
export function compileText(text: string, phrase: boolean, params: SqlParams): string {
  const fn = phrase ? 'phraseto_tsquery' : 'plainto_tsquery';
  return `(message_tsv @@ ${fn}('simple', ${params.add(text)}))`;
}

/**
 * Words of `message` as the search engine's standard analyser cuts them, near
 * enough: letters, digits and `_`, kept together across a `.` or `'` between
 * them (`10.20.5.5`, `login.php`, `don't`), split on anything else.
 */
const MESSAGE_WORD = "[[:alnum:]_]+(?:[.'][[:alnum:]_]+)*";

/**
 * A wildcard on `message` matches one of its words, whatever the case: the
 * same answer as a case-insensitive wildcard on the analysed text field of
 * Elasticsearch/OpenSearch (`fail*` finds "Failed password", `10.20.5.*` an
 * address in the text).
 */
function compileMessageWildcard(pattern: string, params: SqlParams): string {
  return `EXISTS (SELECT 1 FROM regexp_matches(coalesce(message, ''), ${params.add(MESSAGE_WORD)}, 'g') AS w(m) WHERE w.m[1] ILIKE ${params.add(wildcardToLike(pattern))})`;
}

/** `lax $."a"."b"[*]`: every value at the path, array elements unwrapped. */
export function jsonPath(field: string): string {
  return `lax $${field
    .split('.')
    .map((key) => `.${JSON.stringify(key)}`)
    .join('')}[*]`;
}

function compileTerms(field: string, values: Scalar[], params: SqlParams): string {
  if (values.length === 0) return 'FALSE';
  if (field === TIMESTAMP_FIELD) {
    const parts = values.map((v) => {
      const ts = timestampBound(v);
      return ts === undefined ? 'FALSE' : `ts = ${ts(params)}`;
    });
    return `(${parts.join(' OR ')})`;
  }
  const cidrs = values.filter((v): v is string => typeof v === 'string' && isIpField(field) && looksLikeCidr(v));
  const plain = values.filter((v) => !cidrs.includes(v as string));
  const parts = cidrs.map((c) => compileCidr(field, c, params));
  if (plain.length > 0) {
    const predicate = plain.map(equalsPredicate).join(' || ');
    parts.push(`(doc @? ${params.add(`${jsonPath(field)} ? (${predicate})`, 'jsonpath')})`);
  }
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

/**
 * Equality that also accepts the value's string or number twin, the way a
 * keyword or long field coerces a query value in Elasticsearch.
 */
function equalsPredicate(value: Scalar): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidFilterError(`not a finite number: ${value}`);
    return `@ == ${jsonNumber(value)} || @ == ${JSON.stringify(String(value))}`;
  }
  if (typeof value === 'boolean') return `@ == ${value} || @ == "${value}"`;
  const parts = [`@ == ${JSON.stringify(value)}`];
  if (NUMERIC.test(value) && Number.isFinite(Number(value))) parts.push(`@ == ${jsonNumber(Number(value))}`);
  if (value === 'true' || value === 'false') parts.push(`@ == ${value}`);
  return parts.join(' || ');
}

function jsonNumber(n: number): string {
  // JSON.stringify gives 1e+21 for large values, which SQL/JSON path accepts.
  return JSON.stringify(n);
}

function compileRange(filter: RangeFilter, params: SqlParams): string {
  const bounds = (['gt', 'gte', 'lt', 'lte'] as const)
    .filter((k) => filter[k] !== undefined)
    .map((k) => ({ op: { gt: '>', gte: '>=', lt: '<', lte: '<=' }[k], value: filter[k]! }));
  if (bounds.length === 0) return compileFilter({ op: 'exists', field: filter.field }, params);

  if (filter.field === TIMESTAMP_FIELD) {
    const parts = bounds.map(({ op, value }) => {
      const ts = timestampBound(value);
      if (ts === undefined) throw new InvalidFilterError(`invalid @timestamp bound ${JSON.stringify(value)}`);
      return `ts ${op} ${ts(params)}`;
    });
    return `(${parts.join(' AND ')})`;
  }

  const numeric = bounds.some((b) => typeof b.value === 'number');
  if (numeric) {
    const predicate = bounds
      .map(({ op, value }) => {
        const n = typeof value === 'number' ? value : Number(value);
        if (!Number.isFinite(n) || (typeof value === 'string' && !NUMERIC.test(value))) {
          throw new InvalidFilterError(`invalid numeric bound ${JSON.stringify(value)} on ${filter.field}`);
        }
        return `@.double() ${op} ${jsonNumber(n)}`;
      })
      .join(' && ');
    return `(doc @? ${params.add(`${jsonPath(filter.field)} ? (${predicate})`, 'jsonpath')})`;
  }

  const dates = bounds.map((b) => normaliseTimestamp(b.value));
  if (dates.every((d) => d !== undefined)) {
    return anyString(filter.field, params, (v) => {
      const parts = bounds.map(
        ({ op }, i) => `vigie_try_timestamptz(${v}) ${op} ${params.add(dates[i], 'timestamptz')}`,
      );
      return parts.join(' AND ');
    });
  }
  return anyString(filter.field, params, (v) =>
    bounds.map(({ op, value }) => `${v} COLLATE "C" ${op} ${params.add(String(value))}`).join(' AND '),
  );
}

/** A placeholder factory for a timestamp bound: ISO string, or epoch milliseconds. */
function timestampBound(value: Scalar): ((params: SqlParams) => string) | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    return (params) => `to_timestamp(${params.add(value / 1000, 'float8')})`;
  }
  if (typeof value !== 'string') return undefined;
  const iso = normaliseTimestamp(value);
  if (iso !== undefined) return (params) => params.add(iso, 'timestamptz');
  if (/^-?\d+$/.test(value)) return timestampBound(Number(value));
  return undefined;
}

function compileCidr(field: string, cidr: string, params: SqlParams): string {
  return anyString(field, params, (v) => `vigie_try_inet(${v}) <<= vigie_try_inet(${params.add(cidr)})`);
}

function compileMatch(field: string | undefined, text: string, phrase: boolean, params: SqlParams): string {
  if (field === undefined || field === 'message') return compileText(text, phrase, params);
  const needles = phrase ? [text.trim()] : text.split(/\s+/).filter((w) => w.length > 0);
  if (needles.length === 0 || needles[0] === '') return 'FALSE';
  return anyString(field, params, (v) =>
    needles.map((n) => `${v} ILIKE ${params.add(`%${escapeLike(n)}%`)}`).join(' AND '),
  );
}

/** Some string value at the path satisfies `predicate` (given the SQL text of the value). */
function anyString(field: string, params: SqlParams, predicate: (value: string) => string): string {
  const path = params.add(jsonPath(field), 'jsonpath');
  return `EXISTS (SELECT 1 FROM jsonb_path_query(doc, ${path}) AS jv(v) WHERE jsonb_typeof(jv.v) = 'string' AND ${predicate("(jv.v #>> '{}')")})`;
}

/** `*` and `?` wildcards to LIKE; `\` escapes the next character; `%` and `_` are literal. */
export function wildcardToLike(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) out += escapeLike(pattern[++i]!);
    else if (c === '*') out += '%';
    else if (c === '?') out += '_';
    else out += escapeLike(c);
  }
  return out;
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function isIpField(field: string): boolean {
  return field === 'ip' || field.endsWith('.ip');
}

function looksLikeCidr(v: string): boolean {
  return /^[0-9a-fA-F:.]+\/\d{1,3}$/.test(v);
}
