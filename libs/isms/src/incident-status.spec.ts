import { allowedNextStates, canDecide, checkTransition, INCIDENT_STATUSES, phaseOf } from './incident-status';
import { formatIncidentReference, parseIncidentReference } from './reference';

describe('incident lifecycle', () => {
  it('walks new → closed for an incident', () => {
    const path = ['new', 'triage', 'investigating', 'contained', 'eradicated', 'recovered', 'closed'] as const;
    for (let i = 0; i + 1 < path.length; i++) {
      expect(
        checkTransition(path[i], path[i + 1], {
          decision: 'incident',
          rootCause: 'weak password',
          lessonsLearned: 'MFA',
        }),
      ).toEqual({ ok: true });
    }
  });

  it('refuses skipping a state and names the allowed next ones', () => {
    expect(checkTransition('new', 'contained', { decision: null })).toEqual({
      ok: false,
      reason: 'not_allowed',
      allowed: ['triage'],
    });
    expect(checkTransition('investigating', 'closed', { decision: 'incident' })).toEqual({
      ok: false,
      reason: 'not_allowed',
      allowed: ['contained'],
    });
    expect(checkTransition('closed', 'new', { decision: 'incident' })).toEqual({
      ok: false,
      reason: 'not_allowed',
      allowed: [],
    });
  });

  it('needs the event-vs-incident decision to leave triage', () => {
    expect(checkTransition('triage', 'investigating', { decision: null })).toMatchObject({
      ok: false,
      reason: 'decision_required',
    });
    expect(checkTransition('triage', 'closed', { decision: 'event' })).toEqual({ ok: true });
    expect(checkTransition('triage', 'investigating', { decision: 'event' })).toEqual({
      ok: false,
      reason: 'not_allowed',
      allowed: ['closed'],
    });
    expect(allowedNextStates('triage', 'incident')).toEqual(['investigating']);
    expect(canDecide('triage')).toBe(true);
    expect(canDecide('investigating')).toBe(false);
  });

  it('needs the root cause and lessons learned to close an incident', () => {
    expect(
      checkTransition('recovered', 'closed', { decision: 'incident', rootCause: ' ', lessonsLearned: null }),
    ).toEqual({
      ok: false,
      reason: 'missing_fields',
      fields: ['rootCause', 'lessonsLearned'],
    });
    expect(
      checkTransition('recovered', 'closed', { decision: 'incident', rootCause: 'x', lessonsLearned: '' }),
    ).toMatchObject({ fields: ['lessonsLearned'] });
  });

  it('maps every status to a response phase', () => {
    expect(INCIDENT_STATUSES.map(phaseOf)).toEqual([
      'detection',
      'detection',
      'analysis',
      'containment',
      'eradication',
      'recovery',
      'post_incident',
    ]);
  });

  it('formats and parses references', () => {
    expect(formatIncidentReference(2026, 1)).toBe('INC-2026-0001');
    expect(formatIncidentReference(2026, 12345)).toBe('INC-2026-12345');
    expect(parseIncidentReference('INC-2026-0042')).toEqual({ year: 2026, seq: 42 });
    expect(parseIncidentReference('INC-26-1')).toBeUndefined();
    expect(() => formatIncidentReference(2026, 0)).toThrow(RangeError);
  });
});
