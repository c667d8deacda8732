import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { EventStore } from '@vigie/event-store';
import { MemberDirectory } from '@vigie/ingestion/members/member-directory';
import { ADMIN_PASSWORD, ApiClient, TestApp, USER_PASSWORD } from '@vigie/testing';
import { verifyWebhook } from '@vigie/triage';
import { WebhookReceiver } from './webhook-receiver';

export const SSH_BRUTE_FORCE = '38f9af8f-e95b-4df7-930b-418f801a05f5';

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, ms = 20_000, every = 50): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function sshFailure(host: string, attacker: string, i: number, user: string): string {
  return `<38>1 ${new Date().toISOString()} ${host} sshd ${4200 + i} - - Failed password for ${user} from ${attacker} port ${50000 + i} ssh2`;
}

/** `n` failed SSH logins for `user` (root by default) on `host` from `attacker`, over syslog UDP. */
export async function sshAttack(port: number, host: string, attacker: string, n = 5, user = 'root'): Promise<void> {
  const udp = createSocket('udp4');
  for (let i = 0; i < n; i++) {
    await new Promise<void>((r) => udp.send(sshFailure(host, attacker, i, user), port, '127.0.0.1', () => r()));
    // distinct receive times, so that the detector sees each event in order
    await sleep(2);
  }
  udp.close();
}

export interface TriageWorld {
  t: TestApp;
  admin: ApiClient;
  rssi: ApiClient;
  refIvry: ApiClient;
  refVitry: ApiClient;
  hook: WebhookReceiver;
  hookVitry: WebhookReceiver;
  secret: string;
  vitrySecret: string;
  tag: string;
}

