/** Art. 33(1) GDPR: notify the supervisory authority within 72 hours of becoming aware. */
export const CNIL_DEADLINE_HOURS = 72;
const HOUR = 3_600_000;

export type DeadlineState =
  'awaiting_awareness' | 'pending' | 'overdue' | 'notified' | 'notified_late' | 'not_required';

export interface ControllerDeadlineInput {
  member: string;
  /** When this controller became aware of the breach; null while not yet told. */
  awareAt: Date | string | null;
  /** First notification sent to the CNIL, if any. */
  notifiedAt: Date | string | null;
  /** False when the risk assessment concluded the breach is unlikely to result in a risk. */
  notificationRequired: boolean | null;
}

export interface ControllerDeadline {
  member: string;
  awareAt: string | null;
  deadline: string | null;
  notifiedAt: string | null;
  state: DeadlineState;
  /** Milliseconds left until the deadline (negative once past), while a notification is still due. */
  remainingMs: number | null;
  /** `71:59` style countdown, `-03:10` once overdue. */
  countdown: string | null;
  /** How late the notification was sent (ms), when it was. */
  lateByMs: number | null;
}

function iso(d: Date | string | null): Date | null {
  return d === null ? null : new Date(d);
}

export function cnilDeadline(awareAt: Date | string): Date {
  return new Date(new Date(awareAt).getTime() + CNIL_DEADLINE_HOURS * HOUR);
}

/** `hh:mm` of a duration, signed. */
export function formatCountdown(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Where one controller stands with its 72 h deadline at `now`. */
export function controllerDeadline(c: ControllerDeadlineInput, now: Date): ControllerDeadline {
  const aware = iso(c.awareAt);
  const notified = iso(c.notifiedAt);
  const deadline = aware ? cnilDeadline(aware) : null;
  const base = {
    member: c.member,
    awareAt: aware?.toISOString() ?? null,
    deadline: deadline?.toISOString() ?? null,
    notifiedAt: notified?.toISOString() ?? null,
  };
  if (notified && deadline) {
    const late = notified.getTime() - deadline.getTime();
    return {
      ...base,
      state: late > 0 ? 'notified_late' : 'notified',
      remainingMs: null,
      countdown: null,
      lateByMs: late > 0 ? late : null,
    };
  }
  if (c.notificationRequired === false)
    return { ...base, state: 'not_required', remainingMs: null, countdown: null, lateByMs: null };
  if (!deadline) return { ...base, state: 'awaiting_awareness', remainingMs: null, countdown: null, lateByMs: null };
  const remaining = deadline.getTime() - now.getTime();
  return {
    ...base,
    state: remaining < 0 ? 'overdue' : 'pending',
    remainingMs: remaining,
    countdown: formatCountdown(remaining),
    lateByMs: null,
  };
}

const ORDER: Record<DeadlineState, number> = {
  overdue: 0,
  pending: 1,
  awaiting_awareness: 2,
  notified_late: 3,
  notified: 4,
  not_required: 5,
};

/** Overdue first, then the closest deadlines, then the rest. */
export function sortDeadlines<T extends ControllerDeadline>(list: T[]): T[] {
  return [...list].sort(
    (a, b) =>
      ORDER[a.state] - ORDER[b.state] ||
      (a.remainingMs ?? Infinity) - (b.remainingMs ?? Infinity) ||
      (a.deadline ?? '').localeCompare(b.deadline ?? '') ||
      a.member.localeCompare(b.member),
  );
}

/** Is a notification sent at `sentAt` late for a controller aware at `awareAt`? */
export function isLate(awareAt: Date | string, sentAt: Date | string): boolean {
  return new Date(sentAt).getTime() > cnilDeadline(awareAt).getTime();
}
