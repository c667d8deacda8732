import { Inject, Injectable } from '@nestjs/common';
import { notifyVerdict, NotifyVerdict } from '@vigie/triage';
import { EntityManager } from 'typeorm';
import { NotificationChannel } from './channel.types';
import { NotificationChannelsRepository } from './notification-channels.repository';
import { NOTIFICATION_SETTINGS } from './notification.tokens';
import { NotificationSettings } from './notification-settings';

/** The facts of an alert the outbox needs. */
export interface NotifiableAlert {
  id: string;
  ruleId: string;
  level: string;
  groupKey: string;
  members: string[];
}

export interface EnqueueResult {
  channel: string;
  verdict: NotifyVerdict;
}

/**
 * Decides, inside the alert sink's transaction, which channels get a notification for a new or reopened alert,
 * and queues them (`vigie_notifications`). Queuing in the same transaction as the alert means a notification is
 * never lost nor queued twice when a batch is redelivered. A notification skipped for the grace period is
 * recorded as `skipped`.
 */
@Injectable()
export class NotificationOutbox {
  constructor(
    private readonly channels: NotificationChannelsRepository,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
  ) {}

  async channelsFor(m: EntityManager): Promise<NotificationChannel[]> {
    return [...this.settings.configChannels, ...(await this.channels.list(undefined, m))].filter((c) => c.enabled);
  }

  async enqueue(m: EntityManager, alert: NotifiableAlert, change: 'created' | 'reopened'): Promise<EnqueueResult[]> {
    const out: EnqueueResult[] = [];
    const graceSeconds = this.settings.graceOverrides.get(alert.ruleId) ?? this.settings.graceSeconds;
    for (const ch of await this.channelsFor(m)) {
      const last: Array<{ at: string | null }> = await m.query(
        `SELECT max(created_at) AS at FROM vigie_notifications
         WHERE channel = $1 AND ((rule_id = $2 AND group_key = $3) OR alert_id = $4) AND status <> 'skipped'`,
        [ch.id, alert.ruleId, alert.groupKey, alert.id],
      );
      const verdict = notifyVerdict({
        change,
        level: alert.level,
        minLevel: ch.minLevel ?? this.settings.minLevel,
        alertMembers: alert.members,
        channelMembers: ch.members,
        lastNotifiedMs: last[0]?.at ? new Date(last[0].at).getTime() : undefined,
        nowMs: Date.now(),
        graceSeconds,
      });
      out.push({ channel: ch.id, verdict });
      if (verdict !== 'send' && verdict !== 'grace_period') continue;
      await m.query(
        `INSERT INTO vigie_notifications (alert_id, channel, rule_id, group_key, change, status, next_attempt_at, last_error)
         VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(mins => $7), $8)`,
        [
          alert.id,
          ch.id,
          alert.ruleId,
          alert.groupKey,
          change,
          verdict === 'send' ? 'pending' : 'skipped',
          ch.kind === 'email' ? ch.digestMinutes : 0,
          verdict === 'send' ? null : 'grace period',
        ],
      );
    }
    return out;
  }
}
