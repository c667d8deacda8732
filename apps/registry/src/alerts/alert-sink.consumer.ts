import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AuditTrail } from '@vigie/audit';
import { BusMessage, EventBus, Subscription } from '@vigie/bus';
import { VigieConfig } from '@vigie/config';
import { Topics } from '@vigie/contracts';
import { logger } from '@vigie/observability';
import { AlertException, decideSink, findException, levelRank, mergeSamples } from '@vigie/triage';
import { DataSource, EntityManager } from 'typeorm';
import { ExceptionsRepository } from '../exceptions/exceptions.repository';
import { SigmaFilterSettings } from '../exceptions/sigma-filter.settings';
import { NotificationDispatcher } from '../notifications/notification.dispatcher';
import { NotificationOutbox } from '../notifications/notification-outbox';
import { AlertIndexer } from './alert-indexer';
import { parseAlertMessage, SinkMessage } from './alert-message';
import { AlertMetrics } from './alert-metrics';
import { Alert, ALERT_COLUMNS, toAlert } from './alert.types';
import { AlertsRepository } from './alerts.repository';

export const ALERT_SINK_GROUP = 'vigie-alert-sink';
/** Actor of the sink's history entries. */
export const SINK_ACTOR = 'vigie-alert-sink';

export type SinkOutcome = 'created' | 'updated' | 'reopened' | 'suppressed' | 'ignored';

const union = (a: readonly string[], b: readonly string[]) => [...a, ...b.filter((x) => !a.includes(x))];
const latest = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);
const earliest = (a: string, b: string) => (Date.parse(a) <= Date.parse(b) ? a : b);

/**
 * The alert sink: consumes `siem.alerts.v1` (group `vigie-alert-sink`) into PostgreSQL. Each message is applied in
 * its own transaction: matched against the active exceptions, a Sigma filter being evaluated on the event the
 * message carries (recorded as suppressed, with its count), else
 * deduplicated ({@link decideSink}) into a new alert, an update of an open one, or the reopening of one closed
 * recently; new and reopened alerts are queued for notification in the same transaction. After the batch, the
 * touched alerts are written to the event store, and the batch is committed only then (at-least-once; the
 * per-key counts make redelivery harmless).
 */
