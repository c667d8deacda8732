import { Injectable } from '@nestjs/common';
import { EventStore, StoredEvent } from '@vigie/event-store';
import { logger } from '@vigie/observability';
import { levelRank } from '@vigie/triage';
import { DataSource } from 'typeorm';
import { Alert, ALERT_COLUMNS, toAlert } from './alert.types';

/**
 * Alerts as documents of the event store (`event.kind: alert`, id = alert id, member = the alert's first member),
 * so that they are searched next to the events. Rewritten (by id) after every change.
 */
export function alertDocument(a: Alert): StoredEvent {
  return {
    id: a.id,
    member: a.member,
    timestamp: a.firstSeen,
    doc: {
      '@timestamp': a.firstSeen,
      message: `${a.rule.title} (${a.groupKey})`,
      event: {
        id: a.id,
        kind: 'alert',
        created: a.createdAt,
        start: a.firstSeen,
        end: a.lastSeen,
        severity: levelRank(a.rule.level),
        dataset: 'vigie.alerts',
        module: 'vigie',
      },
      organization: { id: a.member },
      rule: { id: a.rule.id, name: a.rule.title },
      tags: [...a.rule.tags, ...a.tags],
      ...(a.hosts.length ? { host: { name: a.hosts[0] }, related: { hosts: a.hosts } } : {}),
      vigie: {
        alert: {
          status: a.status,
          level: a.rule.level,
          count: a.count,
          members: a.members,
          group_key: a.groupKey,
          assignee: a.assignee,
          close_reason: a.closeReason,
          personal_data: a.personalData,
          incident_id: a.incidentId,
          sample_event_ids: a.sampleEventIds,
        },
        ...(a.application ? { application: { id: a.application.id, name: a.application.name } } : {}),
      },
    },
  };
}

@Injectable()
export class AlertIndexer {
  private readonly log = logger('AlertIndexer');

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
  ) {}

  /** Write the current state of these alerts; throws when the store is unavailable (the caller retries). */
  async index(ids: string[]): Promise<void> {
    if (!ids.length) return;
    const rows = await this.dataSource.query(`SELECT ${ALERT_COLUMNS} FROM vigie_alerts WHERE id = ANY($1)`, [ids]);
    const result = await this.store.bulkWrite(rows.map((r: Record<string, unknown>) => alertDocument(toAlert(r))));
    for (const r of result.rejected) this.log.warn({ alert: r.id, reason: r.reason }, 'event store rejected an alert');
  }

  /** Best effort after an API change: a failure is logged, the next change rewrites the document. */
  async indexQuietly(ids: string[]): Promise<void> {
    await this.index(ids).catch((e) => this.log.warn({ error: (e as Error).message, ids }, 'alert not indexed'));
  }
}
