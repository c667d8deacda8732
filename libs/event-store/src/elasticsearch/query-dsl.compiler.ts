import type { estypes } from '@elastic/elasticsearch';
import type { Filter } from '../filter';

type Query = estypes.QueryDslQueryContainer;

export const MATCH_ALL: Query = { match_all: {} };
export const MATCH_NONE: Query = { match_none: {} };

/**
 * Compiles a {@link Filter} to the query DSL, in filter context (no scoring).
 * Arrays match by element natively; `cidr` is a `term` with a CIDR string,
 * which `ip` fields accept.
 */
export function compileQuery(filter: Filter): Query {
  switch (filter.op) {
    case 'and':
      return filter.filters.length === 0 ? MATCH_ALL : { bool: { filter: filter.filters.map(compileQuery) } };
    case 'or':
      return filter.filters.length === 0
        ? MATCH_NONE
        : { bool: { should: filter.filters.map(compileQuery), minimum_should_match: 1 } };
    case 'not':
      return { bool: { must_not: [compileQuery(filter.filter)] } };
    case 'term':
      return { term: { [filter.field]: { value: filter.value } } };
    case 'terms':
      return filter.values.length === 0 ? MATCH_NONE : { terms: { [filter.field]: filter.values } };
    case 'range': {
      const bounds: Record<string, string | number> = {};
      for (const k of ['gt', 'gte', 'lt', 'lte'] as const) if (filter[k] !== undefined) bounds[k] = filter[k]!;
      return Object.keys(bounds).length === 0
        ? { exists: { field: filter.field } }
        : { range: { [filter.field]: bounds } };
    }
    case 'exists':
      return { exists: { field: filter.field } };
    case 'wildcard':
      // On the analysed `message` the pattern meets lower-cased words: match them whatever the case.
      return filter.field === 'message'
        ? { wildcard: { message: { value: filter.pattern, case_insensitive: true } } }
        : { wildcard: { [filter.field]: { value: filter.pattern } } };
    case 'cidr':
      return { term: { [filter.field]: { value: filter.cidr } } };
    case 'match':
      return compileMatch(filter.field, filter.text, filter.phrase ?? false);
    default: {
      const unknown: never = filter;
      throw new Error(`unknown filter ${JSON.stringify(unknown)}`);
    }
  }
}

export function compileText(text: string, phrase = false): Query {
  return phrase
    ? { match_phrase: { message: { query: text } } }
    : { match: { message: { query: text, operator: 'and' } } };
}

/**
 * Full text on `message`; on any other (keyword) field, each word as a
 * case-insensitive substring, as the Postgres adapter does.
 */
function compileMatch(field: string | undefined, text: string, phrase: boolean): Query {
  if (field === undefined || field === 'message') return compileText(text, phrase);
  const needles = phrase ? [text.trim()] : text.split(/\s+/).filter((w) => w.length > 0);
  if (needles.length === 0 || needles[0] === '') return MATCH_NONE;
  const parts: Query[] = needles.map((n) => ({
    wildcard: { [field]: { value: `*${escapeWildcard(n)}*`, case_insensitive: true } },
  }));
  return parts.length === 1 ? parts[0]! : { bool: { filter: parts } };
}

export function escapeWildcard(s: string): string {
  return s.replace(/[\\*?]/g, (c) => `\\${c}`);
}
