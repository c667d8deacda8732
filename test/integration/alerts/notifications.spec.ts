import { AlertSinkConsumer } from '@vigie/registry/alerts/alert-sink.consumer';
import { NotificationDispatcher } from '@vigie/registry/notifications/notification.dispatcher';
import { ADMIN_PASSWORD, ApiClient, startEmbeddedApp, TestApp, USER_PASSWORD } from '@vigie/testing';
import { verifyWebhook } from '@vigie/triage';
import { DataSource } from 'typeorm';
import { alertMessage, busMessage } from './alert-messages';
import { SmtpSink } from './smtp-sink';
import { waitFor, sleep } from './triage-scenario';
import { WebhookReceiver } from './webhook-receiver';

const CONFIG_SECRET = 'config-secret-0123456789abcdef';

describe('alert notifications (webhooks with retries, SMTP email, referent routing, digest, grace)', () => {
  let t: TestApp;
  let admin: ApiClient;
  let sink: AlertSinkConsumer;
  let db: DataSource;
  const smtp = new SmtpSink();
  const configHook = new WebhookReceiver();
  let n = 0;

  /** Sink a new alert of a fresh rule for `member` and return its id. */
  async function newAlert(member: string, level: 'medium' | 'high' = 'high', rule = `rule-n${++n}`): Promise<string> {
    const groupKey = `${member}|host-${n}`;
    await sink.handle([
      busMessage(
        alertMessage({
          alertKey: `${rule}:${groupKey}:${Date.now()}:${Math.random()}`,
          rule: { id: rule, title: `Title of ${rule}`, level, tags: [] },
          groupKey,
          groupValues: { 'organization.id': member, 'host.name': `host-${n}` },
          members: [member],
        }),
      ),
    ]);
    const r = await admin.get(`/api/v1/alerts?rule=${rule}&member=${member}`);
    return r.body.items[0].id;
  }

  const rows = (alertId: string) =>
    db.query('SELECT channel, status, attempts, last_error FROM vigie_notifications WHERE alert_id = $1 ORDER BY id', [
      alertId,
    ]) as Promise<Array<{ channel: string; status: string; attempts: number; last_error: string | null }>>;

  beforeAll(async () => {
    process.env.VIGIE_ADMIN_PASSWORD = ADMIN_PASSWORD;
    const smtpPort = await smtp.start();
    const configUrl = await configHook.start();
    t = await startEmbeddedApp({
      'retry.initialDelayMs': 50,
      'retry.maxDelayMs': 200,
      'alerts.webhookMaxAttempts': 3,
      'alerts.notifyMinLevel': 'high',
      'alerts.notifyGraceSeconds': 3600,
      'alerts.notifyGraceOverrides': ['rule-nograce=0'],
      'alerts.webhooks': [`${configUrl}/config`],
      'alerts.webhookSecret': CONFIG_SECRET,
      'alerts.smtpUrl': `smtp://127.0.0.1:${smtpPort}`,
      'alerts.emailFrom': 'vigie@test.local',
      'alerts.emailTo': ['soc@test.local'],
    });
    admin = await new ApiClient(t.baseUrl).login('admin', ADMIN_PASSWORD);
    for (const code of ['ivry', 'vitry', 'lab'])
      expect((await admin.post('/api/v1/members', { code, name: `Ville ${code}`, type: 'city' })).status).toBe(201);
    for (const [u, m] of [
      ['ref-ivry', 'ivry'],
      ['ref-vitry', 'vitry'],
    ])
      expect(
        (
          await admin.post('/api/v1/users', {
            username: u,
            password: USER_PASSWORD,
            roles: ['referent'],
            memberScopes: [m],
            email: `${u}@test.local`,
          })
        ).status,
      ).toBe(201);
    sink = t.app.get(AlertSinkConsumer);
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
    await configHook.stop();
  });

  it('lists the configured channels read-only, secrets masked', async () => {
    const r = await admin.get('/api/v1/notification-channels');
    expect(r.status).toBe(200);
    expect(r.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'config-webhook-0', kind: 'webhook', source: 'config', hasSecret: true }),
        expect.objectContaining({
          id: 'config-email',
          kind: 'email',
          source: 'config',
          recipients: ['soc@test.local'],
        }),
      ]),
    );
    expect(JSON.stringify(r.body)).not.toContain(CONFIG_SECRET);
  });

  it('sends a new high alert to the configured webhook (signed) and by email, and nothing below the level', async () => {
    const id = await newAlert('lab');
    const hook = await waitFor('the webhook', async () => configHook.forAlert(id)[0]);
    const ts = Number(hook.headers['x-vigie-timestamp']);
    expect(verifyWebhook(CONFIG_SECRET, ts, hook.body, String(hook.headers['x-vigie-signature']))).toBe(true);
    expect(hook.headers['x-vigie-event']).toBe('alert.created');
    const mail = await waitFor('the email', async () =>
      smtp.mails.find((m) => m.to.includes('soc@test.local') && m.data.includes(id)),
    );
    expect(mail.from).toBe('vigie@test.local');
    expect(mail.data).toMatch(/Subject: .*Title of rule-n\d+/);
    const low = await newAlert('lab', 'medium');
    await sleep(300);
    expect(await rows(low)).toEqual([]);
  });

  it('retries a failing webhook with back-off, then gives up after the configured attempts', async () => {
    const flaky = new WebhookReceiver();
    let calls = 0;
    flaky.status = () => (++calls <= 2 ? 500 : 204);
    const dead = new WebhookReceiver();
    dead.status = () => 503;
    const ch1 = await admin.post('/api/v1/notification-channels', {
      name: 'flaky',
      kind: 'webhook',
      url: `${await flaky.start()}/x`,
      members: ['lab'],
    });
    const ch2 = await admin.post('/api/v1/notification-channels', {
      name: 'dead',
      kind: 'webhook',
      url: `${await dead.start()}/x`,
      members: ['lab'],
    });
    expect([ch1.status, ch2.status]).toEqual([201, 201]);
    try {
      const id = await newAlert('lab');
      const done = await waitFor('delivery and abandonment', async () => {
        const r = await rows(id);
        const a = r.find((x) => x.channel === ch1.body.id);
        const b = r.find((x) => x.channel === ch2.body.id);
        return a?.status === 'sent' && b?.status === 'failed' ? { a, b } : undefined;
      });
      expect(done.a.attempts).toBe(3);
      expect(done.b).toMatchObject({ attempts: 3, last_error: 'webhook answered HTTP 503' });
      expect(flaky.forAlert(id)).toHaveLength(3);
      expect(dead.forAlert(id)).toHaveLength(3);
      const gaps = flaky.forAlert(id).map((h, i, all) => (i ? h.at - all[i - 1].at : 0));
      expect(gaps[1]).toBeGreaterThanOrEqual(40);
      expect(gaps[2]).toBeGreaterThanOrEqual(gaps[1] * 0.8);
    } finally {
      await admin.delete(`/api/v1/notification-channels/${ch1.body.id}`);
      await admin.delete(`/api/v1/notification-channels/${ch2.body.id}`);
      await flaky.stop();
      await dead.stop();
    }
  });

  it('emails each referent the alerts of their own member only', async () => {
    const ch = await admin.post('/api/v1/notification-channels', {
      name: 'referents',
      kind: 'email',
      includeReferents: true,
    });
    expect(ch.status).toBe(201);
    try {
      const ivryAlert = await newAlert('ivry');
      const vitryAlert = await newAlert('vitry');
      await waitFor('both sent', async () => {
        const all = [...(await rows(ivryAlert)), ...(await rows(vitryAlert))].filter((r) => r.channel === ch.body.id);
        return all.length === 2 && all.every((r) => r.status === 'sent') ? true : undefined;
      });
      const to = (alertId: string) =>
        smtp.mails.filter((m) => m.data.includes(alertId) && !m.to.includes('soc@test.local')).flatMap((m) => m.to);
      expect(to(ivryAlert)).toEqual(['ref-ivry@test.local']);
      expect(to(vitryAlert)).toEqual(['ref-vitry@test.local']);
    } finally {
      await admin.delete(`/api/v1/notification-channels/${ch.body.id}`);
    }
  });

  it('sends a digest channel one email for its pending alerts once the digest is due', async () => {
    const ch = await admin.post('/api/v1/notification-channels', {
      name: 'digest',
      kind: 'email',
      recipients: ['digest@test.local'],
      digestMinutes: 30,
      members: ['lab'],
    });
    expect(ch.status).toBe(201);
    try {
      const a = await newAlert('lab');
      const b = await newAlert('lab');
      await sleep(1200);
      expect(smtp.mails.filter((m) => m.to.includes('digest@test.local'))).toEqual([]);
      // half an hour later for the oldest one
      await db.query(`UPDATE vigie_notifications SET next_attempt_at = now() WHERE channel = $1 AND alert_id = $2`, [
        ch.body.id,
        a,
      ]);
      t.app.get(NotificationDispatcher).kick();
      const mails = await waitFor('the digest', async () => {
        const got = smtp.mails.filter((m) => m.to.includes('digest@test.local'));
        return got.length ? got : undefined;
      });
      await sleep(300);
      expect(mails).toHaveLength(1);
      expect(mails[0].data).toContain(a);
      expect(mails[0].data).toContain(b);
      expect(mails[0].data).toMatch(/Subject: .*2 nouvelle/);
    } finally {
      await admin.delete(`/api/v1/notification-channels/${ch.body.id}`);
    }
  });

  it('does not notify a reopened alert again within the grace period, unless the rule has none', async () => {
    for (const rule of ['rule-grace', 'rule-nograce']) {
      const id = await newAlert('lab', 'high', rule);
      await waitFor('first delivery', async () => configHook.forAlert(id)[0]);
      await admin.patch(`/api/v1/alerts/${id}`, { status: 'closed', closeReason: 'other', comment: 'x' });
      const d = (await admin.get(`/api/v1/alerts/${id}`)).body;
      await sink.handle([
        busMessage(
          alertMessage({
            alertKey: `${rule}-again`,
            rule: d.rule,
            groupKey: d.groupKey,
            groupValues: d.groupValues,
            members: ['lab'],
          }),
        ),
      ]);
      expect((await admin.get(`/api/v1/alerts/${id}`)).body.status).toBe('open');
      await sleep(800);
      const statuses = (await rows(id)).filter((r) => r.channel === 'config-webhook-0').map((r) => r.status);
      if (rule === 'rule-grace') {
        expect(statuses).toEqual(['sent', 'skipped']);
        expect(configHook.forAlert(id)).toHaveLength(1);
      } else {
        expect(statuses).toEqual(['sent', 'sent']);
        expect(configHook.forAlert(id).map((h) => h.json.type)).toEqual(['alert.created', 'alert.reopened']);
      }
    }
  });

  it('audits channel changes and refuses channels to unknown members', async () => {
    const bad = await admin.post('/api/v1/notification-channels', {
      name: 'ghost',
      kind: 'webhook',
      url: 'https://example.org/h',
      members: ['nowhere'],
    });
    expect(bad.status).toBe(422);
    const noUrl = await admin.post('/api/v1/notification-channels', { name: 'nourl', kind: 'email' });
    expect(noUrl.status).toBe(422);
    const ch = await admin.post('/api/v1/notification-channels', {
      name: 'audited',
      kind: 'webhook',
      url: 'https://example.org/h',
      secret: 'a-long-enough-secret-value',
    });
    expect(ch.body.secret).toBeUndefined();
    const upd = await admin.patch(`/api/v1/notification-channels/${ch.body.id}`, { enabled: false });
    expect(upd.body).toMatchObject({ enabled: false, hasSecret: true });
    await admin.delete(`/api/v1/notification-channels/${ch.body.id}`);
    const audit = await admin.get(`/api/v1/audit?entityType=notification_channel&entityId=${ch.body.id}`);
    expect(audit.body.records.map((r: { action: string }) => r.action)).toEqual([
      'notification_channel.created',
      'notification_channel.updated',
      'notification_channel.deleted',
    ]);
    expect(JSON.stringify(audit.body)).not.toContain('a-long-enough-secret-value');
  });
});
