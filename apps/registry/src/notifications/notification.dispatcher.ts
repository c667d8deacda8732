import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { returnedRows } from '@vigie/database';
import { logger, Metrics } from '@vigie/observability';
import { retryDelayMs } from '@vigie/triage';
import { DataSource } from 'typeorm';
import { Alert, ALERT_COLUMNS, toAlert } from '../alerts/alert.types';
import { NotificationChannel } from './channel.types';
import { EmailSender } from './email.sender';
import { emailContent, webhookPayload } from './notification-content';
import { NotificationChannelsRepository } from './notification-channels.repository';
import { NOTIFICATION_SETTINGS } from './notification.tokens';
import { NotificationSettings } from './notification-settings';
import { postWebhook } from './webhook.sender';

interface OutboxRow {
  id: string;
  alert_id: string;
  channel: string;
  change: string;
  attempts: number;
}

/** How long a claimed notification is reserved for the process sending it. */
const LEASE_SECONDS = 120;

/**
 * Sends queued notifications: webhooks one by one (retried with exponential back-off up to
 * `alerts.webhookMaxAttempts`), emails one per alert or, for digest channels, one digest of every pending alert
 * of the channel once the oldest has waited the digest time. Rows are claimed with `FOR UPDATE SKIP LOCKED` and a
 * lease so that several registry processes never send the same notification.
 */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = logger('NotificationDispatcher');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private readonly email: EmailSender;
  private readonly m;

  constructor(
    private readonly dataSource: DataSource,
    private readonly channels: NotificationChannelsRepository,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
    metrics: Metrics,
  ) {
    this.email = new EmailSender(settings.smtpUrl);
    this.m = {
      sent: metrics.counter('vigie_notifications_total', 'Notifications by channel kind and outcome', [
        'kind',
        'outcome',
      ]),
    };
  }

  onApplicationBootstrap(): void {
    for (const p of this.settings.problems) this.log.warn({ problem: p }, 'alerts.notifyGraceOverrides entry ignored');
    for (const c of this.settings.configChannels)
      if (c.kind === 'webhook' && !c.secret)
        this.log.warn({ url: c.url }, 'configured webhook sent unsigned: set alerts.webhookSecret');
    this.timer = setInterval(() => this.kick(), 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    this.email.close();
  }

  /** Process due notifications now (called after the sink committed new ones, and every second). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((e) => this.log.warn({ error: (e as Error).message }, 'notification round failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when no round is in progress (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    for (let round = 0; round < 20 && !this.stopped; round++) {
      const claimed = returnedRows<OutboxRow>(
        await this.dataSource.query(
          `UPDATE vigie_notifications SET next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS})
         WHERE id IN (SELECT id FROM vigie_notifications WHERE status = 'pending' AND next_attempt_at <= now()
                      ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED)
         RETURNING id, alert_id, channel, change, attempts`,
        ),
      );
      if (!claimed.length) return;
      const byChannel = new Map<string, OutboxRow[]>();
      for (const r of claimed) byChannel.set(r.channel, [...(byChannel.get(r.channel) ?? []), r]);
      for (const [channelId, rows] of byChannel) await this.deliverChannel(channelId, rows);
    }
  }

  private async channel(id: string): Promise<NotificationChannel | undefined> {
    return this.settings.configChannels.find((c) => c.id === id) ?? (await this.channels.get(id, undefined));
  }

  private async alerts(ids: string[]): Promise<Map<string, Alert>> {
    const rows = await this.dataSource.query(`SELECT ${ALERT_COLUMNS} FROM vigie_alerts WHERE id = ANY($1)`, [ids]);
    return new Map(rows.map((r: Record<string, unknown>) => [String(r.id), toAlert(r)]));
  }

  private async deliverChannel(channelId: string, claimed: OutboxRow[]): Promise<void> {
    const ch = await this.channel(channelId);
    if (!ch || !ch.enabled) {
      await this.finish(claimed, 'failed', ch ? 'channel disabled' : 'channel deleted');
      return;
    }
    if (ch.kind === 'webhook') {
      const alerts = await this.alerts(claimed.map((r) => r.alert_id));
      for (const row of claimed) {
        const alert = alerts.get(row.alert_id);
        if (!alert) {
          await this.finish([row], 'failed', 'alert deleted');
          continue;
        }
        try {
          await postWebhook(ch.url!, ch.secret, webhookPayload(alert, row.change, String(row.id)), {
            'x-vigie-event': `alert.${row.change}`,
            'x-vigie-delivery': String(row.id),
          });
        } catch (e) {
          await this.retry([row], (e as Error).message, 'webhook');
          continue;
        }
        await this.finish([row], 'sent');
        this.m.sent.inc({ kind: 'webhook', outcome: 'sent' });
      }
      return;
    }
    // Email: a digest channel sends every pending row of the channel at once.
    let rows = claimed;
    if (ch.digestMinutes > 0) {
      const more: OutboxRow[] = await this.dataSource.query(
        `SELECT id, alert_id, channel, change, attempts FROM vigie_notifications WHERE channel = $1 AND status = 'pending' AND NOT (id = ANY($2))`,
        [channelId, claimed.map((r) => r.id)],
      );
      rows = [...claimed, ...more];
    }
    const alerts = await this.alerts(rows.map((r) => r.alert_id));
    const present = rows.filter((r) => alerts.has(r.alert_id));
    if (present.length < rows.length)
      await this.finish(
        rows.filter((r) => !alerts.has(r.alert_id)),
        'failed',
        'alert deleted',
      );
    if (!present.length) return;
    try {
      const groups = await this.recipientGroups(
        ch,
        present.map((r) => alerts.get(r.alert_id)!),
      );
      const digest = ch.digestMinutes > 0;
      const chunks = digest ? [present] : present.map((r) => [r]);
      for (const chunk of chunks) {
        const ids = new Set(chunk.map((r) => r.alert_id));
        for (const g of groups) {
          const mine = g.alerts.filter((a) => ids.has(a.id));
          if (!mine.length) continue;
          const { subject, text } = emailContent(mine, digest);
          await this.email.send({ from: this.settings.emailFrom, to: g.to, subject, text });
        }
        await this.finish(chunk, 'sent');
        this.m.sent.inc({ kind: 'email', outcome: 'sent' }, chunk.length);
      }
    } catch (e) {
      await this.retry(present, (e as Error).message, 'email');
    }
  }

  /**
   * Who receives which alerts: fixed recipients get all; with `includeReferents`, each referent (with an email
   * address, not disabled) gets the alerts of the members in their scope. Recipients with the same alerts share
   * one message.
   */
  private async recipientGroups(
    ch: NotificationChannel,
    alerts: Alert[],
  ): Promise<Array<{ to: string[]; alerts: Alert[] }>> {
    const perRecipient = new Map<string, Alert[]>();
    for (const to of ch.recipients) perRecipient.set(to.toLowerCase(), alerts);
    if (ch.includeReferents) {
      const members = [...new Set(alerts.flatMap((a) => a.members))];
      const refs: Array<{ email: string; member_scopes: string[] }> = await this.dataSource.query(
        `SELECT email, member_scopes FROM vigie_users
         WHERE 'referent' = ANY(roles) AND NOT disabled AND email IS NOT NULL AND member_scopes && $1::text[]`,
        [members],
      );
      for (const r of refs) {
        const key = r.email.toLowerCase();
        if (perRecipient.has(key) && ch.recipients.some((x) => x.toLowerCase() === key)) continue;
        const theirs = alerts.filter((a) => a.members.some((mb) => r.member_scopes.includes(mb)));
        const prev = perRecipient.get(key) ?? [];
        perRecipient.set(key, [...prev, ...theirs.filter((a) => !prev.includes(a))]);
      }
    }
    const groups = new Map<string, { to: string[]; alerts: Alert[] }>();
    for (const [to, list] of perRecipient) {
      if (!list.length) continue;
      const sig = list
        .map((a) => a.id)
        .sort()
        .join(',');
      const g = groups.get(sig) ?? { to: [], alerts: list };
      g.to.push(to);
      groups.set(sig, g);
    }
    return [...groups.values()];
  }

  private async finish(rows: OutboxRow[], status: 'sent' | 'failed', error?: string): Promise<void> {
    if (!rows.length) return;
    await this.dataSource.query(
      `UPDATE vigie_notifications SET status = $2, attempts = attempts + 1, last_error = $3,
         sent_at = CASE WHEN $4 THEN now() ELSE sent_at END WHERE id = ANY($1)`,
      [rows.map((r) => r.id), status, error ?? null, status === 'sent'],
    );
    if (status === 'failed') this.log.warn({ ids: rows.map((r) => r.id), error }, 'notification abandoned');
  }

  private async retry(rows: OutboxRow[], error: string, kind: string): Promise<void> {
    for (const r of rows) {
      const attempts = Number(r.attempts) + 1;
      if (attempts >= this.settings.maxAttempts) {
        await this.finish([r], 'failed', error);
        this.m.sent.inc({ kind, outcome: 'failed' });
        continue;
      }
      const delay = retryDelayMs(attempts, this.settings.retryInitialMs, this.settings.retryMaxMs);
      await this.dataSource.query(
        `UPDATE vigie_notifications SET attempts = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1`,
        [r.id, attempts, error, delay / 1000],
      );
      this.m.sent.inc({ kind, outcome: 'retry' });
      this.log.info({ id: r.id, attempts, delayMs: delay, error }, 'notification will be retried');
    }
  }
}
