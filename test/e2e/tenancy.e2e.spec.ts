import { randomUUID } from 'node:crypto';
import { RouteAccessAuditor, RouteInfo } from '@vigie/auth';
import { EventBus } from '@vigie/bus';
import { RawEnvelope, Topics } from '@vigie/contracts';
import { EventStore } from '@vigie/event-store';
import { ADMIN_PASSWORD, ApiClient, describeWithServices, postgresTestUrl, startEmbeddedApp, TestApp, USER_PASSWORD } from '@vigie/testing';
import { Client } from 'pg';

/**
 * Walks every route registered in the app and calls it as a referent of member
 * A (and as an auditor) on objects of member B. A route whose parameters or
 * body this suite does not know fails the suite: adding a route means adding
 * its tenancy check here.
 */
interface World {
  t: TestApp;
  admin: ApiClient;
  refA: ApiClient;
  auditor: ApiClient;
  b: { member: string; apiKeyId: string; userId: string; markers: string[] };
}

const A = 'alpha';
const B = 'beta';
/** A bundled Sigma rule (SSH brute force): rules are global, they hold no member data. */
const GLOBAL_RULE = '38f9af8f-e95b-4df7-930b-418f801a05f5';

/** Member B's GDPR registry objects (application on B's host, B's processing activity). */
const gdprB = { applicationId: '', activityId: '', markers: ['zq-beta-gdpr-app', 'zq-beta-app-host', '10.2.9.9', 'zq-beta-processing'] };

async function buildGdprOfB(admin: ApiClient, anon: ApiClient): Promise<void> {
  const app = await admin.post('/api/v1/applications', {
    name: 'zq-beta-gdpr-app',
    members: [B],
    hosts: [{ hostname: 'zq-beta-app-host', ip: '10.2.9.9' }],
    dataCategories: [{ code: 'identity' }],
  });
  expect(app.status).toBe(201);
  const refB = await anon.login('ref-beta', USER_PASSWORD);
  const act = await refB.post(`/api/v1/members/${B}/processing-activities`, { name: 'zq-beta-processing', applicationIds: [app.body.id] });
  expect(act.status).toBe(201);
  Object.assign(gdprB, { applicationId: app.body.id, activityId: act.body.id });
}

/** Member B's alert (published on siem.alerts.v1 and sunk), exception and notification channel. */
const alertsB = { alertId: '', exceptionId: '', channelId: '', markers: ['zq-beta-alert-rule', 'zq-beta-alert-host', 'zq-beta-exception-reason', 'zq-beta-channel'] };

