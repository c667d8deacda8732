import type { Filter } from '@vigie/event-store';
import { parseKql } from './kql-parser';
import { kqlToString } from './kql-printer';
import { ECS_OPTIONS } from './kql-test-fields';

const parse = (q: string): Filter | undefined => parseKql(q, ECS_OPTIONS);

/** Queries of every construct; each must survive parse → print → parse unchanged. */
const CORPUS = [
  'foo',
  'connection refused',
  '"connection refused"',
  'fail* login',
  'a or b and c',
  'not a and b',
  'not (a or b) and c',
  '(a or b) and (c or not d)',
  'not not a',
  'a and not (b and not (c or d))',
  'host.name:web-01',
  'host.name:"web 01"',
  'host.name:(web-01 or web-02 or "db 01")',
  'host.name:web-* or host.name:*-db',
  'user.name:(alice and not bob)',
  'user.name:((a or b) and not c)',
  'source.ip:10.0.0.0/8',
  'source.ip:"2001:db8::/32"',
  'source.ip:192.168.1.10 or destination.ip:"fe80::1"',
  'source.ip:10.1.*',
  'source.ip:*',
  'source.port >= 1024',
  'source.port >= 1024 and source.port < 2048',
  'source.port > 1 and source.port >= 2',
  'source.port:(80 or 443 or 8080)',
  'event.risk_score > 2.5',
  'tls.established:true and not tls.established:false',
  '@timestamp < now-1h',
  '@timestamp >= now-1d/d and @timestamp < now/d',
  '@timestamp:now/d',
  '@timestamp:2024-05-01',
  '@timestamp:"2024-05-01T10:00:00.123Z"',
  '@timestamp >= 2024-01-01 and @timestamp <= "2024-01-31T23:59:59Z"',
  'event.created > now-7d',
  'message:"disk full" or error.message:timeout',
  'message:connect*',
  'x:42 and y:-2.5 and z:true and w:"42"',
  'x:007',
  'x:a\\:b\\(c\\)\\"d\\\\e',
  'x:a\\*b*',
  'x:a?b*',
  'x:\\ lead\\ ',
  'x:a\\tb\\nc',
  'x:\\and or y:\\OR or z:\\not',
  '\\and \\or \\not',
  'a\\:b:c',
  '"odd field":x',
  'not:x',
  'x:"C:\\Windows\\temp"',
  'x:"tab\\there"',
  'x:"\\u00e9t\\u00e9"',
  'bytes > 1000 and version >= 1.2.3',
  'x:(a or b) and x:c',
  'a or *',
  '* and a',
  'x:y or (x:z and not w:*)',
  'source.ip:(10.0.0.0/8 or 192.168.1.1)',
  'message:(timeout or "connection reset")',
  'x:foo   bar',
  'x:"multi\\nline"',
];

describe('kqlToString', () => {
  it.each(CORPUS)('round-trips %s', (q) => {
    const first = parse(q);
    const printed = first === undefined ? '' : kqlToString(first);
    expect(parse(printed)).toEqual(first);
    // Printing is canonical: the printed form prints to itself.
    const second = parse(printed);
    expect(second === undefined ? '' : kqlToString(second)).toBe(printed);
  });

  it.each<[string, string]>([
    ['a OR b AND c', 'a or b and c'],
    ['(a or b) AND c', '(a or b) and c'],
    ['NOT (a OR b)', 'not (a or b)'],
    ['not a and b', 'not a and b'],
    ['host.name : web-01', 'host.name:"web-01"'],
    ['source.port>=1024 AND source.port<2048', 'source.port >= 1024 and source.port < 2048'],
    ['(source.port >= 1 and source.port < 9) or x:1', 'source.port >= 1 and source.port < 9 or x:1'],
    ['x:1 and (source.port >= 1 and source.port < 9 or y:2)', 'x:1 and (source.port >= 1 and source.port < 9 or y:2)'],
    ['not (source.port >= 1 and source.port < 9)', 'not (source.port >= 1 and source.port < 9)'],
    ['host.name:(a OR b)', 'host.name:("a" or "b")'],
    ['x:*', 'x:*'],
    ['x:a\\*b*', 'x:a\\*b*'],
    ['"a \\"b\\""', '"a \\"b\\""'],
    ['cats \\and dogs', 'cats \\and dogs'],
    ['@timestamp < now-1h', '@timestamp < "2024-05-15T11:34:56.789Z"'],
    ['source.ip:"2001:DB8::/32"', 'source.ip:"2001:db8::/32"'],
  ])('prints %s as %s', (q, expected) => {
    expect(kqlToString(parse(q) as Filter)).toBe(expected);
  });

  it('prints filters the parser does not produce', () => {
    expect(kqlToString({ op: 'and', filters: [] })).toBe('*');
    expect(kqlToString({ op: 'or', filters: [] })).toBe('not *');
    expect(kqlToString({ op: 'terms', field: 'x', values: [] })).toBe('not *');
    expect(kqlToString({ op: 'and', filters: [{ op: 'or', filters: [{ op: 'exists', field: 'a' }] }] })).toBe('a:*');
    expect(kqlToString({ op: 'match', field: 'a b', text: 'x y' })).toBe('"a b":x y');
    expect(kqlToString({ op: 'term', field: 'x', value: Number.NaN })).toBe('x:"NaN"');
    expect(
      kqlToString({
        op: 'not',
        filter: {
          op: 'or',
          filters: [
            {
              op: 'and',
              filters: [
                { op: 'exists', field: 'a' },
                { op: 'exists', field: 'b' },
              ],
            },
            { op: 'exists', field: 'c' },
          ],
        },
      }),
    ).toBe('not (a:* and b:* or c:*)');
  });

  it('escapes a line break before "ot" so that it does not read as \\not', () => {
    const f: Filter = { op: 'wildcard', field: 'x', pattern: 'a\not*' };
    expect(kqlToString(f)).toBe('x:a\\u000aot*');
    expect(parse(kqlToString(f))).toEqual(f);
  });
});
