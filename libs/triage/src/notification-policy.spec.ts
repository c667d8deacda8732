import { notifyVerdict, NotifyInput, parseGraceOverrides, retryDelayMs } from './notification-policy';
import { signWebhook, verifyWebhook } from './webhook-signature';

const base: NotifyInput = {
  change: 'created',
  level: 'high',
  minLevel: 'medium',
  alertMembers: ['ivry'],
  channelMembers: [],
  nowMs: 1_000_000,
  graceSeconds: 600,
};

describe('notification policy', () => {
  it('notifies new and reopened alerts at or above the level, never updates', () => {
    expect(notifyVerdict(base)).toBe('send');
    expect(notifyVerdict({ ...base, change: 'reopened' })).toBe('send');
    expect(notifyVerdict({ ...base, change: 'updated' })).toBe('not_new');
    expect(notifyVerdict({ ...base, level: 'low' })).toBe('below_level');
  });

  it('routes per member and respects the grace period', () => {
    expect(notifyVerdict({ ...base, channelMembers: ['vitry'] })).toBe('member_not_routed');
    expect(notifyVerdict({ ...base, channelMembers: ['ivry'] })).toBe('send');
    expect(notifyVerdict({ ...base, lastNotifiedMs: base.nowMs - 599_000 })).toBe('grace_period');
    expect(notifyVerdict({ ...base, lastNotifiedMs: base.nowMs - 600_000 })).toBe('send');
  });

  it('parses per-rule grace overrides and backs off', () => {
    const r = parseGraceOverrides(['ssh-bf=3600', 'bad', 'x=-1']);
    expect([...r.map]).toEqual([['ssh-bf', 3600]]);
    expect(r.problems).toHaveLength(2);
    expect([1, 2, 3, 10].map((a) => retryDelayMs(a, 500, 10_000))).toEqual([500, 1000, 2000, 10_000]);
  });

  it('signs webhook bodies with HMAC-SHA256 over timestamp and body', () => {
    const sig = signWebhook('s3cret', 1700000000, '{"a":1}');
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhook('s3cret', 1700000000, '{"a":1}', sig)).toBe(true);
    expect(verifyWebhook('s3cret', 1700000001, '{"a":1}', sig)).toBe(false);
    expect(verifyWebhook('other', 1700000000, '{"a":1}', sig)).toBe(false);
  });
});
