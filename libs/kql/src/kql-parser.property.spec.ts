import fc from 'fast-check';
import type { Filter } from '@vigie/event-store';
import { parseKql } from './kql-parser';
import { kqlToString } from './kql-printer';
import { KqlSyntaxError } from './kql-syntax.error';
import { ECS_OPTIONS } from './kql-test-fields';

/** Parses, requiring that any failure is a KqlSyntaxError pointing inside the input. */
function parseOrSyntaxError(q: string): Filter | undefined | KqlSyntaxError {
  try {
    return parseKql(q, ECS_OPTIONS);
  } catch (e) {
    if (!(e instanceof KqlSyntaxError)) throw e;
    expect(e.position).toBeGreaterThanOrEqual(0);
    expect(e.position).toBeLessThanOrEqual(q.length);
    expect(e.message).toMatch(/ at position \d+$/);
    return e;
  }
}

const KQL_PIECES = [
  ' ',
  '  ',
  '\t',
  '\n',
  '\u00a0',
  '(',
  ')',
  ':',
  '"',
  '\\',
  '*',
  '<',
  '>',
  '<=',
  '>=',
  '{',
  '}',
  '?',
  '/',
  '-',
  '.',
  'and',
  'or',
  'not',
  'AND',
  'Or',
  'NOT',
  'a',
  'b',
  'foo',
  'x',
  '1',
  '42',
  '-0',
  '1.5',
  'true',
  'now',
  'now-1h',
  'now/d',
  '2024-05-01',
  '10.0.0.0/8',
  '::1',
  'message',
  'source.ip',
  'source.port',
  '@timestamp',
  'host.name',
  'tls.established',
  'event.risk_score',
  '\\u00e9',
  '\\n',
  '\\ ',
  '\\:',
  '\\*',
  'é',
  '🙂',
];
const kqlish = fc.array(fc.constantFrom(...KQL_PIECES), { maxLength: 30 }).map((parts) => parts.join(''));

describe('parseKql properties', () => {
  it('throws nothing but KqlSyntaxError on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (q) => {
        parseOrSyntaxError(q);
      }),
      { numRuns: 3000 },
    );
  });

  it('throws nothing but KqlSyntaxError on arbitrary unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (q) => {
        parseOrSyntaxError(q);
      }),
      { numRuns: 2000 },
    );
  });

  it('throws nothing but KqlSyntaxError on strings built from KQL pieces, and round-trips what it accepts', () => {
    let accepted = 0;
    fc.assert(
      fc.property(kqlish, (q) => {
        const result = parseOrSyntaxError(q);
        if (result instanceof KqlSyntaxError || result === undefined) return;
        accepted++;
        expect(parseKql(kqlToString(result), ECS_OPTIONS)).toEqual(result);
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(100); // the property must not hold vacuously
  });

  it('round-trips generated well-formed queries', () => {
    const field = fc.constantFrom('host.name', 'user.name', 'source.ip', 'source.port', 'x', 'message', '@timestamp');
    const word = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,8}$/).filter((w) => !/^(and|or|not)$/.test(w));
    const value = fc.oneof(
      word,
      word.map((w) => `"${w} ${w}"`),
      word.map((w) => `${w}*`),
    );
    const valueFor = (f: string): fc.Arbitrary<string> =>
      f === 'source.ip'
        ? fc.constantFrom('10.0.0.1', '10.0.0.0/8', '"2001:db8::/32"', '192.168.*')
        : f === 'source.port'
          ? fc.integer({ min: 0, max: 65535 }).map(String)
          : f === '@timestamp'
            ? fc.constantFrom('now-1h', 'now/d', '2024-05-01', '"2024-05-01T10:00:00.000Z"')
            : value;
    const leaf = fc.oneof(
      value,
      field.chain((f) => valueFor(f).map((v) => `${f}:${v}`)),
      field.chain((f) =>
        fc.array(valueFor(f), { minLength: 1, maxLength: 4 }).map((vs) => `${f}:(${vs.join(' or ')})`),
      ),
      fc.tuple(fc.constantFrom('source.port', '@timestamp'), fc.constantFrom('<', '<=', '>', '>=')).chain(([f, op]) =>
        valueFor(f)
          .filter((v) => !v.includes('*'))
          .map((v) => `${f} ${op} ${v}`),
      ),
      field.map((f) => `${f}:*`),
    );
    const query = fc.letrec<{ q: string }>((tie) => ({
      q: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        tie('q').map((q) => `not ${q.startsWith('not ') ? q : `(${q})`}`),
        fc
          .tuple(tie('q'), fc.constantFrom(' and ', ' or ', ' AND ', ' OR '), tie('q'))
          .map(([a, op, b]) => `(${a})${op}(${b})`),
      ),
    })).q;
    fc.assert(
      fc.property(query, (q) => {
        const parsed = parseKql(q, ECS_OPTIONS);
        const again = parsed === undefined ? undefined : parseKql(kqlToString(parsed), ECS_OPTIONS);
        expect(again).toEqual(parsed);
      }),
      { numRuns: 2000 },
    );
  });

  it('prints any filter as a query that parses', () => {
    const name = fc.string({ minLength: 1, maxLength: 12 });
    const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.double({ noNaN: true }), fc.boolean());
    const filter = fc.letrec<{ f: Filter }>((tie) => ({
      f: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.record({ op: fc.constant('term' as const), field: name, value: scalar }),
        fc.record({ op: fc.constant('terms' as const), field: name, values: fc.array(scalar, { maxLength: 3 }) }),
        fc.record({ op: fc.constant('exists' as const), field: name }),
        fc.record({ op: fc.constant('wildcard' as const), field: name, pattern: fc.string({ maxLength: 12 }) }),
        fc.record({ op: fc.constant('match' as const), text: fc.string({ maxLength: 12 }) }),
        fc.record({
          op: fc.constant('match' as const),
          field: name,
          text: fc.string({ maxLength: 12 }),
          phrase: fc.boolean(),
        }),
        fc.record({
          op: fc.constant('range' as const),
          field: name,
          gte: fc.oneof(fc.integer(), fc.string({ maxLength: 8 })),
        }),
        fc.record({ op: fc.constant('not' as const), filter: tie('f') }),
        fc.record({ op: fc.constant('and' as const), filters: fc.array(tie('f'), { maxLength: 3 }) }),
        fc.record({ op: fc.constant('or' as const), filters: fc.array(tie('f'), { maxLength: 3 }) }),
      ),
    })).f;
    fc.assert(
      fc.property(filter, (f) => {
        const printed = kqlToString(f);
        expect(() => parseKql(printed, { now: new Date(0) })).not.toThrow();
      }),
      { numRuns: 3000 },
    );
  });
});
