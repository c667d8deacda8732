import { DomainError } from '@vigie/contracts';
import {
  bucketStarts,
  formatDuration,
  parseDuration,
  resolveInstant,
  resolveInterval,
  resolveWindow,
} from './event-time';

const NOW = new Date('2024-05-15T12:34:56.789Z');

describe('resolveInstant', () => {
  it('evaluates date math against now', () => {
    expect(resolveInstant('now-24h', NOW, 'from')).toBe('2024-05-14T12:34:56.789Z');
    expect(resolveInstant('now', NOW, 'to')).toBe('2024-05-15T12:34:56.789Z');
    expect(resolveInstant('now-1d/d', NOW, 'from')).toBe('2024-05-14T00:00:00.000Z');
    // an exclusive upper bound rounds down too: before today
    expect(resolveInstant('now/d', NOW, 'to')).toBe('2024-05-15T00:00:00.000Z');
    expect(resolveInstant('2024-05-01||+1M', NOW, 'from')).toBe('2024-06-01T00:00:00.000Z');
  });

  it('reads ISO 8601 dates, with or without zone (UTC)', () => {
    expect(resolveInstant('2024-05-01', NOW, 'from')).toBe('2024-05-01T00:00:00.000Z');
    expect(resolveInstant('2024-05-01T10:00:00+02:00', NOW, 'from')).toBe('2024-05-01T08:00:00.000Z');
    expect(resolveInstant('2024-05-01T10:00', NOW, 'to')).toBe('2024-05-01T10:00:00.000Z');
    expect(resolveInstant('2024-05-01T10:00:00.250Z', NOW, 'to')).toBe('2024-05-01T10:00:00.250Z');
  });

  it('restores a + that a query string turned into a space', () => {
    expect(resolveInstant('2024-05-01T10:00:00 02:00', NOW, 'from')).toBe('2024-05-01T08:00:00.000Z');
    expect(resolveInstant('now-1d 2h', NOW, 'from')).toBe('2024-05-14T14:34:56.789Z');
    expect(resolveInstant('2024-05-01 10:00', NOW, 'from')).toBe('2024-05-01T10:00:00.000Z');
  });

  it.each(['yesterday', '2024-13-01', '2024-02-30', 'now-1x', '" or 1', '', 'now-24h)'])('rejects %j', (text) => {
    expect(() => resolveInstant(text, NOW, 'from')).toThrow(DomainError);
    try {
      resolveInstant(text, NOW, 'to');
    } catch (err) {
      expect(err).toMatchObject({ kind: 'invalid', code: 'invalid_time', fields: [{ field: 'to' }] });
    }
  });
});

describe('resolveWindow', () => {
  it('defaults to the last 24 hours, or the given default', () => {
    expect(resolveWindow({}, NOW)).toEqual({ from: '2024-05-14T12:34:56.789Z', to: '2024-05-15T12:34:56.789Z' });
    expect(resolveWindow({}, NOW, 'now-30d').from).toBe('2024-04-15T12:34:56.789Z');
  });

  it('rejects an empty or reversed window', () => {
    expect(() => resolveWindow({ from: 'now', to: 'now-1h' }, NOW)).toThrow(
      expect.objectContaining({ code: 'invalid_time_range' }),
    );
    expect(() => resolveWindow({ from: '2024-05-01', to: '2024-05-01' }, NOW)).toThrow(DomainError);
  });
});

describe('durations and intervals', () => {
  it('parses and prints durations', () => {
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('1h')).toBe(3600);
    expect(parseDuration('7d')).toBe(604_800);
    expect(parseDuration('0m')).toBeUndefined();
    expect(parseDuration('1y')).toBeUndefined();
    expect(formatDuration(3600)).toBe('1h');
    expect(formatDuration(90)).toBe('90s');
    expect(formatDuration(86_400 * 14)).toBe('2w');
  });

  it('auto picks the shortest round interval giving at most 60 buckets', () => {
    const day = { from: '2024-05-14T00:00:00.000Z', to: '2024-05-15T00:00:00.000Z' };
    expect(resolveInterval('auto', day)).toBe(1800);
    expect(resolveInterval(undefined, { from: '2024-05-14T00:00:00Z', to: '2024-05-14T01:00:00Z' })).toBe(60);
    expect(resolveInterval('auto', { from: '2024-04-15T00:00:00Z', to: '2024-05-15T00:00:00Z' })).toBe(43_200);
    expect(resolveInterval('1h', day)).toBe(3600);
  });

  it('refuses an interval giving too many buckets', () => {
    expect(() => resolveInterval('1s', { from: '2024-05-14T00:00:00Z', to: '2024-05-15T00:00:00Z' })).toThrow(
      expect.objectContaining({ code: 'too_many_buckets' }),
    );
  });

  it('lists epoch-aligned bucket starts covering the window', () => {
    expect(bucketStarts({ from: '2024-05-14T10:30:00.000Z', to: '2024-05-14T13:00:00.000Z' }, 3600)).toEqual([
      '2024-05-14T10:00:00.000Z',
      '2024-05-14T11:00:00.000Z',
      '2024-05-14T12:00:00.000Z',
    ]);
  });
});
