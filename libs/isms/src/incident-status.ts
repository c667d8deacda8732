/** The incident lifecycle, in order. */
export const INCIDENT_STATUSES = [
  'new',
  'triage',
  'investigating',
  'contained',
  'eradicated',
  'recovered',
  'closed',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** The event-vs-incident decision taken at triage (ISO 27001 A 5.25). */
export const DECISIONS = ['incident', 'event'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Next states whatever the decision. */
const STRUCTURE: Record<IncidentStatus, readonly IncidentStatus[]> = {
  new: ['triage'],
  // An incident goes on to investigation; an event (not an incident) is closed at triage.
  triage: ['investigating', 'closed'],
  investigating: ['contained'],
  contained: ['eradicated'],
  eradicated: ['recovered'],
  recovered: ['closed'],
  closed: [],
};

export interface TransitionFacts {
  decision: Decision | null;
  rootCause?: string | null;
  lessonsLearned?: string | null;
}

export type TransitionCheck =
  | { ok: true }
  | { ok: false; reason: 'not_allowed'; allowed: IncidentStatus[] }
  | { ok: false; reason: 'decision_required'; allowed: IncidentStatus[] }
  | { ok: false; reason: 'missing_fields'; fields: Array<'rootCause' | 'lessonsLearned'> };

/** States reachable from `from`, given the decision taken so far. */
export function allowedNextStates(from: IncidentStatus, decision: Decision | null): IncidentStatus[] {
  const next = [...STRUCTURE[from]];
  if (from !== 'triage' || decision === null) return next;
  return next.filter((s) => (decision === 'incident' ? s === 'investigating' : s === 'closed'));
}

function blank(s: string | null | undefined): boolean {
  return !s || !s.trim();
}

/**
 * May an incident in `from` move to `to`? Leaving triage needs the
 * event-vs-incident decision; closing an incident needs its root cause and
 * lessons learned (an event closed at triage is explained by the decision).
 */
export function checkTransition(from: IncidentStatus, to: IncidentStatus, facts: TransitionFacts): TransitionCheck {
  const allowed = allowedNextStates(from, facts.decision);
  if (!allowed.includes(to)) return { ok: false, reason: 'not_allowed', allowed };
  if (from === 'triage' && facts.decision === null) return { ok: false, reason: 'decision_required', allowed };
  if (to === 'closed' && facts.decision === 'incident') {
    const fields: Array<'rootCause' | 'lessonsLearned'> = [];
    if (blank(facts.rootCause)) fields.push('rootCause');
    if (blank(facts.lessonsLearned)) fields.push('lessonsLearned');
    if (fields.length) return { ok: false, reason: 'missing_fields', fields };
  }
  return { ok: true };
}

/** The decision may be taken (or revised) until the incident leaves triage. */
export function canDecide(status: IncidentStatus): boolean {
  return status === 'new' || status === 'triage';
}

/** Phases of the incident response (NIST SP 800-61), for grouping a timeline. */
export const PHASES = ['detection', 'analysis', 'containment', 'eradication', 'recovery', 'post_incident'] as const;
export type Phase = (typeof PHASES)[number];

export function phaseOf(status: IncidentStatus): Phase {
  switch (status) {
    case 'new':
    case 'triage':
      return 'detection';
    case 'investigating':
      return 'analysis';
    case 'contained':
      return 'containment';
    case 'eradicated':
      return 'eradication';
    case 'recovered':
      return 'recovery';
    case 'closed':
      return 'post_incident';
  }
}
