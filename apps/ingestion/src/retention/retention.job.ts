import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DayUnit, EventStore } from '@vigie/event-store';
import { logger, Metrics } from '@vigie/observability';
import { DataSource } from 'typeorm';
import { DEFAULT_RETENTION_DAYS, expiredDays, retentionCutoff } from './retention-policy';
import { AuditTrail } from '@vigie/audit';

export const RETENTION_INTERVAL_MS = 3_600_000;

export interface RetentionRun {
  /** Member-days dropped, per member. */
  dropped: Array<{ member: string; days: string[]; cutoff: string }>;
}

/**
 * Drops whole member-days of events past each member's retention
 * (`vigie_members.retention_days`, default 365): once at start, then hourly.
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = logger('RetentionJob');
  private timer?: NodeJS.Timeout;
  private running?: Promise<RetentionRun>;
  private readonly droppedDays;
  private readonly runs;

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    metrics: Metrics,
    private readonly audit: AuditTrail,
  ) {
    this.droppedDays = metrics.counter(
      'vigie_retention_days_dropped_total',
      'Member-days of events dropped by retention',
      ['member'],
    );
    this.runs = metrics.counter('vigie_retention_runs_total', 'Retention runs, by outcome', ['outcome']);
  }

  onApplicationBootstrap(): void {
    void this.runSafely();
    this.timer = setInterval(() => void this.runSafely(), RETENTION_INTERVAL_MS);
    this.timer.unref();
  }

  private async runSafely(): Promise<void> {
    try {
      await this.run();
    } catch (e) {
      this.runs.inc({ outcome: 'failed' });
      this.log.warn({ error: (e as Error).message }, 'retention run failed; will try again at the next run');
    }
  }

  /** One pass over every member; concurrent calls share the pass in progress. */
  run(now: Date = new Date()): Promise<RetentionRun> {
    this.running ??= this.pass(now).finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(now: Date): Promise<RetentionRun> {
    const rows: Array<{ code: string; retention_days: number | string | null }> = await this.dataSource.query(
      'SELECT code, retention_days FROM vigie_members',
    );
    const retention = new Map(rows.map((r) => [r.code, Number(r.retention_days ?? DEFAULT_RETENTION_DAYS)]));
    const expired = expiredDays(await this.store.listDays(), retention, now);
    const byMember = new Map<string, DayUnit[]>();
    for (const u of expired) byMember.set(u.member, [...(byMember.get(u.member) ?? []), u]);
    const result: RetentionRun = { dropped: [] };
    for (const [member, units] of byMember) {
      const cutoff = retentionCutoff(now, retention.get(member) ?? DEFAULT_RETENTION_DAYS);
      await this.store.dropDays(units);
      const days = units.map((u) => u.day);
      this.droppedDays.inc({ member }, units.length);
      this.log.info({ member, days, cutoff: cutoff.toISOString() }, 'retention: dropped member-days past retention');
      await this.recordRetentionAudit(member, days, cutoff);
      result.dropped.push({ member, days, cutoff: cutoff.toISOString() });
    }
    this.runs.inc({ outcome: 'ok' });
    return result;
  }

  /** The deletion goes into the hash-chained audit trail, as the retention job (system). */
  protected async recordRetentionAudit(member: string, days: string[], cutoff: Date): Promise<void> {
    await this.audit.record({
      action: 'events.retention_dropped',
      entityType: 'event_days',
      entityId: member,
      member,
      details: { days, cutoff: cutoff.toISOString() },
    });
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
