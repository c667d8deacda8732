/** Triage status of an alert. */
export const ALERT_STATUSES = ['open', 'acknowledged', 'in_progress', 'closed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Why an alert was closed. `false_positive` counts against the rule (false-positive rate). */
export const CLOSE_REASONS = ['true_positive', 'false_positive', 'benign_positive', 'duplicate', 'other'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

const ORDER: Record<AlertStatus, number> = { open: 0, acknowledged: 1, in_progress: 2, closed: 3 };

export interface TransitionInput {
  from: AlertStatus;
  to: AlertStatus;
  closeReason?: string;
  comment?: string;
}

/** A refused transition, with the field at fault. */
export interface TransitionProblem {
  code: 'invalid_transition' | 'close_reason_required' | 'invalid_close_reason' | 'comment_required';
  field: string;
  message: string;
}

export function isAlertStatus(s: string): s is AlertStatus {
  return (ALERT_STATUSES as readonly string[]).includes(s);
}

export function isCloseReason(s: string): s is CloseReason {
  return (CLOSE_REASONS as readonly string[]).includes(s);
}

/**
 * The workflow `open → acknowledged → in_progress → closed`. Steps may be skipped forwards (an obvious false
 * positive is closed straight from `open`); going back is only allowed by reopening a closed alert (`closed →
 * open`) or by returning an alert being handled to the queue (`acknowledged`/`in_progress` → `open`). Closing
 * requires a reason and a comment. Staying in the same status is not a transition.
 */
export function checkTransition(t: TransitionInput): TransitionProblem[] {
  const problems: TransitionProblem[] = [];
  if (t.from === t.to) return problems;
  const forward = ORDER[t.to] > ORDER[t.from];
  const back = t.to === 'open';
  if (!forward && !back) {
    problems.push({
      code: 'invalid_transition',
      field: 'status',
      message: `cannot go from ${t.from} to ${t.to}`,
    });
    return problems;
  }
  if (t.to === 'closed') {
    if (t.closeReason === undefined || t.closeReason === '') {
      problems.push({
        code: 'close_reason_required',
        field: 'closeReason',
        message: `closing needs a reason: ${CLOSE_REASONS.join(', ')}`,
      });
    } else if (!isCloseReason(t.closeReason)) {
      problems.push({
        code: 'invalid_close_reason',
        field: 'closeReason',
        message: `must be one of ${CLOSE_REASONS.join(', ')}`,
      });
    }
    if (!t.comment || !t.comment.trim()) {
      problems.push({ code: 'comment_required', field: 'comment', message: 'closing needs a comment' });
    }
  }
  return problems;
}

/** Time stamps an alert gets when its status changes: first acknowledgement (leaving `open`) and closing. */
export function statusTimestamps(
  current: { acknowledgedAt: string | null; closedAt: string | null },
  to: AlertStatus,
  now: string,
): { acknowledgedAt: string | null; closedAt: string | null } {
  return {
    acknowledgedAt: current.acknowledgedAt ?? (to !== 'open' ? now : null),
    closedAt: to === 'closed' ? now : null,
  };
}
