import { cnilDeadline, controllerDeadline, formatCountdown, isLate, sortDeadlines } from './breach-deadline';
import { frozenClock } from './clock';

describe('72 hour deadline', () => {
  const clock = frozenClock('2026-03-05T10:00:00Z');

  it('adds 72 hours to awareness, across a DST change', () => {
    expect(cnilDeadline('2026-03-02T09:30:00Z').toISOString()).toBe('2026-03-05T09:30:00.000Z');
    // 29 March 2026: Europe/Paris moves to summer time; 72 h stay 72 elapsed hours.
    expect(cnilDeadline('2026-03-28T12:00:00+01:00').toISOString()).toBe('2026-03-31T11:00:00.000Z');
  });

  it('counts down while pending and goes overdue after', () => {
    const pending = controllerDeadline(
      { member: 'ivry', awareAt: '2026-03-03T12:00:00Z', notifiedAt: null, notificationRequired: null },
      clock.now(),
    );
    expect(pending).toMatchObject({
      state: 'pending',
      deadline: '2026-03-06T12:00:00.000Z',
      remainingMs: 26 * 3_600_000,
      countdown: '26:00',
    });
    const overdue = controllerDeadline(
      { member: 'vitry', awareAt: '2026-03-02T09:30:00Z', notifiedAt: null, notificationRequired: true },
      clock.now(),
    );
    expect(overdue).toMatchObject({ state: 'overdue', countdown: '-00:30' });
  });

  it('tells notified on time from notified late', () => {
    const onTime = controllerDeadline(
      { member: 'a', awareAt: '2026-03-01T00:00:00Z', notifiedAt: '2026-03-03T23:59:00Z', notificationRequired: true },
      clock.now(),
    );
    expect(onTime).toMatchObject({ state: 'notified', lateByMs: null });
    const late = controllerDeadline(
      { member: 'b', awareAt: '2026-03-01T00:00:00Z', notifiedAt: '2026-03-04T02:00:00Z', notificationRequired: true },
      clock.now(),
    );
    expect(late).toMatchObject({ state: 'notified_late', lateByMs: 2 * 3_600_000 });
    expect(isLate('2026-03-01T00:00:00Z', '2026-03-04T00:00:00Z')).toBe(false);
    expect(isLate('2026-03-01T00:00:00Z', '2026-03-04T00:00:01Z')).toBe(true);
  });

  it('has no deadline before awareness, and none when no notification is required', () => {
    expect(
      controllerDeadline({ member: 'a', awareAt: null, notifiedAt: null, notificationRequired: null }, clock.now())
        .state,
    ).toBe('awaiting_awareness');
    expect(
      controllerDeadline(
        { member: 'a', awareAt: '2026-03-01T00:00:00Z', notifiedAt: null, notificationRequired: false },
        clock.now(),
      ).state,
    ).toBe('not_required');
  });

  it('lists overdue first, then the closest deadline', () => {
    const now = clock.now();
    const list = sortDeadlines(
      [
        { member: 'far', awareAt: '2026-03-05T09:00:00Z' },
        { member: 'done', awareAt: '2026-03-01T00:00:00Z', notifiedAt: '2026-03-02T00:00:00Z' },
        { member: 'near', awareAt: '2026-03-02T12:00:00Z' },
        { member: 'late', awareAt: '2026-03-01T00:00:00Z' },
      ].map((c) => controllerDeadline({ notifiedAt: null, notificationRequired: null, ...c }, now)),
    );
    expect(list.map((d) => d.member)).toEqual(['late', 'near', 'far', 'done']);
  });

  it('formats countdowns', () => {
    expect(formatCountdown(71 * 3_600_000 + 59 * 60_000 + 59_000)).toBe('71:59');
    expect(formatCountdown(-90 * 60_000)).toBe('-01:30');
  });
});
