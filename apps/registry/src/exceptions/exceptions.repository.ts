import { Injectable } from '@nestjs/common';
import { returnedRows } from '@vigie/database';
import type { AlertException, FieldMatch } from '@vigie/triage';
import { DataSource, EntityManager } from 'typeorm';
import { EXCEPTION_COLUMNS, ExceptionView, toException } from './exception.types';

type Db = EntityManager | DataSource;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ExceptionValues {
  ruleId: string | null;
  member: string | null;
  host: string | null;
  user: string | null;
  sourceIp: string | null;
  match: FieldMatch | null;
  sigmaFilter: string | null;
  reason: string;
  expiresAt: string;
}

export interface SuppressionInput {
  alertKey: string;
  exceptionId: string;
  ruleId: string;
  groupKey: string;
  member: string;
  /** Events of this key already counted on an alert before it was suppressed. */
  baseCount: number;
  count: number;
  firstSeen: string;
  lastSeen: string;
}

/**
 * Exceptions. Scoped reads: a member-restricted principal sees only the exceptions of its members (an exception
 * for every member is an RSSI matter).
 */
@Injectable()
export class ExceptionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Exceptions in force now, oldest first (the sink applies the first that covers an alert). */
  async active(m: Db = this.dataSource): Promise<AlertException[]> {
    const rows = await m.query(
      `SELECT ${EXCEPTION_COLUMNS} FROM vigie_alert_exceptions e WHERE e.revoked_at IS NULL AND e.expires_at > now() ORDER BY e.created_at, e.id`,
    );
    return rows.map((r: Record<string, unknown>) => toException(r));
  }

  async list(scope: string[] | undefined, q: { active?: boolean; rule?: string }): Promise<ExceptionView[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (scope) {
      params.push(scope);
      where.push(`e.member = ANY($${params.length})`);
    }
    if (q.active === true) where.push('e.revoked_at IS NULL AND e.expires_at > now()');
    if (q.active === false) where.push('(e.revoked_at IS NOT NULL OR e.expires_at <= now())');
    if (q.rule) {
      params.push(q.rule);
      where.push(`(e.rule_id = $${params.length} OR e.rule_id IS NULL)`);
    }
    const rows = await this.dataSource.query(
      `SELECT ${EXCEPTION_COLUMNS} FROM vigie_alert_exceptions e ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY e.created_at DESC, e.id`,
      params,
    );
    return rows.map((r: Record<string, unknown>) => toException(r));
  }

  async get(id: string, scope: string[] | undefined, m: Db = this.dataSource): Promise<ExceptionView | undefined> {
    if (!UUID.test(id)) return undefined;
    const rows = scope
      ? await m.query(
          `SELECT ${EXCEPTION_COLUMNS} FROM vigie_alert_exceptions e WHERE e.id = $1 AND e.member = ANY($2)`,
          [id, scope],
        )
      : await m.query(`SELECT ${EXCEPTION_COLUMNS} FROM vigie_alert_exceptions e WHERE e.id = $1`, [id]);
    return rows[0] ? toException(rows[0]) : undefined;
  }

  /** The latest alert keys an exception suppressed. */
  async suppressions(id: string, limit = 50): Promise<Array<Record<string, unknown>>> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT alert_key, rule_id, group_key, member, count - base_count AS matches, first_seen, last_seen
       FROM vigie_alert_suppressions WHERE exception_id = $1 ORDER BY updated_at DESC LIMIT $2`,
      [id, limit],
    );
    return rows.map((r) => ({
      alertKey: r.alert_key,
      ruleId: r.rule_id,
      groupKey: r.group_key,
      member: r.member,
      matches: Number(r.matches),
      firstSeen: new Date(r.first_seen as string).toISOString(),
      lastSeen: new Date(r.last_seen as string).toISOString(),
    }));
  }

  async insert(
    m: EntityManager,
    v: ExceptionValues & { fromAlertId: string | null; createdBy: string },
  ): Promise<ExceptionView> {
    const rows = await m.query(
      `INSERT INTO vigie_alert_exceptions (rule_id, member, host, user_name, source_ip, match, reason, expires_at, from_alert_id, created_by, sigma_filter)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id`,
      [
        v.ruleId,
        v.member,
        v.host,
        v.user,
        v.sourceIp,
        v.match === null ? null : JSON.stringify(v.match),
        v.reason,
        v.expiresAt,
        v.fromAlertId,
        v.createdBy,
        v.sigmaFilter,
      ],
    );
    return (await this.get(String(rows[0].id), undefined, m))!;
  }

  async update(m: EntityManager, id: string, v: ExceptionValues): Promise<ExceptionView> {
    returnedRows(
      await m.query(
        `UPDATE vigie_alert_exceptions SET rule_id=$2, member=$3, host=$4, user_name=$5, source_ip=$6, match=$7, reason=$8,
           expires_at=$9, sigma_filter=$10, updated_at=now() WHERE id=$1 RETURNING id`,
        [
          id,
          v.ruleId,
          v.member,
          v.host,
          v.user,
          v.sourceIp,
          v.match === null ? null : JSON.stringify(v.match),
          v.reason,
          v.expiresAt,
          v.sigmaFilter,
        ],
      ),
    );
    return (await this.get(id, undefined, m))!;
  }

  async revoke(m: EntityManager, id: string, by: string): Promise<ExceptionView> {
    await m.query(
      `UPDATE vigie_alert_exceptions SET revoked_at = COALESCE(revoked_at, now()), revoked_by = COALESCE(revoked_by, $2), updated_at = now() WHERE id = $1`,
      [id, by],
    );
    return (await this.get(id, undefined, m))!;
  }

  /** Count of an alert key already suppressed (the highest count seen), if any. */
  async suppressedCount(m: Db, alertKey: string): Promise<number | undefined> {
    const rows: Array<{ count: number }> = await m.query(
      'SELECT count FROM vigie_alert_suppressions WHERE alert_key = $1',
      [alertKey],
    );
    return rows[0] ? Number(rows[0].count) : undefined;
  }

  /**
   * Record a suppressed detector message. Counts of a key are cumulative: a key keeps its highest count, and when
   * some of its events were counted on an alert since the last suppression (`baseCount` above the suppressed
   * count), those are moved into the base so that only suppressed events are counted as suppressed. True when it
   * grew.
   */
  async recordSuppression(m: EntityManager, s: SuppressionInput): Promise<boolean> {
    const before = await this.suppressedCount(m, s.alertKey);
    await m.query(
      `INSERT INTO vigie_alert_suppressions (alert_key, exception_id, rule_id, group_key, member, base_count, count, first_seen, last_seen)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)
       ON CONFLICT (alert_key) DO UPDATE SET
         base_count = vigie_alert_suppressions.base_count + GREATEST(0, excluded.base_count - vigie_alert_suppressions.count),
         count = GREATEST(vigie_alert_suppressions.count, excluded.count),
         last_seen = GREATEST(vigie_alert_suppressions.last_seen, excluded.last_seen), updated_at = now()`,
      [s.alertKey, s.exceptionId, s.ruleId, s.groupKey, s.member, s.baseCount, s.count, s.firstSeen, s.lastSeen],
    );
    return before === undefined || s.count > before;
  }
}