async function buildAlertsOfB(t: TestApp, admin: ApiClient): Promise<void> {
  Object.assign(alertsB, { alertId: '', exceptionId: '', channelId: '' });
  alertsB.markers.splice(4);
  const now = new Date().toISOString();
  const alert = {
    alertKey: `zq-beta-alert-rule:beta|zq-beta-alert-host:${now}`,
    status: 'new',
    kind: 'match',
    rule: { id: 'zq-beta-alert-rule', title: 'zq-beta-alert-rule', level: 'high', tags: [] },
    groupKey: 'beta|zq-beta-alert-host',
    groupValues: { 'organization.id': B, 'host.name': 'zq-beta-alert-host' },
    firstSeen: now,
    lastSeen: now,
    count: 1,
    sampleEventIds: ['tenancy-evt-b1'],
    members: [B],
    at: now,
  };
  await t.app.get(EventBus).publish(Topics.alerts, [{ key: 'zq-beta-alert-rule|beta', value: JSON.stringify(alert) }]);
  for (let i = 0; i < 200 && !alertsB.alertId; i++) {
    const r = await admin.get('/api/v1/alerts?rule=zq-beta-alert-rule');
    alertsB.alertId = r.body.items?.[0]?.id ?? '';
    if (!alertsB.alertId) await new Promise((res) => setTimeout(res, 50));
  }
  expect(alertsB.alertId).not.toBe('');
  const ex = await admin.post('/api/v1/exceptions', {
    fromAlertId: alertsB.alertId,
    host: 'zq-beta-alert-host',
    reason: 'zq-beta-exception-reason',
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  expect(ex.status).toBe(201);
  const ch = await admin.post('/api/v1/notification-channels', { name: 'zq-beta-channel', kind: 'webhook', url: 'http://127.0.0.1:9/zq-beta-hook', members: [B] });
  expect(ch.status).toBe(201);
  Object.assign(alertsB, { exceptionId: ex.body.id, channelId: ch.body.id });
  alertsB.markers.push(alertsB.alertId, alertsB.exceptionId, alertsB.channelId);
}

/** Member B's incident (derived from B's application), its timeline entry, evidence, breach workflow and corrective action. */
const ismsB = { incidentId: '', evidenceId: '', actionId: '', markers: ['zq-beta-incident', 'zq-beta-incident-host', 'zq-beta-alert-link', 'zq-beta-timeline-entry', 'zq-beta-evidence.txt', 'zq-beta-breach-nature', 'zq-beta-notice', 'zq-beta-action'] };

async function buildIsmsOfB(admin: ApiClient): Promise<void> {
  ismsB.markers.splice(8);
  const inc = await admin.post('/api/v1/incidents', {
    title: 'zq-beta-incident',
    source: 'alert',
    category: 'data_leak',
    hosts: ['zq-beta-incident-host'],
    alerts: ['zq-beta-alert-link'],
    applications: [gdprB.applicationId],
  });
  expect(inc.status).toBe(201);
  expect(inc.body.members.map((m: { member: string }) => m.member)).toEqual([B]);
  const id = inc.body.id;
  expect((await admin.post(`/api/v1/incidents/${id}/timeline`, { kind: 'observation', body: 'zq-beta-timeline-entry' })).status).toBe(201);
  const ev = await admin.post(`/api/v1/incidents/${id}/evidence`, { filename: 'zq-beta-evidence.txt', contentBase64: Buffer.from('zq').toString('base64') });
  expect(ev.status).toBe(201);
  expect((await admin.post(`/api/v1/incidents/${id}/breach`, { consortiumAwareAt: new Date().toISOString(), nature: 'zq-beta-breach-nature' })).status).toBe(201);
  expect((await admin.post(`/api/v1/incidents/${id}/breach/notices`, { member: B, sentAt: new Date().toISOString(), content: 'zq-beta-notice' })).status).toBe(201);
  expect((await admin.post(`/api/v1/incidents/${id}/breach/risk-assessment`, { risk: 'high', rationale: 'zq-beta-breach-nature' })).status).toBe(200);
  const act = await admin.post('/api/v1/corrective-actions', { source: 'incident', incident: id, title: 'zq-beta-action', nonconformity: 'zq-beta-action', action: 'zq-beta-action', owner: 'zq-beta-action', dueDate: '2020-01-01' });
  expect(act.status).toBe(201);
  Object.assign(ismsB, { incidentId: id, evidenceId: ev.body.id, actionId: act.body.id });
  ismsB.markers.push(id, inc.body.reference, ev.body.id, act.body.id);
}

/** An evidence export of member B, made by an admin (jobs are visible to their creator and admins only). */
const evidenceB = { exportId: '', markers: [] as string[] };

async function buildEvidenceOfB(admin: ApiClient): Promise<void> {
  const r = await admin.post('/api/v1/evidence/exports', { from: '2020-01-01', to: '2099-01-01', member: B });
  expect(r.status).toBe(202);
  evidenceB.exportId = r.body.id;
  evidenceB.markers = [r.body.id];
}

async function buildWorld(overrides: Record<string, unknown>): Promise<World> {
  process.env.VIGIE_ADMIN_PASSWORD = ADMIN_PASSWORD;
  const t = await startEmbeddedApp(overrides);
  const anon = new ApiClient(t.baseUrl);
  const admin = await anon.login('admin', ADMIN_PASSWORD);
  for (const [code, name] of [
    [A, 'Ville Alpha'],
    [B, 'Office Beta Habitat'],
  ]) {
    const r = await admin.post('/api/v1/members', { code, name, type: 'city', networks: [code === A ? '10.1.0.0/16' : '10.2.0.0/16'] });
    expect(r.status).toBe(201);
  }
  const mk = async (username: string, roles: string[], memberScopes: string[] = []) => {
    const r = await admin.post('/api/v1/users', { username, password: USER_PASSWORD, roles, memberScopes });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  await mk('ref-alpha', ['referent'], [A]);
  const userB = await mk('ref-beta', ['referent'], [B]);
  await mk('auditor', ['auditor']);
  const keyB = await admin.post('/api/v1/api-keys', { member: B, name: 'beta-shipper-secret-name' });
  expect(keyB.status).toBe(201);
  // Events of B (marked) and of A, half an hour old: inside every default window of the event routes.
  const at = new Date(Date.now() - 30 * 60_000).toISOString();
  const eventOf = (id: string, member: string, host: string, user: string, ip: string) => ({
    id,
    member,
    timestamp: at,
    doc: { '@timestamp': at, message: `Failed password for ${user} from ${ip}`, host: { hostname: host }, user: { name: user }, source: { ip } },
  });
  const store = t.app.get(EventStore);
  const seeded = await store.bulkWrite([
    eventOf('tenancy-evt-b1', B, 'zq-beta-vault-host', 'zq-beta-treasurer', '10.2.0.77'),
    eventOf('tenancy-evt-a1', A, 'alpha-web', 'root', '10.1.0.5'),
  ]);
  expect(seeded.rejected).toEqual([]);
  await store.refresh();
  await buildGdprOfB(admin, anon);
  await buildAlertsOfB(t, admin);
  await buildIsmsOfB(admin);
  await buildEvidenceOfB(admin);
  return {
    t,
    admin,
    refA: await anon.login('ref-alpha', USER_PASSWORD),
    auditor: await anon.login('auditor', USER_PASSWORD),
    b: { member: B, apiKeyId: keyB.body.id, userId: userB, markers: [B, 'Office Beta Habitat', keyB.body.id, 'beta-shipper-secret-name', '10.2.0.0/16', 'tenancy-evt-b1', 'zq-beta-vault-host', 'zq-beta-treasurer', '10.2.0.77', ...gdprB.markers, ...alertsB.markers, ...ismsB.markers, ...evidenceB.markers] },
  };
}

/** B's object for each path parameter, per controller. */
function fillPath(route: RouteInfo, w: World): string {
  return route.path.replace(/:(\w+)/g, (_, name: string) => {
    if (name === 'member') return w.b.member;
    // Framework controls are shared by all members; a referent may not write them.
    if (name === 'framework' && route.controller === 'ControlStatementsController') return 'anssi-hygiene';
    if (name === 'control' && route.controller === 'ControlStatementsController') return '36';
    if (name === 'id' && route.controller === 'ApiKeysController') return w.b.apiKeyId;
    if (name === 'id' && route.controller === 'UsersController') return w.b.userId;
    if (name === 'id' && route.controller === 'RulesController') return GLOBAL_RULE;
    if (name === 'id' && route.controller === 'AlertsController') return alertsB.alertId;
    if (name === 'id' && route.controller === 'ExceptionsController') return alertsB.exceptionId;
    if (name === 'id' && route.controller === 'NotificationChannelsController') return alertsB.channelId;
    if (name === 'id' && route.controller === 'ApplicationsController') return gdprB.applicationId;
    if (name === 'host' && route.controller === 'ApplicationsController') return 'zq-beta-app-host';
    if (name === 'id' && route.controller === 'ProcessingActivitiesController') return gdprB.activityId;
    if (name === 'version' && route.controller === 'ProcessingActivitiesController') return '1';
    if (name === 'id' && ['IncidentsController', 'TimelineController', 'BreachesController', 'IncidentReportsController'].includes(route.controller)) return ismsB.incidentId;
    if (name === 'kind' && route.controller === 'IncidentsController') return 'alerts';
    if (name === 'ref' && route.controller === 'IncidentsController') return 'zq-beta-alert-link';
    if (name === 'evidenceId' && route.controller === 'TimelineController') return ismsB.evidenceId;
    if (name === 'id' && route.controller === 'CorrectiveActionsController') return ismsB.actionId;
    if (name === 'id' && route.controller === 'EvidenceController') return evidenceB.exportId;
    throw new Error(`tenancy suite: no fixture of member B for :${name} in ${route.method} ${route.path} (${route.controller}); add one`);
  });
}

/** Bodies aimed at member B for routes that create things without a B parameter in the path. */
const BODIES: Record<string, (w: World) => unknown> = {
  'POST /api/v1/members': () => ({ code: 'gamma', name: 'Gamma', type: 'city' }),
  'POST /api/v1/users': () => ({ username: 'intruder', password: USER_PASSWORD, roles: ['referent'], memberScopes: [B] }),
  'POST /api/v1/api-keys': (w) => ({ member: w.b.member, name: 'intrusion' }),
  // Member API keys only: a user's token is refused (401) before the body is read.
  'POST /api/v1/ingest': (w) => ({ message: '<38>1 2026-01-01T00:00:00Z zq-beta-vault-host sshd 1 - - intrusion', member: w.b.member }),
  'POST /api/v1/rules/test': (w) => ({
    rule: 'title: t\nlogsource: {product: linux}\ndetection:\n  sel: {host.hostname: zq-beta-vault-host}\n  condition: sel\n',
    events: ['<38>1 2026-01-01T00:00:00Z zq-beta-vault-host sshd 1 - - Failed password for zq-beta-treasurer from 10.2.0.77 port 1 ssh2'],
    member: w.b.member,
  }),
  'POST /api/v1/applications': () => ({ name: 'zq-intrusion-app', members: [B] }),
  'POST /api/v1/members/:member/processing-activities': () => ({ name: 'zq-intrusion-processing' }),
  'POST /api/v1/alerts/bulk': () => ({ ids: [alertsB.alertId], change: { status: 'closed', closeReason: 'benign_positive', comment: 'intrusion' } }),
  'POST /api/v1/exceptions': () => ({ ruleId: 'zq-beta-alert-rule', member: B, reason: 'intrusion', expiresAt: new Date(Date.now() + 86_400_000).toISOString() }),
  'POST /api/v1/incidents': () => ({ title: 'zq-intrusion-incident', source: 'other', category: 'other', members: [B] }),
  'POST /api/v1/corrective-actions': () => ({ source: 'audit', member: B, title: 'zq-intrusion-action', nonconformity: 'intrusion', action: 'intrusion', owner: 'intruder' }),
  'POST /api/v1/evidence/exports': () => ({ from: '2020-01-01', to: '2099-01-01', member: B }),
  'POST /api/v1/notification-channels': () => ({ name: 'zq-intrusion-channel', kind: 'webhook', url: 'http://127.0.0.1:9/x', members: [B] }),
};

/** Reads of global objects (no member data) that a referent may make with a path parameter. */
const GLOBAL_READS = new Set(['GET /api/v1/rules/:id']);

/** Routes that concern the caller only (their own session), not member data. */
/** Writes an auditor may make: generating evidence bundles (read-only on the data). */
const AUDITOR_WRITES = new Set(['POST /api/v1/evidence/exports']);

const SELF_ROUTES = new Set(['POST /api/v1/auth/logout', 'GET /api/v1/auth/me', 'POST /api/v1/auth/password']);

function tenancySuite(overrides: () => Record<string, unknown>): void {
  let w: World;
  let routes: RouteInfo[];
  beforeAll(async () => {
    w = await buildWorld(overrides());
    routes = w.t.app.get(RouteAccessAuditor).routes();
  });
  afterAll(() => w?.t.close());

  it('finds the routes, each with an access rule', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => !r.access)).toEqual([]);
  });

  it('never gives a referent of A any data of B, through any route', async () => {
    let covered = 0;
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      if (route.access?.kind === 'public' || SELF_ROUTES.has(key)) continue;
      const path = fillPath(route, w);
      const hasParam = path !== route.path;
      let body: unknown;
      if (route.method !== 'GET' && route.method !== 'DELETE') {
        if (!hasParam && !BODIES[key]) throw new Error(`tenancy suite: no member-B body for ${key}; add one to BODIES`);
        body = BODIES[key]?.(w) ?? {};
      }
      const r = await w.refA.request(route.method, path, body);
      // An error may echo what the caller sent (the path); anything else of B is a leak.
      let text = JSON.stringify(r.body ?? '');
      if (r.status >= 400) {
        const sent = [...path.split('/'), ...(JSON.stringify(body ?? {}).match(/"[^"]*"/g) ?? []).map((q) => q.slice(1, -1))];
        for (const v of sent) if (v) text = text.split(v).join('');
      }
      if (route.access?.kind === 'apiKey') {
        // Machine routes take a member API key, never a user's bearer token.
        expect({ key, status: r.status }).toEqual({ key, status: 401 });
      } else if ((hasParam && !GLOBAL_READS.has(key)) || route.method !== 'GET') {
        expect({ key, status: [403, 404].includes(r.status) ? '403/404' : r.status }).toEqual({ key, status: '403/404' });
      } else {
        expect({ key, status: [200, 403, 404].includes(r.status) ? 'ok' : r.status }).toEqual({ key, status: 'ok' });
      }
      for (const marker of w.b.markers) expect({ key, leaks: text.includes(marker) ? marker : null }).toEqual({ key, leaks: null });
      covered++;
    }
    // eslint-disable-next-line no-console
    console.log(`tenancy: ${covered} routes called as a referent of ${A} against ${B}'s objects`);
    expect(covered).toBeGreaterThan(8);
  });

  it('refuses every write of an auditor', async () => {
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      if (route.method === 'GET' || route.access?.kind === 'public' || SELF_ROUTES.has(key) || AUDITOR_WRITES.has(key) || route.access?.kind === 'apiKey') continue;
      const r = await w.auditor.request(route.method, fillPath(route, w), BODIES[key]?.(w) ?? {});
      expect({ key, status: r.status }).toEqual({ key, status: 403 });
    }
  });

  it('leaves B untouched and the audit trail intact', async () => {
    const keys = await w.admin.get('/api/v1/api-keys');
    const kb = keys.body.find((k: { id: string }) => k.id === w.b.apiKeyId);
    expect(kb.revokedAt).toBeNull();
    const users = await w.admin.get('/api/v1/users');
    expect(users.body.map((u: { username: string }) => u.username)).not.toContain('intruder');
    const members = await w.admin.get('/api/v1/members');
    expect(members.body.map((m: { code: string }) => m.code)).not.toContain('gamma');
    const alertB = await w.admin.get(`/api/v1/alerts/${alertsB.alertId}`);
    expect([alertB.body.status, alertB.body.history.length]).toEqual(['open', 2]);
    const exB = await w.admin.get(`/api/v1/exceptions/${alertsB.exceptionId}`);
    expect([exB.body.active, exB.body.reason]).toEqual([true, 'zq-beta-exception-reason']);
    const channels = await w.admin.get('/api/v1/notification-channels');
    expect(channels.body.map((c: { name: string }) => c.name).sort()).toEqual(['zq-beta-channel']);
    const refAudit = await w.refA.get('/api/v1/audit?limit=1000');
    expect(refAudit.status).toBe(200);
    expect(refAudit.body.records.every((r: { member: string | null }) => r.member === A)).toBe(true);
  });

  it('lets a referent read the global detection rules but not switch them', async () => {
    expect((await w.refA.get(`/api/v1/rules/${GLOBAL_RULE}`)).status).toBe(200);
    expect((await w.refA.patch(`/api/v1/rules/${GLOBAL_RULE}`, { enabled: false })).status).toBe(403);
    expect((await w.admin.get(`/api/v1/rules/${GLOBAL_RULE}`)).body.enabled).toBe(true);
  });

  it('lets an API key of A send only events of A, whatever the body names', async () => {
    const keyA = await w.admin.post('/api/v1/api-keys', { member: A, name: 'alpha-shipper' });
    expect(keyA.status).toBe(201);
    const seen: RawEnvelope[] = [];
    const sub = await w.t.app.get(EventBus).subscribe({
      groupId: 'tenancy-ingest',
      topics: [Topics.raw],
      fromBeginning: false,
      handler: async (batch) => {
        for (const m of batch) seen.push(JSON.parse(m.value) as RawEnvelope);
      },
    });
    try {
      const line = (n: number) => `<38>1 2026-01-01T00:00:0${n}Z zq-beta-vault-host sshd 1 - - Failed password for zq-beta-treasurer from 10.2.0.77 port ${n} ssh2`;
      const shipper = new ApiClient(w.t.baseUrl).withHeaders({ 'x-api-key': keyA.body.key });
      const json = await shipper.post('/api/v1/ingest', [{ message: line(1), member: B }, { message: line(2), organization: { id: B, name: 'Office Beta Habitat' } }]);
      expect([json.status, json.body]).toEqual([202, { accepted: 2 }]);
      const ndjson = await fetch(`${w.t.baseUrl}/api/v1/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', 'x-api-key': keyA.body.key },
        body: JSON.stringify({ message: line(3), member: B }),
      });
      expect(ndjson.status).toBe(202);
      for (let i = 0; i < 500 && seen.length < 3; i++) await new Promise((r) => setTimeout(r, 10));
      expect(seen.map((e) => [e.transport, e.member])).toEqual([
        ['http', A],
        ['http', A],
        ['http', A],
      ]);
    } finally {
      await sub.stop();
    }
  });

  it('lists for a referent only their own member', async () => {
    const r = await w.refA.get('/api/v1/members');
    expect(r.body.map((m: { code: string }) => m.code)).toEqual([A]);
  });
}

describe('tenancy on PGlite (embedded)', () => {
  tenancySuite(() => ({}));
});

describeWithServices(['postgres'], 'tenancy on PostgreSQL', () => {
  const db = `vigie_e2e_${randomUUID().slice(0, 8)}`;
  const adminUrl = postgresTestUrl().replace(/\/[^/]*$/, '/postgres');
  beforeAll(async () => {
    const c = new Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`CREATE DATABASE ${db}`);
    await c.end();
  });
  afterAll(async () => {
    const c = new Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await c.end();
  });
  tenancySuite(() => ({ 'database.driver': 'postgres', 'database.url': postgresTestUrl().replace(/\/[^/]*$/, `/${db}`) }));
});
