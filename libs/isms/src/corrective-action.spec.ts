import { checkActionTransition, isActionOverdue } from './corrective-action';
import { incidentMetrics } from './metrics';

describe('corrective actions', () => {
  it('cannot close without an effective review', () => {
    expect(checkActionTransition('implemented', 'closed', { review: null })).toEqual({
      ok: false,
      reason: 'review_required',
    });
    expect(checkActionTransition('implemented', 'closed', { review: { result: 'ineffective' } })).toEqual({
      ok: false,
      reason: 'review_ineffective',
    });
    expect(checkActionTransition('implemented', 'closed', { review: { result: 'effective' } })).toEqual({ ok: true });
    expect(checkActionTransition('open', 'closed', { review: { result: 'effective' } })).toEqual({
      ok: false,
      reason: 'not_allowed',
      allowed: ['in_progress', 'implemented', 'cancelled'],
    });
  });

  it('is overdue after its due date while not closed', () => {
    const now = new Date('2026-04-10T08:00:00Z');
    expect(isActionOverdue({ dueDate: '2026-04-09', status: 'open' }, now)).toBe(true);
    expect(isActionOverdue({ dueDate: '2026-04-10', status: 'open' }, now)).toBe(false);
    expect(isActionOverdue({ dueDate: '2026-04-01', status: 'closed' }, now)).toBe(false);
    expect(isActionOverdue({ dueDate: null, status: 'open' }, now)).toBe(false);
  });
});

describe('incident metrics', () => {
  it('computes mean times and monthly counts, leaving events out', () => {
    const m = incidentMetrics([
      {
        reference: 'INC-2026-0001',
        category: 'phishing',
        members: ['ivry', 'vitry'],
        occurredAt: '2026-01-01T00:00:00Z',
        detectedAt: '2026-01-01T02:00:00Z',
        containedAt: '2026-01-01T06:00:00Z',
        closedAt: '2026-01-03T02:00:00Z',
        isIncident: true,
      },
      {
        reference: 'INC-2026-0002',
        category: 'malware',
        members: ['ivry'],
        occurredAt: '2026-02-01T00:00:00Z',
        detectedAt: '2026-02-01T04:00:00Z',
        containedAt: null,
        closedAt: null,
        isIncident: true,
      },
      {
        reference: 'INC-2026-0003',
        category: 'other',
        members: ['ivry'],
        occurredAt: null,
        detectedAt: '2026-02-02T00:00:00Z',
        containedAt: null,
        closedAt: '2026-02-02T01:00:00Z',
        isIncident: false,
      },
    ]);
    expect(m.mttd).toEqual({ hours: 3, count: 2 });
    expect(m.mttc).toEqual({ hours: 4, count: 1 });
    expect(m.mttr).toEqual({ hours: 48, count: 1 });
    expect(m.perMonthByCategory).toEqual({ '2026-01': { phishing: 1 }, '2026-02': { malware: 1 } });
    expect(m.perMonthByMember).toEqual({ '2026-01': { ivry: 1, vitry: 1 }, '2026-02': { ivry: 1 } });
    expect(m.total).toBe(2);
  });
});