/** Members (ivry owns 127.0.0.0/8, so the test's syslog is ivry's), users, and two webhook channels routed per member. */
export async function buildTriageWorld(t: TestApp): Promise<TriageWorld> {
  const tag = randomBytes(3).toString('hex');
  const anon = new ApiClient(t.baseUrl);
  const admin = await anon.login('admin', ADMIN_PASSWORD);
  for (const [code, name, net] of [
    ['ivry', 'Ville d’Ivry-sur-Seine', '127.0.0.0/8'],
    ['vitry', 'Ville de Vitry-sur-Seine', '10.94.0.0/16'],
  ]) {
    const r = await admin.post('/api/v1/members', { code, name, type: 'city', networks: [net] });
    if (r.status !== 201 && r.status !== 409) throw new Error(`member ${code}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  await t.app.get(MemberDirectory).reload();
  const mk = async (username: string, roles: string[], memberScopes: string[] = [], email?: string) => {
    const r = await admin.post('/api/v1/users', {
      username,
      password: USER_PASSWORD,
      roles,
      memberScopes,
      ...(email ? { email } : {}),
    });
    if (r.status !== 201) throw new Error(`user ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  await mk(`rssi-${tag}`, ['rssi']);
  await mk(`ref-ivry-${tag}`, ['referent'], ['ivry']);
  await mk(`ref-vitry-${tag}`, ['referent'], ['vitry']);
  const hook = new WebhookReceiver();
  const hookVitry = new WebhookReceiver();
  const url = await hook.start();
  const vitryUrl = await hookVitry.start();
  const rssi = await anon.login(`rssi-${tag}`, USER_PASSWORD);
  const ch = await rssi.post('/api/v1/notification-channels', {
    name: `ivry-soc-${tag}`,
    kind: 'webhook',
    url: `${url}/hooks/vigie`,
    members: ['ivry'],
    minLevel: 'medium',
  });
  if (ch.status !== 201) throw new Error(`channel: ${ch.status} ${JSON.stringify(ch.body)}`);
  const chVitry = await rssi.post('/api/v1/notification-channels', {
    name: `vitry-soc-${tag}`,
    kind: 'webhook',
    url: `${vitryUrl}/hooks/vigie`,
    members: ['vitry'],
    minLevel: 'informational',
  });
  if (chVitry.status !== 201) throw new Error(`channel: ${chVitry.status} ${JSON.stringify(chVitry.body)}`);
  return {
    t,
    admin,
    rssi,
    refIvry: await anon.login(`ref-ivry-${tag}`, USER_PASSWORD),
    refVitry: await anon.login(`ref-vitry-${tag}`, USER_PASSWORD),
    hook,
    hookVitry,
    secret: ch.body.secret,
    vitrySecret: chVitry.body.secret,
    tag,
  };
}

/** The alerts of the SSH brute-force rule on a host, as the RSSI's queue shows them. */
export async function alertsOn(api: ApiClient, host: string) {
  const r = await api.get(`/api/v1/alerts?rule=${SSH_BRUTE_FORCE}&q=${encodeURIComponent(host)}&limit=50`);
  if (r.status !== 200) throw new Error(`alerts: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.items as Array<{ id: string; count: number; status: string; hosts: string[]; members: string[] }>;
}

/**
 * The issue's "done when", through syslog, the detector, the bus and the sink: one alert with the right count,
 * the same alert updated, triage with history, an exception suppressing and counting, escalation to a linked
 * incident, exactly one signed webhook notification per alert, and nothing for a referent of another member.
 */
export function triageScenario(world: () => TriageWorld): void {
  const host = () => `srv-ivry-${world().tag}`;
  const attacker = () => `198.51.100.${(parseInt(world().tag, 16) % 200) + 20}`;
  let alertId = '';

  it('an attack over syslog gives one open alert with the right count', async () => {
    const w = world();
    await sshAttack(w.t.syslogPort, host(), attacker(), 5);
    const [a] = await waitFor('the alert', async () => {
      const l = await alertsOn(w.rssi, host());
      return l.length && l[0].count >= 5 ? l : undefined;
    });
    alertId = a.id;
    await sleep(300);
    const list = await alertsOn(w.rssi, host());
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: alertId, count: 5, status: 'open', hosts: [host()], members: ['ivry'] });
  });

  it('the same attack again gives the same alert, updated', async () => {
    const w = world();
    await sshAttack(w.t.syslogPort, host(), attacker(), 5);
    const list = await waitFor('the update', async () => {
      const l = await alertsOn(w.rssi, host());
      return l.length && l.some((x) => x.count >= 10) ? l : undefined;
    });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: alertId, count: 10, status: 'open' });
    const d = await w.rssi.get(`/api/v1/alerts/${alertId}`);
    expect(d.body.history.map((h: { action: string }) => h.action)).toEqual(['created', 'events_added']);
    expect(d.body.history[1]).toMatchObject({ actor: 'vigie-alert-sink', from: '5', to: '10' });
  });

  it('triage through the API, with history and related events', async () => {
    const w = world();
    const me = `rssi-${w.tag}`;
    let r = await w.rssi.patch(`/api/v1/alerts/${alertId}`, { status: 'acknowledged', assignee: me });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'acknowledged', assignee: me });
    expect(r.body.acknowledgedAt).toEqual(expect.any(String));
    r = await w.rssi.patch(`/api/v1/alerts/${alertId}`, { status: 'closed' });
    expect(r.status).toBe(422);
    expect(r.body.fields.map((f: { field: string }) => f.field)).toEqual(['closeReason', 'comment']);
    r = await w.rssi.patch(`/api/v1/alerts/${alertId}`, { status: 'open', comment: 'wrong host' });
    expect(r.status).toBe(200);
    r = await w.rssi.patch(`/api/v1/alerts/${alertId}`, {
      status: 'in_progress',
      addTags: ['brute-force'],
      comment: 'looking',
    });
    expect(r.body).toMatchObject({ status: 'in_progress', tags: ['brute-force'] });
    r = await w.rssi.post(`/api/v1/alerts/${alertId}/comments`, { text: 'Source is an external scanner' });
    expect(r.status).toBe(201);
    // a referent may read but not triage
    expect((await w.refIvry.patch(`/api/v1/alerts/${alertId}`, { status: 'acknowledged' })).status).toBe(403);

    const d = await w.rssi.get(`/api/v1/alerts/${alertId}`);
    expect(d.status).toBe(200);
    const history = d.body.history as Array<{
      actor: string;
      action: string;
      from: string | null;
      to: string | null;
      comment: string | null;
    }>;
    expect(history.map((h) => [h.action, h.from, h.to])).toEqual([
      ['created', null, 'open'],
      ['events_added', '5', '10'],
      ['status', 'open', 'acknowledged'],
      ['assignee', null, me],
      ['status', 'acknowledged', 'open'],
      ['status', 'open', 'in_progress'],
      ['tags', '', 'brute-force'],
      ['commented', null, null],
    ]);
    expect(history.slice(2).every((h) => h.actor === me)).toBe(true);
    expect(history[7].comment).toBe('Source is an external scanner');
    // the indexer consumes the events on its own: wait until it caught up
    const related = await waitFor('the related events', async () => {
      const r = (await w.rssi.get(`/api/v1/alerts/${alertId}`)).body.relatedEvents as Array<{
        doc: { source: { ip: string } };
      }>;
      return r.length >= 10 ? r : undefined;
    });
    expect(related).toHaveLength(10);
    for (const e of related) expect(e.doc.source.ip).toBe(attacker());

    const audit = await w.admin.get(`/api/v1/audit?entityType=alert&entityId=${alertId}&limit=100`);
    expect(audit.body.records.map((x: { action: string }) => x.action)).toEqual([
      'alert.created',
      'alert.updated',
      'alert.updated',
      'alert.updated',
      'alert.commented',
    ]);
  });

  it('escalation creates a linked incident', async () => {
    const w = world();
    const r = await w.rssi.post(`/api/v1/alerts/${alertId}/escalate`, { comment: 'to the ISMS log' });
    expect(r.status).toBe(201);
    expect(r.body.created).toBe(true);
    expect(r.body.incident).toMatchObject({ source: 'alert', sourceRef: alertId, category: 'unauthorised_access' });
    expect(r.body.incident.links.alerts).toContain(alertId);
    expect(r.body.incident.links.hosts).toContain(host());
    expect(r.body.incident.members.map((m: { member: string }) => m.member)).toContain('ivry');
    expect(r.body.alert).toMatchObject({ incidentId: r.body.incident.id, status: 'in_progress' });
    const inc = await w.rssi.get(`/api/v1/incidents/${r.body.incident.id}`);
    expect(inc.status).toBe(200);
    expect(inc.body.links.alerts).toContain(alertId);
    const again = await w.rssi.post(`/api/v1/alerts/${alertId}/escalate`, {});
    expect(again.status).toBe(409);
    const d = await w.rssi.get(`/api/v1/alerts/${alertId}`);
    expect(d.body.history.at(-1)).toMatchObject({ action: 'escalated', to: r.body.incident.reference });
  });

  it('an exception suppresses further matches and counts them', async () => {
    const w = world();
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const ex = await w.rssi.post('/api/v1/exceptions', {
      fromAlertId: alertId,
      host: host(),
      reason: 'Authorised scanner',
      expiresAt,
    });
    expect(ex.status).toBe(201);
    expect(ex.body).toMatchObject({ ruleId: SSH_BRUTE_FORCE, member: 'ivry', host: host(), active: true });
    expect(ex.body.suppressed).toEqual({ alerts: 0, matches: 0, lastAt: null });
    const bad = await w.rssi.post('/api/v1/exceptions', {
      ruleId: SSH_BRUTE_FORCE,
      reason: 'scanner',
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.fields).toEqual([{ field: 'expiresAt', problem: 'must be in the future' }]);
    await sshAttack(w.t.syslogPort, host(), attacker(), 5);
    const seen = await waitFor('the suppression count', async () => {
      const r = await w.rssi.get(`/api/v1/exceptions/${ex.body.id}`);
      return r.body.suppressed.matches >= 5 ? r.body : undefined;
    });
    expect(seen.suppressed).toMatchObject({ alerts: 1, matches: 5 });
    expect(seen.recentSuppressions[0]).toMatchObject({ ruleId: SSH_BRUTE_FORCE, member: 'ivry', matches: 5 });
    const list = await alertsOn(w.rssi, host());
    expect(list).toHaveLength(1);
    expect(list[0].count).toBe(10);
  });

  it('a closed alert is reopened by new events, with a note, and not notified twice', async () => {
    const w = world();
    const h2 = `${host()}-b`;
    await sshAttack(w.t.syslogPort, h2, attacker(), 5);
    const [b] = await waitFor('the second alert', async () => {
      const l = await alertsOn(w.rssi, h2);
      return l.length ? l : undefined;
    });
    const closed = await w.rssi.post('/api/v1/alerts/bulk', {
      ids: [b.id],
      change: { status: 'closed', closeReason: 'false_positive', comment: 'test account' },
    });
    expect(closed.body).toMatchObject({ matched: 1, updated: 1, failed: [] });
    await sshAttack(w.t.syslogPort, h2, attacker(), 2);
    const reopened = await waitFor('the reopening', async () => {
      const d = await w.rssi.get(`/api/v1/alerts/${b.id}`);
      return d.body.status === 'open' && d.body.count >= 7 ? d.body : undefined;
    });
    expect(reopened.reopenCount).toBe(1);
    expect(reopened.count).toBe(7);
    const note = reopened.history.find((h: { action: string }) => h.action === 'reopened');
    expect(note.comment).toMatch(/^Reopened: [12] new event\(s\) \d+ s after it was closed as false_positive/);
    expect((await alertsOn(w.rssi, h2)).map((x) => x.id)).toEqual([b.id]);
    await sleep(1500);
    expect(w.hook.forAlert(b.id)).toHaveLength(1);
  });

  it('a webhook receiver gets exactly one signed notification for the alert', async () => {
    const w = world();
    await sleep(1500); // give a second delivery every chance to happen
    const got = w.hook.forAlert(alertId);
    expect(got).toHaveLength(1);
    const h = got[0];
    expect(h.path).toBe('/hooks/vigie');
    expect(h.json.type).toBe('alert.created');
    expect(h.headers['x-vigie-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    const ts = Number(h.headers['x-vigie-timestamp']);
    expect(verifyWebhook(w.secret, ts, h.body, String(h.headers['x-vigie-signature']))).toBe(true);
    expect(
      verifyWebhook(w.secret, ts, h.body.replace('"count":5', '"count":6'), String(h.headers['x-vigie-signature'])),
    ).toBe(false);
    expect(verifyWebhook('not-the-secret-0123456789', ts, h.body, String(h.headers['x-vigie-signature']))).toBe(false);
  });

  it('a referent of another member sees none of it', async () => {
    const w = world();
    const list = await w.refVitry.get('/api/v1/alerts?limit=500');
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).not.toContain(alertId);
    expect(JSON.stringify(list.body)).not.toContain(host());
    expect((await w.refVitry.get(`/api/v1/alerts/${alertId}`)).status).toBe(404);
    const ex = await w.refVitry.get('/api/v1/exceptions');
    expect(JSON.stringify(ex.body)).not.toContain(host());
    const stats = await w.refVitry.get('/api/v1/alerts/stats');
    expect(JSON.stringify(stats.body)).not.toContain(SSH_BRUTE_FORCE);
    const alert = await w.rssi.get(`/api/v1/alerts/${alertId}`);
    expect((await w.refVitry.get(`/api/v1/incidents/${alert.body.incidentId}`)).status).toBe(404);
    expect(w.hookVitry.received.filter((h) => h.body.includes(host()))).toEqual([]);
    // while the referent of the alert's member does see it
    const own = await w.refIvry.get(`/api/v1/alerts/${alertId}`);
    expect(own.status).toBe(200);
  });

  it('indexes the alert into the event store, next to the events', async () => {
    const w = world();
    const store = w.t.app.get(EventStore);
    await store.refresh();
    const page = await store.search({ members: ['ivry'], filter: { op: 'term', field: 'event.id', value: alertId } });
    expect(page.events).toHaveLength(1);
    expect(page.events[0].doc).toMatchObject({ event: { kind: 'alert' }, rule: { id: SSH_BRUTE_FORCE } });
    expect((page.events[0].doc.vigie as { alert: { count: number } }).alert.count).toBe(10);
  });

  it('closes alerts in bulk by filter, and gives statistics and metrics', async () => {
    const w = world();
    const bulk = await w.rssi.post('/api/v1/alerts/bulk', {
      filter: { rule: [SSH_BRUTE_FORCE], member: ['ivry'], status: ['open'] },
      change: { status: 'closed', closeReason: 'false_positive', comment: 'lab accounts' },
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body.updated).toBeGreaterThanOrEqual(1);
    expect(bulk.body.failed).toEqual([]);
    const left = await w.rssi.get(`/api/v1/alerts?rule=${SSH_BRUTE_FORCE}&member=ivry&status=open`);
    expect(left.body.items).toEqual([]);
    expect(left.body.counts.closed).toBeGreaterThanOrEqual(1);
    const s = await w.rssi.get('/api/v1/alerts/stats');
    expect(s.status).toBe(200);
    expect(s.body.byRule.find((r: { ruleId: string }) => r.ruleId === SSH_BRUTE_FORCE).count).toBeGreaterThanOrEqual(2);
    expect(s.body.timeToAcknowledge.count).toBeGreaterThanOrEqual(1);
    expect(s.body.timeToClose.count).toBeGreaterThanOrEqual(1);
    const fp = s.body.falsePositiveRate.find((r: { ruleId: string }) => r.ruleId === SSH_BRUTE_FORCE);
    expect(fp.closed).toBeGreaterThanOrEqual(1);
    expect(fp.falsePositive).toBe(fp.closed);
    expect(fp.rate).toBe(1);
    expect(
      s.body.perDay.some(
        (d: { member: string; ruleId: string }) => d.member === 'ivry' && d.ruleId === SSH_BRUTE_FORCE,
      ),
    ).toBe(true);
    const text = await (await fetch(`${w.t.baseUrl}/metrics`)).text();
    expect(text).toMatch(
      new RegExp(`vigie_alerts_created_total\\{level="medium",rule="${SSH_BRUTE_FORCE}",member="ivry"\\} [1-9]`),
    );
    expect(text).toMatch(/vigie_alerts_suppressed_total\{rule="[^"]+"\} [1-9]/);
    expect(text).toContain('vigie_alert_time_to_acknowledge_seconds_bucket');
    expect(text).toMatch(/vigie_notifications_total\{kind="webhook",outcome="sent"\} [1-9]/);
  });
}

/**
 * A Sigma-filter exception created from an alert, through syslog and the detector: further failures for the
 * service account are suppressed and counted on the exception, failures for other accounts still update the
 * alert; the related events come from the event store, page by page, within the alert's window.
 */
export function sigmaFilterScenario(world: () => TriageWorld): void {
  const host = () => `srv-sigma-${world().tag}`;
  const attacker = () => `203.0.113.${(parseInt(world().tag, 16) % 200) + 20}`;
  let alertId = '';
  let exceptionId = '';

  it('an attack gives an alert; an invalid Sigma filter is refused with the parser’s message', async () => {
    const w = world();
    await sshAttack(w.t.syslogPort, host(), attacker(), 5);
    const [a] = await waitFor('the alert', async () => {
      const l = await alertsOn(w.rssi, host());
      return l.length && l[0].count >= 5 ? l : undefined;
    });
    alertId = a.id;
    expect(a.count).toBe(5);
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const bad = await w.rssi.post('/api/v1/exceptions', {
      fromAlertId: alertId,
      sigmaFilter: 'selection:\n  User|startswith: svc-\ncondition: selection and not filter',
      reason: 'Backup service account',
      expiresAt,
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'invalid_sigma_filter' });
    expect(bad.body.fields).toEqual([
      { field: 'sigmaFilter', problem: expect.stringContaining("unknown search identifier 'filter'") },
    ]);
    const ok = await w.rssi.post('/api/v1/exceptions', {
      fromAlertId: alertId,
      sigmaFilter:
        'selection:\n  User|startswith: svc-\nfilter_root:\n  User: root\ncondition: selection and not filter_root',
      reason: 'Backup service account',
      expiresAt,
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ ruleId: SSH_BRUTE_FORCE, member: 'ivry', host: null, active: true });
    expect(ok.body.sigmaFilter).toContain('svc-');
    exceptionId = ok.body.id;
  });

  it('suppresses and counts the events the filter matches, while others still update the alert', async () => {
    const w = world();
    await sshAttack(w.t.syslogPort, host(), attacker(), 4, 'svc-backup');
    const seen = await waitFor('the suppression count', async () => {
      const r = await w.rssi.get(`/api/v1/exceptions/${exceptionId}`);
      return r.body.suppressed.matches >= 4 ? r.body : undefined;
    });
    expect(seen.suppressed).toMatchObject({ alerts: 1, matches: 4 });
    expect((await alertsOn(w.rssi, host()))[0].count).toBe(5);
    await sshAttack(w.t.syslogPort, host(), attacker(), 2, 'admin');
    const list = await waitFor('the update', async () => {
      const l = await alertsOn(w.rssi, host());
      return l.length && l[0].count >= 7 ? l : undefined;
    });
    await sleep(300);
    expect(list).toHaveLength(1);
    expect((await alertsOn(w.rssi, host()))[0]).toMatchObject({ id: alertId, count: 7 });
    expect((await w.rssi.get(`/api/v1/exceptions/${exceptionId}`)).body.suppressed.matches).toBe(4);
  });

  it('lists the related events from the event store, page by page, suppressed ones included', async () => {
    const w = world();
    const all = await waitFor('the indexed events', async () => {
      const r = await w.rssi.get(`/api/v1/alerts/${alertId}/events?limit=200`);
      return r.body.items.length >= 11 ? r.body : undefined;
    });
    expect(all.items).toHaveLength(11);
    expect(all.groupFields).toEqual(expect.arrayContaining(['host.name', 'source.ip']));
    const pages: string[] = [];
    let cursor: string | undefined;
    do {
      const r = await w.rssi.get(
        `/api/v1/alerts/${alertId}/events?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(r.status).toBe(200);
      expect(r.body.items.length).toBeLessThanOrEqual(4);
      pages.push(...r.body.items.map((e: { id: string }) => e.id));
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(pages).toEqual(all.items.map((e: { id: string }) => e.id));
    const users = all.items.map((e: { doc: { user: { name: string } } }) => e.doc.user.name);
    expect(users.filter((u: string) => u === 'svc-backup')).toHaveLength(4);
    for (const e of all.items as Array<{ timestamp: string; doc: { source: { ip: string } } }>)
      expect(e.doc.source.ip).toBe(attacker());
    const times = all.items.map((e: { timestamp: string }) => e.timestamp);
    expect([...times].sort()).toEqual(times);
    // the detail carries the first page and the sample ids
    const d = await w.rssi.get(`/api/v1/alerts/${alertId}`);
    expect(d.body.relatedEvents).toHaveLength(11);
    expect(d.body.relatedEventsNextCursor).toBeNull();
    expect(all.sampleEventIds.length).toBeGreaterThanOrEqual(5);
    // another member's referent gets nothing
    expect((await w.refVitry.get(`/api/v1/alerts/${alertId}/events`)).status).toBe(404);
  });
}
