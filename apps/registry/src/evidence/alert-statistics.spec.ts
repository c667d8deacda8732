import { alertStats, AlertRow } from './alert-statistics';

const row = (over: Partial<AlertRow>): AlertRow => ({
  ruleId: 'r1',
  ruleTitle: 'Rule one',
  level: 'high',
  members: ['ivry'],
  status: 'open',
  closeReason: null,
  createdAt: '2025-03-01T10:00:00.000Z',
  acknowledgedAt: null,
  closedAt: null,
  ...over,
});

describe('alertStats', () => {
  it('counts by month, rule, level, member and close reason, sorted by key', () => {
    const s = alertStats([
      row({}),
      row({
        ruleId: 'r2',
        ruleTitle: 'Rule two',
        createdAt: '2025-04-30T23:59:59.000Z',
        members: ['ivry', 'vitry'],
        status: 'closed',
        closeReason: 'false_positive',
      }),
      row({ level: 'low', createdAt: '2025-03-31T23:00:00.000Z' }),
    ]);
    expect(s.total).toBe(3);
    expect(s.byMonth).toEqual([
      { key: '2025-03', count: 2 },
      { key: '2025-04', count: 1 },
    ]);
    expect(s.byRule).toEqual([
      { key: 'r1', title: 'Rule one', count: 2 },
      { key: 'r2', title: 'Rule two', count: 1 },
    ]);
    expect(s.byMember).toEqual([
      { key: 'ivry', count: 3 },
      { key: 'vitry', count: 1 },
    ]);
    expect(s.byCloseReason).toEqual([{ key: 'false_positive', count: 1 }]);
    expect(s.byLevel.map((b) => b.key)).toEqual(['high', 'low']);
  });

  it('computes time to acknowledge and to close, null when nothing was', () => {
    const s = alertStats([
      row({ acknowledgedAt: '2025-03-01T10:01:00.000Z', closedAt: '2025-03-01T11:00:00.000Z' }),
      row({ acknowledgedAt: '2025-03-01T10:03:00.000Z' }),
    ]);
    expect(s.timeToAcknowledge).toEqual({ count: 2, meanSeconds: 120, medianSeconds: 60, p90Seconds: 180 });
    expect(s.timeToClose).toMatchObject({ count: 1, meanSeconds: 3600 });
    expect(alertStats([]).timeToClose).toEqual({ count: 0, meanSeconds: null, medianSeconds: null, p90Seconds: null });
  });
});
