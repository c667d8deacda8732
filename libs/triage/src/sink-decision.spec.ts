import { AlertSnapshot, decideSink, mergeSamples, SinkInput } from './sink-decision';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const base = (over: Partial<SinkInput> = {}): SinkInput => ({
  message: { count: 5, firstSeen: '2026-03-01T11:59:00Z', lastSeen: '2026-03-01T11:59:30Z' },
  nowMs: NOW,
  dedupWindowSeconds: 3600,
  reopenWithinSeconds: 86400,
  ...over,
});
const alert = (over: Partial<AlertSnapshot> = {}): AlertSnapshot => ({
  id: 'a1',
  status: 'open',
  lastSeen: '2026-03-01T11:50:00Z',
  closedAt: null,
  ...over,
});

describe('sink deduplication', () => {
  it('opens a new alert for an unseen key and group', () => {
    expect(decideSink(base())).toEqual({ action: 'create', count: 5 });
  });

  it('adds the growth of a known key, and ignores redeliveries', () => {
    const key = { alertId: 'a1', count: 5, lastSeen: '2026-03-01T11:59:30Z' };
    expect(decideSink(base({ key, keyAlert: alert(), message: { ...base().message, count: 8 } }))).toEqual({
      action: 'update',
      alertId: 'a1',
      countDelta: 3,
      reopen: false,
    });
    expect(decideSink(base({ key, keyAlert: alert() }))).toEqual({ action: 'ignore' });
    // an older message of the same key arriving late
    expect(decideSink(base({ key, keyAlert: alert(), message: { ...base().message, count: 3 } }))).toEqual({
      action: 'ignore',
    });
  });

  it('merges a new key of the same rule and group into the open alert within the window', () => {
    expect(decideSink(base({ latestForGroup: alert() }))).toEqual({
      action: 'update',
      alertId: 'a1',
      countDelta: 5,
      reopen: false,
    });
    const stale = alert({ lastSeen: '2026-03-01T09:00:00Z' });
    expect(decideSink(base({ latestForGroup: stale }))).toEqual({ action: 'create', count: 5 });
  });

  it('reopens an alert closed recently instead of duplicating it, not one closed long ago', () => {
    const recent = alert({ status: 'closed', closedAt: '2026-03-01T11:00:00Z' });
    expect(decideSink(base({ latestForGroup: recent }))).toEqual({
      action: 'update',
      alertId: 'a1',
      countDelta: 5,
      reopen: true,
    });
    const old = alert({ status: 'closed', closedAt: '2026-02-20T11:00:00Z' });
    expect(decideSink(base({ latestForGroup: old }))).toEqual({ action: 'create', count: 5 });
    const key = { alertId: 'a1', count: 5, lastSeen: '2026-03-01T11:59:00Z' };
    const grown = { ...base().message, count: 7, lastSeen: '2026-03-01T11:59:50Z' };
    expect(decideSink(base({ key, keyAlert: recent, message: grown }))).toMatchObject({ reopen: true, countDelta: 2 });
    expect(decideSink(base({ key, keyAlert: old, message: grown }))).toEqual({ action: 'create', count: 2 });
  });

  it('keeps the first samples without repeats', () => {
    expect(mergeSamples(['a', 'b'], ['b', 'c', 'd'], 3)).toEqual(['a', 'b', 'c']);
  });
});
