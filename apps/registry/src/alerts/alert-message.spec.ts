import { parseAlertMessage } from './alert-message';

const base = {
  alertKey: 'r:g:1',
  status: 'new',
  kind: 'correlation',
  rule: { id: 'r', title: 'R', level: 'high', tags: ['attack.t1110'] },
  groupKey: 'ivry|srv|1.2.3.4',
  groupValues: { 'organization.id': 'ivry', Hostname: 'srv', 'source.ip': '1.2.3.4' },
  firstSeen: '2026-01-01T10:00:00+01:00',
  lastSeen: '2026-01-01T09:01:00Z',
  count: 5,
  sampleEventIds: ['a', 'b'],
  members: ['ivry'],
  at: '2026-01-01T09:01:00.010Z',
};

describe('parseAlertMessage', () => {
  it('checks and normalises a detector message', () => {
    const m = parseAlertMessage(JSON.stringify(base))!;
    expect(m).toMatchObject({
      resolvedMembers: ['ivry'],
      hosts: ['srv'],
      firstSeen: '2026-01-01T09:00:00.000Z',
      count: 5,
    });
  });

  it('keeps the triggering event when it is an object of reasonable size', () => {
    const event = { user: { name: 'svc-backup' }, source: { ip: '1.2.3.4' } };
    expect(parseAlertMessage(JSON.stringify({ ...base, event }))!.event).toEqual(event);
    expect(parseAlertMessage(JSON.stringify({ ...base, event: 'text' }))!.event).toBeUndefined();
    expect(parseAlertMessage(JSON.stringify({ ...base, event: [event] }))!.event).toBeUndefined();
    const huge = { message: 'x'.repeat(300 * 1024) };
    expect(parseAlertMessage(JSON.stringify({ ...base, event: huge }))!.event).toBeUndefined();
  });

  it('falls back on organization.id, then on unattributed, for the members', () => {
    expect(parseAlertMessage(JSON.stringify({ ...base, members: [] }))!.resolvedMembers).toEqual(['ivry']);
    expect(
      parseAlertMessage(JSON.stringify({ ...base, members: ['Not A Code'], groupValues: { Hostname: 'x' } }))!
        .resolvedMembers,
    ).toEqual(['unattributed']);
  });

  it('rejects what is not an alert, and defaults an unknown level to medium', () => {
    expect(parseAlertMessage('nope')).toBeUndefined();
    expect(parseAlertMessage('null')).toBeUndefined();
    expect(parseAlertMessage(JSON.stringify({ ...base, rule: undefined }))).toBeUndefined();
    expect(parseAlertMessage(JSON.stringify({ ...base, firstSeen: 'yesterday' }))).toBeUndefined();
    expect(parseAlertMessage(JSON.stringify({ ...base, count: -1 }))).toBeUndefined();
    expect(parseAlertMessage(JSON.stringify({ ...base, rule: { ...base.rule, level: 'severe' } }))!.rule.level).toBe(
      'medium',
    );
  });
});
