import { and, not, or, term } from '../filter';
import { compileQuery, escapeWildcard } from './query-dsl.compiler';

describe('compileQuery', () => {
  it('compiles boolean structure in filter context', () => {
    expect(compileQuery(and(term('a', 1), or(term('b', 'x'), not({ op: 'exists', field: 'c' }))))).toEqual({
      bool: {
        filter: [
          { term: { a: { value: 1 } } },
          {
            bool: {
              should: [{ term: { b: { value: 'x' } } }, { bool: { must_not: [{ exists: { field: 'c' } }] } }],
              minimum_should_match: 1,
            },
          },
        ],
      },
    });
    expect(compileQuery(and())).toEqual({ match_all: {} });
    expect(compileQuery(or())).toEqual({ match_none: {} });
  });

  it('compiles cidr as a term on the ip field, and match on message', () => {
    expect(compileQuery({ op: 'cidr', field: 'source.ip', cidr: '10.0.0.0/8' })).toEqual({
      term: { 'source.ip': { value: '10.0.0.0/8' } },
    });
    expect(compileQuery({ op: 'match', text: 'failed password' })).toEqual({
      match: { message: { query: 'failed password', operator: 'and' } },
    });
    expect(compileQuery({ op: 'match', text: 'for root', phrase: true })).toEqual({
      match_phrase: { message: { query: 'for root' } },
    });
  });

  it('matches other fields as case-insensitive substrings, escaping wildcards', () => {
    expect(compileQuery({ op: 'match', field: 'url.path', text: 'a*b' })).toEqual({
      wildcard: { 'url.path': { value: '*a\\*b*', case_insensitive: true } },
    });
    expect(escapeWildcard('a?b\\c')).toBe('a\\?b\\\\c');
  });

  it('matches a wildcard on message against its words whatever the case, and on keywords as written', () => {
    expect(compileQuery({ op: 'wildcard', field: 'message', pattern: 'Fail*' })).toEqual({
      wildcard: { message: { value: 'Fail*', case_insensitive: true } },
    });
    expect(compileQuery({ op: 'wildcard', field: 'host.hostname', pattern: 'web*' })).toEqual({
      wildcard: { 'host.hostname': { value: 'web*' } },
    });
  });
});
