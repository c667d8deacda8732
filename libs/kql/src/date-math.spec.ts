import { evaluateDateMath, parseDateMath, parseIsoDate, roundDate } from './date-math';

const NOW = new Date('2024-05-15T12:34:56.789Z'); // a Wednesday

function at(expr: string, roundUp = false, now = NOW): string | undefined {
  const math = parseDateMath(expr);
  if (!math) return undefined;
  return evaluateDateMath(math, now, roundUp)?.toISOString();
}

describe('date math', () => {
  it.each([
    ['now', '2024-05-15T12:34:56.789Z'],
    ['now-1h', '2024-05-15T11:34:56.789Z'],
    ['now-1H', '2024-05-15T11:34:56.789Z'],
    ['now-15m', '2024-05-15T12:19:56.789Z'],
    ['now+30s', '2024-05-15T12:35:26.789Z'],
    ['now-7d', '2024-05-08T12:34:56.789Z'],
    ['now-2w', '2024-05-01T12:34:56.789Z'],
    ['now-1M', '2024-04-15T12:34:56.789Z'],
    ['now+1y', '2025-05-15T12:34:56.789Z'],
    ['now-1d-12h', '2024-05-14T00:34:56.789Z'],
    ['now/d', '2024-05-15T00:00:00.000Z'],
    ['now/h', '2024-05-15T12:00:00.000Z'],
    ['now/m', '2024-05-15T12:34:00.000Z'],
    ['now/s', '2024-05-15T12:34:56.000Z'],
    ['now/w', '2024-05-13T00:00:00.000Z'],
    ['now/M', '2024-05-01T00:00:00.000Z'],
    ['now/y', '2024-01-01T00:00:00.000Z'],
    ['now-1d/d', '2024-05-14T00:00:00.000Z'],
    ['now/d+8h', '2024-05-15T08:00:00.000Z'],
    ['2024-01-31||+1M', '2024-02-29T00:00:00.000Z'],
    ['2023-01-31||+1M', '2023-02-28T00:00:00.000Z'],
    ['2024-02-29||+1y', '2025-02-28T00:00:00.000Z'],
    ['2024-03-10T10:00:00Z||/d', '2024-03-10T00:00:00.000Z'],
  ])('%s rounds down to %s', (expr, expected) => {
    expect(at(expr)).toBe(expected);
  });

  it.each([
    ['now/d', '2024-05-15T23:59:59.999Z'],
    ['now/w', '2024-05-19T23:59:59.999Z'],
    ['now/M', '2024-05-31T23:59:59.999Z'],
    ['now/y', '2024-12-31T23:59:59.999Z'],
    ['now/h', '2024-05-15T12:59:59.999Z'],
    ['now-1h', '2024-05-15T11:34:56.789Z'],
  ])('%s rounds up to %s', (expr, expected) => {
    expect(at(expr, true)).toBe(expected);
  });

  it('starts weeks on Monday, even from a Sunday', () => {
    expect(at('now/w', false, new Date('2024-05-19T23:00:00Z'))).toBe('2024-05-13T00:00:00.000Z');
    expect(at('now/w', false, new Date('2024-05-20T00:00:00Z'))).toBe('2024-05-20T00:00:00.000Z');
  });

  it.each(['', 'now-', 'now-1', 'now-1x', 'now/', 'now/2d', 'nowish', 'now -1h', 'yesterday', '||+1d', 'x||+1d'])(
    'rejects %j',
    (expr) => {
      expect(parseDateMath(expr)).toBeUndefined();
    },
  );

  it('rounds across a year boundary', () => {
    expect(roundDate(new Date('2023-12-31T23:59:59.999Z'), 'M', true).toISOString()).toBe('2023-12-31T23:59:59.999Z');
    expect(roundDate(new Date('2024-01-01T00:00:00.000Z'), 'w', false).toISOString()).toBe('2024-01-01T00:00:00.000Z');
  });
});

describe('parseIsoDate', () => {
  it.each([
    ['2024', '2024-01-01T00:00:00.000Z'],
    ['2024-05', '2024-05-01T00:00:00.000Z'],
    ['2024-05-15', '2024-05-15T00:00:00.000Z'],
    ['2024-05-15T10:20', '2024-05-15T10:20:00.000Z'],
    ['2024-05-15T10:20:30', '2024-05-15T10:20:30.000Z'],
    ['2024-05-15T10:20:30.5Z', '2024-05-15T10:20:30.500Z'],
    ['2024-05-15T10:20:30.123456789Z', '2024-05-15T10:20:30.123Z'],
    ['2024-05-15T10:20:30+02:00', '2024-05-15T08:20:30.000Z'],
    ['2024-05-15T10:20:30-0130', '2024-05-15T11:50:30.000Z'],
    ['2024-05-15 10:20:30Z', '2024-05-15T10:20:30.000Z'],
  ])('%s is %s', (text, iso) => {
    expect(parseIsoDate(text)?.toISOString()).toBe(iso);
  });

  it.each(['2024-13', '2024-02-30', '2024-05-15T24:00', '2024-05-15Z', '24-05-15', '2024/05/15', 'now'])(
    'rejects %s',
    (text) => {
      expect(parseIsoDate(text)).toBeUndefined();
    },
  );
});
