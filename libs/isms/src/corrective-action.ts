/** ISO 27001 clause 10.2: nonconformity and corrective action. */
export const ACTION_SOURCES = ['incident', 'audit', 'review', 'other'] as const;
export type ActionSource = (typeof ACTION_SOURCES)[number];

export const ACTION_STATUSES = ['open', 'in_progress', 'implemented', 'closed', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const REVIEW_RESULTS = ['effective', 'ineffective'] as const;
export type ReviewResult = (typeof REVIEW_RESULTS)[number];

const NEXT: Record<ActionStatus, readonly ActionStatus[]> = {
  open: ['in_progress', 'implemented', 'cancelled'],
  in_progress: ['implemented', 'open', 'cancelled'],
  // An ineffective review sends the action back to work.
  implemented: ['closed', 'in_progress'],
  closed: [],
  cancelled: [],
};

export interface ActionFacts {
  review: { result: ReviewResult } | null;
}

export type ActionTransitionCheck =
  | { ok: true }
  | { ok: false; reason: 'not_allowed'; allowed: ActionStatus[] }
  | { ok: false; reason: 'review_required' | 'review_ineffective' };

export function allowedActionStates(from: ActionStatus): ActionStatus[] {
  return [...NEXT[from]];
}

/** An action is closed only once implemented and reviewed as effective (10.2 d). */
export function checkActionTransition(from: ActionStatus, to: ActionStatus, facts: ActionFacts): ActionTransitionCheck {
  const allowed = allowedActionStates(from);
  if (!allowed.includes(to)) return { ok: false, reason: 'not_allowed', allowed };
  if (to === 'closed') {
    if (!facts.review) return { ok: false, reason: 'review_required' };
    if (facts.review.result !== 'effective') return { ok: false, reason: 'review_ineffective' };
  }
  return { ok: true };
}

/** Overdue: past its due date (a calendar day, compared in UTC) and still open. */
export function isActionOverdue(a: { dueDate: string | null; status: ActionStatus }, now: Date): boolean {
  if (!a.dueDate || a.status === 'closed' || a.status === 'cancelled') return false;
  return a.dueDate.slice(0, 10) < now.toISOString().slice(0, 10);
}
