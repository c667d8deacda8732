import type { Filter } from '@vigie/event-store';
import { parseKql } from './kql-parser';
import { KqlSyntaxError } from './kql-syntax.error';
import { ECS_OPTIONS, NOW } from './kql-test-fields';

const parse = (q: string): Filter | undefined => parseKql(q, ECS_OPTIONS);
const untyped = (q: string): Filter | undefined => parseKql(q, { now: NOW });
const match = (text: string): Filter => ({ op: 'match', text });

describe('parseKql', () => {
  describe('empty queries', () => {
    it.each(['', '   ', '\t\n', '\u00a0'])('returns undefined for %j', (q) => {
      expect(parse(q)).toBeUndefined();
    });

    it('returns undefined for a lone * (match everything)', () => {
      expect(parse('*')).toBeUndefined();
      expect(parse(' * or foo')).toBeUndefined();
    });
  });

  describe('field:value', () => {
    it('accepts spaces around the colon', () => {
      const expected: Filter = { op: 'term', field: 'host.name', value: 'web-01' };
      expect(parse('host.name:web-01')).toEqual(expected);
      expect(parse('host.name: web-01')).toEqual(expected);
      expect(parse('host.name :  web-01')).toEqual(expected);
    });

    it('keeps an unquoted value of several words as one value, like Kibana', () => {
      expect(parse('user.name:jean pierre')).toEqual({ op: 'term', field: 'user.name', value: 'jean pierre' });
      expect(parse('user.name:jean  pierre')).toEqual({ op: 'term', field: 'user.name', value: 'jean  pierre' });
    });

    it('reads quoted phrases with \\" and \\\\ escapes', () => {
      expect(parse('user.name:"Jean \\"JP\\" Dupont"')).toEqual({
        op: 'term',
        field: 'user.name',
        value: 'Jean "JP" Dupont',
      });
      expect(parse('event.action:"a\\\\b"')).toEqual({ op: 'term', field: 'event.action', value: 'a\\b' });
    });

    it('keeps other backslashes inside quotes as they are', () => {
      expect(parse('event.action:"C:\\Windows"')).toEqual({ op: 'term', field: 'event.action', value: 'C:\\Windows' });
    });

    it('does not treat * inside quotes as a wildcard', () => {
      expect(parse('event.action:"a*b"')).toEqual({ op: 'term', field: 'event.action', value: 'a*b' });
    });

    it('accepts dotted field names, @timestamp and quoted field names', () => {
      expect(untyped('a.b.c_d-e:x')).toEqual({ op: 'term', field: 'a.b.c_d-e', value: 'x' });
      expect(untyped('"odd field":x')).toEqual({ op: 'term', field: 'odd field', value: 'x' });
      expect(parse('@timestamp:"2024-05-01T10:00:00.123Z"')).toEqual({
        op: 'term',
        field: '@timestamp',
        value: '2024-05-01T10:00:00.123Z',
      });
    });

    it('treats the word not as a field name when a colon follows', () => {
      expect(untyped('not:x')).toEqual({ op: 'term', field: 'not', value: 'x' });
      expect(untyped('not : x')).toEqual({ op: 'term', field: 'not', value: 'x' });
    });

    it('reads and/or at the start of a value as plain words, like Kibana', () => {
      expect(parse('event.action: and')).toEqual({ op: 'term', field: 'event.action', value: 'and' });
      expect(parse('event.action:or')).toEqual({ op: 'term', field: 'event.action', value: 'or' });
    });
  });

  describe('value types', () => {
    it('infers numbers and booleans on fields of unknown type, and keeps quoted values as strings', () => {
      expect(untyped('x:42')).toEqual({ op: 'term', field: 'x', value: 42 });
      expect(untyped('x:-2.5')).toEqual({ op: 'term', field: 'x', value: -2.5 });
      expect(untyped('x:true')).toEqual({ op: 'term', field: 'x', value: true });
      expect(untyped('x:false')).toEqual({ op: 'term', field: 'x', value: false });
      expect(untyped('x:"42"')).toEqual({ op: 'term', field: 'x', value: '42' });
      expect(untyped('x:"true"')).toEqual({ op: 'term', field: 'x', value: 'true' });
    });

    it.each(['007', '.3', '3.', '1e3', '0.0.1', '--4', '-.4', '96565646732345678901', 'True'])(
      'keeps %s as a string on a field of unknown type',
      (v) => {
        expect(untyped(`x:${v}`)).toEqual({ op: 'term', field: 'x', value: v });
      },
    );

    it('never produces negative zero', () => {
      expect(untyped('x:-0')).toEqual({ op: 'term', field: 'x', value: 0 });
      expect(Object.is((untyped('x:-0') as { value: number }).value, 0)).toBe(true);
    });

    it('keeps values as strings on keyword fields', () => {
      expect(parse('host.name:42')).toEqual({ op: 'term', field: 'host.name', value: '42' });
      expect(parse('host.name:true')).toEqual({ op: 'term', field: 'host.name', value: 'true' });
      expect(parse('host.name:10.0.0.0/8')).toEqual({ op: 'term', field: 'host.name', value: '10.0.0.0/8' });
    });

    it('converts values on numeric fields, quoted or not', () => {
      expect(parse('source.port:443')).toEqual({ op: 'term', field: 'source.port', value: 443 });
      expect(parse('source.port:"443"')).toEqual({ op: 'term', field: 'source.port', value: 443 });
      expect(parse('event.risk_score:1e2')).toEqual({ op: 'term', field: 'event.risk_score', value: 100 });
      expect(parse('event.risk_score:.5')).toEqual({ op: 'term', field: 'event.risk_score', value: 0.5 });
    });

    it('converts booleans on boolean fields, in any case', () => {
      expect(parse('tls.established:TRUE')).toEqual({ op: 'term', field: 'tls.established', value: true });
      expect(parse('tls.established:"false"')).toEqual({ op: 'term', field: 'tls.established', value: false });
    });

    it('makes match filters on text fields, phrase when quoted', () => {
      expect(parse('error.message:disk  full')).toEqual({ op: 'match', field: 'error.message', text: 'disk full' });
      expect(parse('error.message:"disk full"')).toEqual({
        op: 'match',
        field: 'error.message',
        text: 'disk full',
        phrase: true,
      });
      expect(parse('message:refused')).toEqual({ op: 'match', field: 'message', text: 'refused' });
    });
  });

  describe('wildcards and exists', () => {
    it('turns * in a value into a wildcard', () => {
      expect(parse('host.name:web-*')).toEqual({ op: 'wildcard', field: 'host.name', pattern: 'web-*' });
      expect(untyped('x:*a*b')).toEqual({ op: 'wildcard', field: 'x', pattern: '*a*b' });
      expect(parse('message:connect*')).toEqual({ op: 'wildcard', field: 'message', pattern: 'connect*' });
    });

    it('escapes literal *, ? and \\ in wildcard patterns', () => {
      expect(untyped('x:a\\*b*')).toEqual({ op: 'wildcard', field: 'x', pattern: 'a\\*b*' });
      expect(untyped('x:a?b*')).toEqual({ op: 'wildcard', field: 'x', pattern: 'a\\?b*' });
      expect(untyped('x:a\\\\*')).toEqual({ op: 'wildcard', field: 'x', pattern: 'a\\\\*' });
    });

    it('turns a lone * into exists', () => {
      expect(parse('source.ip:*')).toEqual({ op: 'exists', field: 'source.ip' });
      expect(parse('user.name: *')).toEqual({ op: 'exists', field: 'user.name' });
      expect(parse('@timestamp:**')).toEqual({ op: 'exists', field: '@timestamp' });
    });

    it('treats an escaped or quoted * as a plain character', () => {
      expect(untyped('x:\\*')).toEqual({ op: 'term', field: 'x', value: '*' });
      expect(untyped('x:"*"')).toEqual({ op: 'term', field: 'x', value: '*' });
    });
  });

  describe('escaping', () => {
    it('resolves escaped special characters', () => {
      expect(untyped('x:a\\:b\\(c\\)\\<\\>\\"\\{\\}')).toEqual({ op: 'term', field: 'x', value: 'a:b(c)<>"{}' });
      expect(untyped('x:foo\\ bar')).toEqual({ op: 'term', field: 'x', value: 'foo bar' });
      expect(untyped('x:\\ lead')).toEqual({ op: 'term', field: 'x', value: ' lead' });
      expect(untyped('x:a\\\\b')).toEqual({ op: 'term', field: 'x', value: 'a\\b' });
    });

    it('resolves \\t \\r \\n and \\uXXXX', () => {
      expect(untyped('x:a\\tb\\nc\\rd')).toEqual({ op: 'term', field: 'x', value: 'a\tb\nc\rd' });
      expect(untyped('x:\\u00e9t\\u00E9')).toEqual({ op: 'term', field: 'x', value: 'été' });
      expect(untyped('x:"\\u00e9\\t"')).toEqual({ op: 'term', field: 'x', value: 'é\t' });
    });

    it('lets escaped keywords be searched as words', () => {
      expect(parse('\\and')).toEqual(match('and'));
      expect(parse('cats \\and dogs')).toEqual(match('cats and dogs'));
      expect(parse('\\NOT')).toEqual(match('NOT'));
      expect(untyped('x:\\not')).toEqual({ op: 'term', field: 'x', value: 'not' });
      expect(untyped('x:\\nothing')).toEqual({ op: 'term', field: 'x', value: 'nothing' });
    });

    it('allows escaped characters in field names', () => {
      expect(untyped('a\\:b:c')).toEqual({ op: 'term', field: 'a:b', value: 'c' });
    });
  });

  describe('bare words and phrases', () => {
    it('searches message with one match of all the words', () => {
      expect(parse('connection refused')).toEqual(match('connection refused'));
      expect(parse('  connection \t refused  ')).toEqual(match('connection refused'));
    });

    it('makes a phrase match for a quoted phrase', () => {
      expect(parse('"connection refused"')).toEqual({ op: 'match', text: 'connection refused', phrase: true });
    });

    it('keeps numbers and booleans as text', () => {
      expect(parse('404')).toEqual(match('404'));
      expect(parse('true')).toEqual(match('true'));
    });

    it('reads a lone and/or as a word', () => {
      expect(parse('or')).toEqual(match('or'));
      expect(parse('a and or')).toEqual({ op: 'and', filters: [match('a'), match('or')] });
    });

    it('turns bare words with * into wildcards on message, ANDed with the plain words', () => {
      expect(parse('fail*')).toEqual({ op: 'wildcard', field: 'message', pattern: 'fail*' });
      expect(parse('login fail* user')).toEqual({
        op: 'and',
        filters: [match('login user'), { op: 'wildcard', field: 'message', pattern: 'fail*' }],
      });
      expect(parse('login *')).toEqual(match('login'));
    });

    it('treats a non-breaking space as whitespace, like Kibana', () => {
      expect(parse('foo and\u00a0bar')).toEqual({ op: 'and', filters: [match('foo'), match('bar')] });
    });
  });

  describe('boolean operators', () => {
    it('is case-insensitive', () => {
      const expected: Filter = { op: 'or', filters: [{ op: 'and', filters: [match('a'), match('b')] }, match('c')] };
      expect(parse('a and b or c')).toEqual(expected);
      expect(parse('a AND b OR c')).toEqual(expected);
      expect(parse('a And b oR c')).toEqual(expected);
    });

    it('gives AND precedence over OR', () => {
      expect(parse('a or b and c')).toEqual({
        op: 'or',
        filters: [match('a'), { op: 'and', filters: [match('b'), match('c')] }],
      });
      expect(parse('foo or bar and baz or qux')).toEqual({
        op: 'or',
        filters: [match('foo'), { op: 'and', filters: [match('bar'), match('baz')] }, match('qux')],
      });
    });

    it('gives NOT precedence over AND', () => {
      expect(parse('not a and b')).toEqual({ op: 'and', filters: [{ op: 'not', filter: match('a') }, match('b')] });
      expect(parse('a and not b or c')).toEqual({
        op: 'or',
        filters: [{ op: 'and', filters: [match('a'), { op: 'not', filter: match('b') }] }, match('c')],
      });
    });

    it('lets parentheses override precedence', () => {
      expect(parse('(a or b) and c')).toEqual({
        op: 'and',
        filters: [{ op: 'or', filters: [match('a'), match('b')] }, match('c')],
      });
      expect(parse('not (a or b)')).toEqual({ op: 'not', filter: { op: 'or', filters: [match('a'), match('b')] } });
    });

    it('flattens same-level and nested operators', () => {
      expect(parse('a and b and c')).toEqual({ op: 'and', filters: [match('a'), match('b'), match('c')] });
      expect(parse('a or (b or (c))')).toEqual({ op: 'or', filters: [match('a'), match('b'), match('c')] });
      expect(parse('((((a))))')).toEqual(match('a'));
    });

    it('allows operators next to parentheses without spaces', () => {
      expect(parse('(a)or(b)')).toEqual({ op: 'or', filters: [match('a'), match('b')] });
      expect(parse('not(a)')).toEqual({ op: 'not', filter: match('a') });
    });

    it('accepts NOT NOT', () => {
      expect(parse('not not a')).toEqual({ op: 'not', filter: { op: 'not', filter: match('a') } });
    });

    it('merges exact values on one field into terms', () => {
      expect(parse('host.name:a or host.name:b')).toEqual({ op: 'terms', field: 'host.name', values: ['a', 'b'] });
    });
  });

  describe('value lists', () => {
    it('turns field:(a or b or c) into terms', () => {
      expect(parse('host.name:(web-01 or web-02 or "db 01")')).toEqual({
        op: 'terms',
        field: 'host.name',
        values: ['web-01', 'web-02', 'db 01'],
      });
      expect(parse('destination.port:(80 or 443)')).toEqual({
        op: 'terms',
        field: 'destination.port',
        values: [80, 443],
      });
    });

    it('turns field:(a and b) into an AND', () => {
      expect(parse('user.name:(alice and bob)')).toEqual({
        op: 'and',
        filters: [
          { op: 'term', field: 'user.name', value: 'alice' },
          { op: 'term', field: 'user.name', value: 'bob' },
        ],
      });
    });

    it('mixes kinds of value with an OR', () => {
      expect(parse('host.name:(web* or db-01)')).toEqual({
        op: 'or',
        filters: [
          { op: 'wildcard', field: 'host.name', pattern: 'web*' },
          { op: 'term', field: 'host.name', value: 'db-01' },
        ],
      });
    });

    it('supports NOT and nesting inside lists, like Kibana', () => {
      expect(parse('user.name:((a or b) and not c)')).toEqual({
        op: 'and',
        filters: [
          { op: 'terms', field: 'user.name', values: ['a', 'b'] },
          { op: 'not', filter: { op: 'term', field: 'user.name', value: 'c' } },
        ],
      });
      expect(parse('user.name:(a or (b or c))')).toEqual({ op: 'terms', field: 'user.name', values: ['a', 'b', 'c'] });
    });

    it('applies the field type to every value', () => {
      expect(parse('source.ip:(10.0.0.0/8 or 192.168.1.1)')).toEqual({
        op: 'or',
        filters: [
          { op: 'cidr', field: 'source.ip', cidr: '10.0.0.0/8' },
          { op: 'term', field: 'source.ip', value: '192.168.1.1' },
        ],
      });
      expect(parse('message:(timeout or "connection reset")')).toEqual({
        op: 'or',
        filters: [
          { op: 'match', field: 'message', text: 'timeout' },
          { op: 'match', field: 'message', text: 'connection reset', phrase: true },
        ],
      });
    });
  });

  describe('ranges', () => {
    it.each([
      ['source.port >= 1024', { gte: 1024 }],
      ['source.port > 1024', { gt: 1024 }],
      ['source.port < 1024', { lt: 1024 }],
      ['source.port <= 1024', { lte: 1024 }],
      ['source.port>=1024', { gte: 1024 }],
      ['source.port <= "1024"', { lte: 1024 }],
    ])('%s', (q, bounds) => {
      expect(parse(q)).toEqual({ op: 'range', field: 'source.port', ...bounds });
    });

    it('merges a lower and an upper bound on one field', () => {
      expect(parse('source.port >= 1024 and source.port < 2048')).toEqual({
        op: 'range',
        field: 'source.port',
        gte: 1024,
        lt: 2048,
      });
      expect(parse('source.port > 1 and host.name:x and source.port <= 9')).toEqual({
        op: 'and',
        filters: [
          { op: 'range', field: 'source.port', gt: 1, lte: 9 },
          { op: 'term', field: 'host.name', value: 'x' },
        ],
      });
    });

    it('does not merge two bounds on the same side', () => {
      expect(parse('source.port > 1 and source.port >= 2')).toEqual({
        op: 'and',
        filters: [
          { op: 'range', field: 'source.port', gt: 1 },
          { op: 'range', field: 'source.port', gte: 2 },
        ],
      });
    });

    it('keeps strings on keyword fields and infers numbers on unknown fields', () => {
      expect(parse('host.name >= m')).toEqual({ op: 'range', field: 'host.name', gte: 'm' });
      expect(untyped('bytes > 1000')).toEqual({ op: 'range', field: 'bytes', gt: 1000 });
      expect(untyped('bytes > "1000"')).toEqual({ op: 'range', field: 'bytes', gt: '1000' });
      expect(untyped('version >= 1.2.3')).toEqual({ op: 'range', field: 'version', gte: '1.2.3' });
    });

    it('passes ISO dates through unchanged', () => {
      expect(parse('@timestamp >= 2024-01-01')).toEqual({ op: 'range', field: '@timestamp', gte: '2024-01-01' });
      expect(parse('@timestamp < "2024-01-01T10:00:00+02:00"')).toEqual({
        op: 'range',
        field: '@timestamp',
        lt: '2024-01-01T10:00:00+02:00',
      });
    });

    it('turns epoch milliseconds into ISO dates on date fields', () => {
      expect(parse('@timestamp > 1715776496789')).toEqual({
        op: 'range',
        field: '@timestamp',
        gt: '2024-05-15T12:34:56.789Z',
      });
    });
  });

  describe('IP addresses and CIDR blocks', () => {
    it('makes cidr filters on ip fields', () => {
      expect(parse('source.ip: 10.0.0.0/8')).toEqual({ op: 'cidr', field: 'source.ip', cidr: '10.0.0.0/8' });
      expect(parse('source.ip: "2001:DB8::/32"')).toEqual({ op: 'cidr', field: 'source.ip', cidr: '2001:db8::/32' });
    });

    it('makes term filters for plain addresses', () => {
      expect(parse('source.ip: 192.168.1.10')).toEqual({ op: 'term', field: 'source.ip', value: '192.168.1.10' });
      expect(parse('source.ip: "fe80::1"')).toEqual({ op: 'term', field: 'source.ip', value: 'fe80::1' });
    });

    it('recognises CIDR blocks on fields of unknown type', () => {
      expect(untyped('client.address:172.16.0.0/12')).toEqual({
        op: 'cidr',
        field: 'client.address',
        cidr: '172.16.0.0/12',
      });
      expect(untyped('x:"::1/128"')).toEqual({ op: 'cidr', field: 'x', cidr: '::1/128' });
      expect(untyped('x:10.0.0.0/33')).toEqual({ op: 'term', field: 'x', value: '10.0.0.0/33' });
    });

    it('turns trailing-octet wildcards on ip fields into CIDR blocks', () => {
      expect(parse('source.ip:10.1.*')).toEqual({ op: 'cidr', field: 'source.ip', cidr: '10.1.0.0/16' });
      expect(parse('source.ip:10.*')).toEqual({ op: 'cidr', field: 'source.ip', cidr: '10.0.0.0/8' });
      expect(parse('source.ip:192.168.1.*')).toEqual({ op: 'cidr', field: 'source.ip', cidr: '192.168.1.0/24' });
    });
  });

  describe('date math', () => {
    it('evaluates now-relative bounds against options.now', () => {
      expect(parse('@timestamp < now-1h')).toEqual({
        op: 'range',
        field: '@timestamp',
        lt: '2024-05-15T11:34:56.789Z',
      });
      expect(parse('@timestamp >= now-15m')).toEqual({
        op: 'range',
        field: '@timestamp',
        gte: '2024-05-15T12:19:56.789Z',
      });
      expect(parse('event.created > now-7d')).toEqual({
        op: 'range',
        field: 'event.created',
        gt: '2024-05-08T12:34:56.789Z',
      });
      expect(parse('@timestamp <= now')).toEqual({ op: 'range', field: '@timestamp', lte: '2024-05-15T12:34:56.789Z' });
    });

    it('rounds down for >= and <, up for > and <=, like Elasticsearch', () => {
      expect(parse('@timestamp >= now/d')).toEqual({
        op: 'range',
        field: '@timestamp',
        gte: '2024-05-15T00:00:00.000Z',
      });
      expect(parse('@timestamp < now/d')).toEqual({ op: 'range', field: '@timestamp', lt: '2024-05-15T00:00:00.000Z' });
      expect(parse('@timestamp > now/d')).toEqual({ op: 'range', field: '@timestamp', gt: '2024-05-15T23:59:59.999Z' });
      expect(parse('@timestamp <= now/d')).toEqual({
        op: 'range',
        field: '@timestamp',
        lte: '2024-05-15T23:59:59.999Z',
      });
      expect(parse('@timestamp >= now-1d/d and @timestamp < now/d')).toEqual({
        op: 'range',
        field: '@timestamp',
        gte: '2024-05-14T00:00:00.000Z',
        lt: '2024-05-15T00:00:00.000Z',
      });
    });

    it('applies date math to fields of unknown type too', () => {
      expect(untyped('event.ingested > now-1h')).toEqual({
        op: 'range',
        field: 'event.ingested',
        gt: '2024-05-15T11:34:56.789Z',
      });
    });

    it('uses the current time when no now is given', () => {
      const before = Date.now();
      const f = parseKql('@timestamp < now') as { lt: string };
      expect(Date.parse(f.lt)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(f.lt)).toBeLessThanOrEqual(Date.now());
    });

    it('turns date:value into the span it denotes', () => {
      expect(parse('@timestamp:now/d')).toEqual({
        op: 'range',
        field: '@timestamp',
        gte: '2024-05-15T00:00:00.000Z',
        lte: '2024-05-15T23:59:59.999Z',
      });
      expect(parse('@timestamp:2024-02')).toEqual({
        op: 'range',
        field: '@timestamp',
        gte: '2024-02-01T00:00:00.000Z',
        lte: '2024-02-29T23:59:59.999Z',
      });
      expect(parse('@timestamp:now-1h')).toEqual({
        op: 'term',
        field: '@timestamp',
        value: '2024-05-15T11:34:56.789Z',
      });
    });
  });

  describe('limits', () => {
    it('accepts 64 levels of nesting and rejects 65', () => {
      expect(parse(`${'('.repeat(64)}a${')'.repeat(64)}`)).toEqual(match('a'));
      expect(() => parse(`${'('.repeat(65)}a${')'.repeat(65)}`)).toThrow(KqlSyntaxError);
      try {
        parse(`${'('.repeat(65)}a${')'.repeat(65)}`);
      } catch (e) {
        expect((e as KqlSyntaxError).position).toBe(64);
      }
    });

    it('counts NOT and value lists towards the depth', () => {
      expect(() => parse(`${'not '.repeat(65)}a`)).toThrow(/nested too deeply .* at position 256$/);
      expect(() => parse(`x:${'('.repeat(65)}a${')'.repeat(65)}`)).toThrow(/nested too deeply .* at position 66$/);
    });

    it('accepts 10 000 characters and rejects more', () => {
      const long = Array.from({ length: 1900 }, () => 'a').join(' or ');
      expect(long.length).toBeLessThan(10_000);
      expect((parse(long) as { filters: unknown[] }).filters).toHaveLength(1900);
      const q = 'x'.repeat(10_000);
      expect(parse(q)).toEqual(match(q));
      expect(() => parse(`${q}y`)).toThrow(/too long .* at position 10000/);
    });
  });
});
