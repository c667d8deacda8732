import type { AlertException, FieldMatch } from '@vigie/triage';

/** An exception as the API shows it, with what it suppressed. */
export interface ExceptionView extends AlertException {
  sigmaFilter: string | null;
  reason: string;
  fromAlertId: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  revokedBy: string | null;
  /** In force now: not revoked and not expired. */
  active: boolean;
  suppressed: {
    /** Detector alerts (alert keys) silenced. */
    alerts: number;
    /** Events (matches) those alerts counted. */
    matches: number;
    lastAt: string | null;
  };
}

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());

export const EXCEPTION_COLUMNS = `e.id, e.rule_id, e.member, e.host, e.user_name, e.source_ip, e.match, e.sigma_filter, e.reason, e.expires_at,
  e.from_alert_id, e.created_by, e.created_at, e.updated_at, e.revoked_at, e.revoked_by,
  (SELECT count(*) FROM vigie_alert_suppressions s WHERE s.exception_id = e.id) AS suppressed_alerts,
  (SELECT coalesce(sum(s.count - s.base_count), 0) FROM vigie_alert_suppressions s WHERE s.exception_id = e.id) AS suppressed_matches,
  (SELECT max(s.updated_at) FROM vigie_alert_suppressions s WHERE s.exception_id = e.id) AS suppressed_last`;

export function toException(r: Record<string, unknown>, nowMs = Date.now()): ExceptionView {
  const expiresAt = iso(r.expires_at)!;
  const revokedAt = iso(r.revoked_at);
  return {
    id: String(r.id),
    ruleId: (r.rule_id as string | null) ?? null,
    member: (r.member as string | null) ?? null,
    host: (r.host as string | null) ?? null,
    user: (r.user_name as string | null) ?? null,
    sourceIp: (r.source_ip as string | null) ?? null,
    match: (typeof r.match === 'string' ? JSON.parse(r.match) : (r.match ?? null)) as FieldMatch | null,
    sigmaFilter: (r.sigma_filter as string | null) ?? null,
    reason: String(r.reason),
    expiresAt,
    fromAlertId: (r.from_alert_id as string | null) ?? null,
    createdBy: String(r.created_by),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    revokedAt,
    revokedBy: (r.revoked_by as string | null) ?? null,
    active: revokedAt === null && Date.parse(expiresAt) > nowMs,
    suppressed: {
      alerts: Number(r.suppressed_alerts ?? 0),
      matches: Number(r.suppressed_matches ?? 0),
      lastAt: iso(r.suppressed_last),
    },
  };
}
