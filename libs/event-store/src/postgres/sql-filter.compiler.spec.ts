import { compileFilter, jsonPath, wildcardToLike } from './sql-filter.compiler';
import { SqlParams } from './sql-params';

describe('wildcardToLike', () => {
  it.each([
    ['/admin/*', '/admin/%'],
    ['web?', 'web_'],
    ['100%_done', '100\\%\\_done'],
    ['a\\b', 'ab'],
    ['C:\\\\Windows\\*', 'C:\\\\Windows*'],
    ['literal\\*star', 'literal*star'],
    ['back\\', 'back\\\\'],
  ])('%s → %s', (pattern, like) => {
    expect(wildcardToLike(pattern)).toBe(like);
  });
});

describe('jsonPath', () => {
  it('quotes every key and unwraps arrays', () => {
    expect(jsonPath('source.ip')).toBe('lax $."source"."ip"[*]');
    expect(jsonPath('@timestamp')).toBe('lax $."@timestamp"[*]');
    expect(jsonPath('a"b.c\\d')).toBe('lax $."a\\"b"."c\\\\d"[*]');
  });
});

describe('compileFilter', () => {
  it('never puts values in the SQL text', () => {
    const params = new SqlParams();
    const sql = compileFilter(
      {
        op: 'and',
        filters: [
          { op: 'term', field: 'user.name', value: "x'; DROP TABLE vigie_events; --" },
          { op: 'wildcard', field: 'url.path', pattern: "'*" },
          { op: 'match', text: "o'clock" },
          { op: 'cidr', field: 'source.ip', cidr: "10.0.0.0/8'" },
        ],
      },
      params,
    );
    expect(sql).not.toContain('DROP');
    expect(sql).not.toContain("o'clock");
    expect(sql).not.toContain("'%");
    expect(params.values).toHaveLength(6);
  });

  it('matches a wildcard on message against its words, case-insensitively, with both as parameters', () => {
    const params = new SqlParams();
    const sql = compileFilter({ op: 'wildcard', field: 'message', pattern: 'Fail_*' }, params);
    expect(sql).toBe(
      "EXISTS (SELECT 1 FROM regexp_matches(coalesce(message, ''), $1, 'g') AS w(m) WHERE w.m[1] ILIKE $2)",
    );
    expect(params.values).toEqual(["[[:alnum:]_]+(?:[.'][[:alnum:]_]+)*", 'Fail\\_%']);
  });

  it('maps @timestamp to the ts column', () => {
    const params = new SqlParams();
    const sql = compileFilter(
      { op: 'range', field: '@timestamp', gte: '2024-03-01T01:00:00+01:00', lt: 1709337600000 },
      params,
    );
    expect(sql).toBe('(ts >= $1::timestamptz AND ts < to_timestamp($2::float8))');
    expect(params.values).toEqual(['2024-03-01T00:00:00.000Z', 1709337600]);
  });

  it('refuses a non-numeric bound on a numeric range', () => {
    expect(() => compileFilter({ op: 'range', field: 'destination.port', gte: 1, lt: 'abc' }, new SqlParams())).toThrow(
      /invalid numeric bound/,
    );
  });

  it('turns a CIDR term on an ip field into a cidr match', () => {
    const params = new SqlParams();
    const sql = compileFilter({ op: 'term', field: 'source.ip', value: '10.0.0.0/8' }, params);
    expect(sql).toContain('<<=');
  });
});
