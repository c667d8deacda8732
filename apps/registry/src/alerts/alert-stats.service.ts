import { Injectable } from '@nestjs/common';
import { memberScope, RequestContext } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import { DurationSummary, falsePositiveRate, summariseDurations } from '@vigie/triage';
import { DataSource } from 'typeorm';
import { SqlWhere } from './alert-filter';

export interface AlertStats {
  from: string;
  to: string;
  total: number;
  /** Alerts opened per UTC day, by level, rule and member (an alert of two members counts for each). */
  perDay: Array<{ day: string; level: string; ruleId: string; member: string; count: number }>;
  byLevel: Record<string, number>;
  byRule: Array<{ ruleId: string; ruleTitle: string; count: number }>;
  byMember: Array<{ member: string; count: number }>;
  byStatus: Record<string, number>;
  timeToAcknowledge: DurationSummary;
  timeToClose: DurationSummary;
  /** Per rule: closed alerts, how many as false positives, and the rate (rules to tune first). */
  falsePositiveRate: Array<{
    ruleId: string;
    ruleTitle: string;
    closed: number;
    falsePositive: number;
    rate: number | null;
  }>;
}

const MAX_DURATIONS = 100_000;
const DAY_MS = 86_400_000;

/** Figures of the alerts opened in a period, within the caller's members. */
@Injectable()
export class AlertStatsService {
  constructor(private readonly dataSource: DataSource) {}

  async stats(q: { from?: string; to?: string; member?: string[] }): Promise<AlertStats> {
    const scope = memberScope(RequestContext.requirePrincipal());
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to)
      throw new DomainError('invalid', 'invalid_period', 'from must be before to', [
        { field: 'from', problem: 'after to' },
      ]);
    const where = () => {
      const w = new SqlWhere().add('created_at >= ?', from.toISOString()).add('created_at < ?', to.toISOString());
      if (scope) w.add('members && ?::text[]', scope);
      if (q.member?.length) w.add('members && ?::text[]', q.member);
      return w;
    };
    const ds = this.dataSource;

    const w1 = where();
    const memberFilter = [
      ...(scope ? [`member = ANY(${w1.param(scope)})`] : []),
      ...(q.member?.length ? [`member = ANY(${w1.param(q.member)})`] : []),
    ];
    const perDayRows: Array<{ day: string; level: string; rule_id: string; member: string; n: string }> =
      await ds.query(
        `SELECT day, level, rule_id, member, count(*) AS n FROM (
         SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, level, rule_id, unnest(members) AS member
         FROM vigie_alerts ${w1}) t
       ${memberFilter.length ? 'WHERE ' + memberFilter.join(' AND ') : ''}
       GROUP BY day, level, rule_id, member ORDER BY day, level, rule_id, member`,
        w1.params,
      );
    const perDay = perDayRows.map((r) => ({
      day: r.day,
      level: r.level,
      ruleId: r.rule_id,
      member: r.member,
      count: Number(r.n),
    }));
    const byMember = new Map<string, number>();
    for (const r of perDay) byMember.set(r.member, (byMember.get(r.member) ?? 0) + r.count);

    const w2 = where();
    const ruleRows: Array<{
      rule_id: string;
      title: string;
      level: string;
      status: string;
      reason: string | null;
      n: string;
    }> = await ds.query(
      `SELECT rule_id, max(rule_title) AS title, level, status, close_reason AS reason, count(*) AS n
         FROM vigie_alerts ${w2} GROUP BY rule_id, level, status, close_reason`,
      w2.params,
    );
    const byLevel: Record<string, number> = {};
    const byStatus: Record<string, number> = { open: 0, acknowledged: 0, in_progress: 0, closed: 0 };
    const rules = new Map<string, { title: string; count: number; closed: number; fp: number }>();
    let total = 0;
    for (const r of ruleRows) {
      const n = Number(r.n);
      total += n;
      byLevel[r.level] = (byLevel[r.level] ?? 0) + n;
      byStatus[r.status] = (byStatus[r.status] ?? 0) + n;
      const rule = rules.get(r.rule_id) ?? { title: r.title, count: 0, closed: 0, fp: 0 };
      rule.count += n;
      if (r.status === 'closed') rule.closed += n;
      if (r.status === 'closed' && r.reason === 'false_positive') rule.fp += n;
      rules.set(r.rule_id, rule);
    }

    const w3 = where();
    const durations: Array<{ tta: number | null; ttc: number | null }> = await ds.query(
      `SELECT extract(epoch FROM acknowledged_at - created_at)::float8 AS tta,
              CASE WHEN status = 'closed' THEN extract(epoch FROM closed_at - created_at)::float8 END AS ttc
       FROM vigie_alerts ${w3} AND (acknowledged_at IS NOT NULL OR closed_at IS NOT NULL)
       ORDER BY created_at DESC LIMIT ${MAX_DURATIONS}`,
      w3.params,
    );
    const nums = (k: 'tta' | 'ttc') =>
      durations
        .map((d) => d[k])
        .filter((v): v is number => v !== null && v !== undefined)
        .map(Number);

    return {
      from: from.toISOString(),
      to: to.toISOString(),
      total,
      perDay,
      byLevel,
      byRule: [...rules]
        .map(([ruleId, r]) => ({ ruleId, ruleTitle: r.title, count: r.count }))
        .sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId)),
      byMember: [...byMember]
        .map(([member, count]) => ({ member, count }))
        .sort((a, b) => b.count - a.count || a.member.localeCompare(b.member)),
      byStatus,
      timeToAcknowledge: summariseDurations(nums('tta')),
      timeToClose: summariseDurations(nums('ttc')),
      falsePositiveRate: [...rules]
        .filter(([, r]) => r.closed > 0)
        .map(([ruleId, r]) => ({
          ruleId,
          ruleTitle: r.title,
          closed: r.closed,
          falsePositive: r.fp,
          rate: falsePositiveRate(r.closed, r.fp),
        }))
        .sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0) || b.closed - a.closed),
    };
  }
}
