import { ActivityStatus } from './record';

export type WorkflowAction = 'edit' | 'submit' | 'validate' | 'archive' | 'reopen';

export class WorkflowError extends Error {
  constructor(
    readonly from: ActivityStatus,
    readonly action: WorkflowAction,
  ) {
    super(`cannot ${action} a record that is ${from.replace('_', ' ')}`);
    this.name = 'WorkflowError';
  }
}

/**
 * draft → in_review → validated (by the DPO) → archived. Editing a validated
 * record sends it back to review; an archived record is read-only until reopened
 * (as a draft).
 */
export function nextStatus(from: ActivityStatus, action: WorkflowAction): ActivityStatus {
  switch (action) {
    case 'edit':
      if (from === 'archived') break;
      return from === 'validated' ? 'in_review' : from;
    case 'submit':
      if (from === 'draft') return 'in_review';
      break;
    case 'validate':
      if (from === 'draft' || from === 'in_review') return 'validated';
      break;
    case 'archive':
      if (from !== 'archived') return 'archived';
      break;
    case 'reopen':
      if (from === 'archived') return 'draft';
      break;
  }
  throw new WorkflowError(from, action);
}

/** The next review date after a validation: the one set if still ahead, else `months` later. */
export function nextReviewAfterValidation(today: Date, current: string | null | undefined, months = 12): string {
  const todayIso = today.toISOString().slice(0, 10);
  if (current && current > todayIso) return current;
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + months, today.getUTCDate()));
  return d.toISOString().slice(0, 10);
}