@Injectable()
export class AlertSinkConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = logger('AlertSink');
  private subscription?: Subscription;
  private readonly dedupWindowSeconds: number;
  private readonly reopenWithinSeconds: number;

  constructor(
    private readonly bus: EventBus,
    private readonly dataSource: DataSource,
    private readonly repo: AlertsRepository,
    private readonly exceptions: ExceptionsRepository,
    private readonly outbox: NotificationOutbox,
    private readonly dispatcher: NotificationDispatcher,
    private readonly indexer: AlertIndexer,
    private readonly metrics: AlertMetrics,
    private readonly audit: AuditTrail,
    config: VigieConfig,
    private readonly sigma: SigmaFilterSettings,
  ) {
    this.dedupWindowSeconds = config.get('alerts.dedupWindowSeconds');
    this.reopenWithinSeconds = config.get('alerts.reopenWithinSeconds');
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  async start(): Promise<void> {
    if (this.subscription) return;
    this.subscription = await this.bus.subscribe({
      groupId: ALERT_SINK_GROUP,
      topics: [Topics.alerts],
      fromBeginning: true,
      maxBatchSize: 200,
      handler: (batch) => this.handle(batch),
    });
  }

  async stop(): Promise<void> {
    const s = this.subscription;
    this.subscription = undefined;
    await s?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async handle(batch: BusMessage[]): Promise<void> {
    const exceptions = await this.exceptions.active();
    const touched = new Set<string>();
    let queued = false;
    for (const raw of batch) {
      const msg = parseAlertMessage(raw.value);
      if (!msg) {
        this.metrics.invalid.inc();
        this.log.warn({ offset: raw.offset, partition: raw.partition }, 'not an alert message; skipped');
        continue;
      }
      const r = await this.apply(msg, exceptions);
      if (r.alertId) touched.add(r.alertId);
      if (r.queued) queued = true;
      const age = (Date.now() - Date.parse(msg.at)) / 1000;
      if (age >= 0) this.metrics.sinkLatency.observe(age);
    }
    if (queued) this.dispatcher.kick();
    await this.indexer.index([...touched]);
  }

  /** Apply one message in its own transaction. */
  async apply(
    msg: SinkMessage,
    exceptions: AlertException[],
  ): Promise<{ outcome: SinkOutcome; alertId?: string; queued: boolean }> {
    const result = await this.dataSource.transaction((m) => this.applyIn(m, msg, exceptions));
    switch (result.outcome) {
      case 'created':
        this.metrics.created.inc({ level: msg.rule.level, rule: msg.rule.id, member: msg.resolvedMembers[0] });
        break;
      case 'updated':
        this.metrics.updated.inc({ level: msg.rule.level });
        break;
      case 'reopened':
        this.metrics.reopened.inc({ rule: msg.rule.id });
        break;
      case 'suppressed':
        this.metrics.suppressed.inc({ rule: msg.rule.id });
        break;
      case 'ignored':
        this.metrics.ignored.inc();
    }
    return result;
  }

  private async applyIn(
    m: EntityManager,
    msg: SinkMessage,
    exceptions: AlertException[],
  ): Promise<{ outcome: SinkOutcome; alertId?: string; queued: boolean }> {
    // One rule and group at a time, across processes.
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`vigie-alert|${msg.rule.id}|${msg.groupKey}`]);
    const keyRows: Array<{ alert_id: string; count: number; last_seen: string }> = await m.query(
      'SELECT alert_id, count, last_seen FROM vigie_alert_keys WHERE alert_key = $1',
      [msg.alertKey],
    );
    const key = keyRows[0]
      ? {
          alertId: String(keyRows[0].alert_id),
          count: Number(keyRows[0].count),
          lastSeen: new Date(keyRows[0].last_seen).toISOString(),
        }
      : undefined;
    const keyAlert = key ? await this.repo.get(key.alertId, undefined, m, true) : undefined;

    const exception = findException(
      exceptions,
      {
        ruleId: msg.rule.id,
        ruleTitle: msg.rule.title,
        level: msg.rule.level,
        members: msg.resolvedMembers,
        groupValues: msg.groupValues,
        application: msg.application,
        event: msg.event,
      },
      Date.now(),
      this.sigma.options,
    );
    if (exception) {
      const grew = await this.exceptions.recordSuppression(m, {
        alertKey: msg.alertKey,
        exceptionId: exception.id,
        ruleId: msg.rule.id,
        groupKey: msg.groupKey,
        member: msg.resolvedMembers[0],
        baseCount: key?.count ?? 0,
        count: msg.count,
        firstSeen: msg.firstSeen,
        lastSeen: msg.lastSeen,
      });
      // The key's alert does not get these events: a later message of the key only brings what follows.
      if (key)
        await m.query(
          'UPDATE vigie_alert_keys SET count = GREATEST(count, $2), last_seen = GREATEST(last_seen, $3) WHERE alert_key = $1',
          [msg.alertKey, msg.count, msg.lastSeen],
        );
      return { outcome: grew ? 'suppressed' : 'ignored', queued: false };
    }

    // A key suppressed earlier (exception since expired or revoked) only brings its new events.
    const suppressedBefore = key ? undefined : await this.exceptions.suppressedCount(m, msg.alertKey);
    const count = msg.count - (suppressedBefore ?? 0);
    if (suppressedBefore !== undefined && count <= 0) return { outcome: 'ignored', queued: false };

    let latestForGroup: Alert | undefined;
    if (!key) {
      const rows = await m.query(
        `SELECT ${ALERT_COLUMNS} FROM vigie_alerts WHERE rule_id = $1 AND group_key = $2 ORDER BY last_seen DESC, created_at DESC LIMIT 1 FOR UPDATE`,
        [msg.rule.id, msg.groupKey],
      );
      latestForGroup = rows[0] ? toAlert(rows[0]) : undefined;
    }
    const decision = decideSink({
      message: { count, firstSeen: msg.firstSeen, lastSeen: msg.lastSeen },
      key,
      keyAlert,
      latestForGroup,
      nowMs: Date.now(),
      dedupWindowSeconds: this.dedupWindowSeconds,
      reopenWithinSeconds: this.reopenWithinSeconds,
    });

    if (decision.action === 'ignore') return { outcome: 'ignored', alertId: key?.alertId, queued: false };

    if (decision.action === 'create') {
      const created = await this.repo.insert(m, {
        ruleId: msg.rule.id,
        ruleTitle: msg.rule.title,
        ruleTags: msg.rule.tags,
        level: msg.rule.level,
        levelRank: levelRank(msg.rule.level),
        kind: msg.kind,
        groupKey: msg.groupKey,
        groupValues: msg.groupValues,
        member: msg.resolvedMembers[0],
        members: msg.resolvedMembers,
        hosts: msg.hosts,
        applicationId: msg.application?.id ?? null,
        applicationName: msg.application?.name ?? null,
        personalData: msg.personalData === true,
        count: decision.count,
        firstSeen: msg.firstSeen,
        lastSeen: msg.lastSeen,
        sampleEventIds: msg.sampleEventIds,
      });
      await this.saveKey(m, msg, created.id);
      await this.repo.addHistory(m, created.id, {
        actor: SINK_ACTOR,
        action: 'created',
        field: 'status',
        to: 'open',
        comment: `${decision.count} event(s) from ${msg.kind === 'correlation' ? 'correlation' : 'rule'} ${msg.rule.id}`,
      });
      await this.audit.record(
        { action: 'alert.created', entityType: 'alert', entityId: created.id, member: created.member, after: created },
        m,
      );
      const queued = await this.queue(m, created, 'created');
      return { outcome: 'created', alertId: created.id, queued };
    }

    const before = (keyAlert?.id === decision.alertId ? keyAlert : latestForGroup)!;
    const columns: Record<string, unknown> = {
      count: before.count + decision.countDelta,
      first_seen: earliest(before.firstSeen, msg.firstSeen),
      last_seen: latest(before.lastSeen, msg.lastSeen),
      sample_event_ids: mergeSamples(before.sampleEventIds, msg.sampleEventIds),
      members: union(before.members, msg.resolvedMembers),
      hosts: union(before.hosts, msg.hosts),
      personal_data: before.personalData || msg.personalData === true,
      application_id: before.application?.id ?? msg.application?.id ?? null,
      application_name: before.application?.name ?? msg.application?.name ?? null,
    };
    if (decision.reopen) {
      Object.assign(columns, {
        status: 'open',
        closed_at: null,
        close_reason: null,
        close_comment: null,
        reopen_count: before.reopenCount + 1,
      });
    }
    const after = await this.repo.set(m, before.id, columns);
    await this.saveKey(m, msg, before.id);
    if (decision.countDelta > 0) await this.repo.addEventsHistory(m, before.id, SINK_ACTOR, before.count, after.count);
    if (!decision.reopen) return { outcome: 'updated', alertId: after.id, queued: false };

    const closedFor = before.closedAt ? Math.round((Date.now() - Date.parse(before.closedAt)) / 1000) : 0;
    await this.repo.addHistory(m, before.id, {
      actor: SINK_ACTOR,
      action: 'reopened',
      field: 'status',
      from: 'closed',
      to: 'open',
      comment: `Reopened: ${decision.countDelta} new event(s) ${closedFor} s after it was closed as ${before.closeReason ?? 'unknown'}${
        before.closeComment ? ` ("${before.closeComment}")` : ''
      }`,
    });
    await this.audit.record(
      { action: 'alert.reopened', entityType: 'alert', entityId: after.id, member: after.member, before, after },
      m,
    );
    const queued = await this.queue(m, after, 'reopened');
    return { outcome: 'reopened', alertId: after.id, queued };
  }

  private async saveKey(m: EntityManager, msg: SinkMessage, alertId: string): Promise<void> {
    await m.query(
      `INSERT INTO vigie_alert_keys (alert_key, alert_id, count, last_seen) VALUES ($1, $2, $3, $4)
       ON CONFLICT (alert_key) DO UPDATE SET
         count = CASE WHEN vigie_alert_keys.alert_id = excluded.alert_id THEN GREATEST(vigie_alert_keys.count, excluded.count) ELSE excluded.count END,
         last_seen = GREATEST(vigie_alert_keys.last_seen, excluded.last_seen), alert_id = excluded.alert_id`,
      [msg.alertKey, alertId, msg.count, msg.lastSeen],
    );
  }

  private async queue(m: EntityManager, a: Alert, change: 'created' | 'reopened'): Promise<boolean> {
    const results = await this.outbox.enqueue(
      m,
      { id: a.id, ruleId: a.rule.id, level: a.rule.level, groupKey: a.groupKey, members: a.members },
      change,
    );
    return results.some((r) => r.verdict === 'send');
  }
}
