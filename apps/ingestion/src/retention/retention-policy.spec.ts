import { dayExpired, DEFAULT_RETENTION_DAYS, expiredDays, retentionCutoff } from './retention-policy';

const now = new Date('2026-11-29T14:30:00.000Z');

describe('retention cutoff', () => {
  it('is now minus the retention in days', () => {
    expect(retentionCutoff(now, 30).toISOString()).toBe('2026-10-30T14:30:00.000Z');
    expect(retentionCutoff(now, 365).toISOString()).toBe('2025-11-29T14:30:00.000Z');
    expect(retentionCutoff(now, 1).toISOString()).toBe('2026-11-28T14:30:00.000Z');
  });

  it('falls back to the default for a retention that is not a positive whole number', () => {
    const def = retentionCutoff(now, DEFAULT_RETENTION_DAYS).toISOString();
    for (const bad of [0, -3, 1.5, Number.NaN]) expect(retentionCutoff(now, bad).toISOString()).toBe(def);
  });

  it('expires a day only once all of it is before the cutoff', () => {
    const cutoff = retentionCutoff(now, 30); // 2026-10-30T14:30Z
    expect(dayExpired('2026-10-28', cutoff)).toBe(true);
    expect(dayExpired('2026-10-29', cutoff)).toBe(true); // ends 10-30T00:00Z
    expect(dayExpired('2026-10-30', cutoff)).toBe(false); // straddles the cutoff
    expect(dayExpired('2026-11-29', cutoff)).toBe(false);
  });

  it('expires the day ending exactly at the cutoff', () => {
    expect(dayExpired('2026-10-29', new Date('2026-10-30T00:00:00.000Z'))).toBe(true);
    expect(dayExpired('2026-10-29', new Date('2026-10-29T23:59:59.999Z'))).toBe(false);
  });

  it('never expires a malformed day', () => {
    for (const d of ['2026-10-1', 'yesterday', '', '2026/10/01']) expect(dayExpired(d, now)).toBe(false);
  });

  it('handles leap days and year ends', () => {
    const at = new Date('2025-03-01T00:00:00.000Z');
    expect(retentionCutoff(at, 366).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(dayExpired('2024-02-28', retentionCutoff(at, 366))).toBe(true);
    expect(dayExpired('2024-02-29', retentionCutoff(at, 366))).toBe(false);
    expect(dayExpired('2024-12-31', new Date('2025-01-01T00:00:00.000Z'))).toBe(true);
  });

  it("applies each member's retention and the default to unknown members", () => {
    const units = [
      { member: 'ivry', day: '2026-11-01' },
      { member: 'ivry', day: '2026-11-20' },
      { member: 'vitry', day: '2026-11-01' },
      { member: 'vitry', day: '2025-11-27' },
      { member: 'gone', day: '2025-11-27' },
      { member: 'gone', day: '2025-11-28' },
      { member: 'gone', day: '2025-11-29' },
    ];
    const retention = new Map([
      ['ivry', 10],
      ['vitry', 365],
    ]);
    expect(expiredDays(units, retention, now)).toEqual([
      { member: 'ivry', day: '2026-11-01' },
      { member: 'vitry', day: '2025-11-27' },
      { member: 'gone', day: '2025-11-27' },
      { member: 'gone', day: '2025-11-28' },
    ]);
  });
});
