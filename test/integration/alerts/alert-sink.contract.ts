import { AuditTrail } from '@vigie/audit';
import { EventStore } from '@vigie/event-store';
import { BreachesService } from '@vigie/registry/breaches/breaches.service';
import { Metrics } from '@vigie/observability';
import { AlertSinkConsumer } from '@vigie/registry/alerts/alert-sink.consumer';
import { ADMIN_PASSWORD, ApiClient, startEmbeddedApp, TestApp } from '@vigie/testing';
import { DataSource } from 'typeorm';
import { alertMessage, busMessage } from './alert-messages';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** The alert sink's deduplication, reopening and suppression, driven message by message. */
export function alertSinkContract(overrides: () => Record<string, unknown>): void {
  let t: TestApp;
  let admin: ApiClient;
  let sink: AlertSinkConsumer;
  let db: DataSource;
  let n = 0;
  /** A fresh rule and group per test, so that tests do not see each other's alerts. */
  const fresh = () => {
    n++;
    const groupKey = `ivry|srv-${n}|203.0.113.${n}`;
    return {
      rule: { id: `rule-${n}`, title: `Rule ${n}`, level: 'high' as const, tags: [] },
      groupKey,
      groupValues: { 'organization.id': 'ivry', Hostname: `srv-${n}`, 'source.ip': `203.0.113.${n}` },
    };
  };
  const alertsOf = async (ruleId: string) =>
    (await admin.get(`/api/v1/alerts?rule=${ruleId}&limit=100`)).body.items as Array<{
      id: string;
      count: number;
      status: string;
      members: string[];
    }>;
  const detail = async (id: string) => (await admin.get(`/api/v1/alerts/${id}`)).body;

  beforeAll(async () => {
    process.env.VIGIE_ADMIN_PASSWORD = ADMIN_PASSWORD;
    t = await startEmbeddedApp({
      'alerts.dedupWindowSeconds': 3600,
      'alerts.reopenWithinSeconds': 86400,
      ...overrides(),
    });
    admin = await new ApiClient(t.baseUrl).login('admin', ADMIN_PASSWORD);
    for (const code of ['ivry', 'vitry'])
      expect((await admin.post('/api/v1/members', { code, name: `Ville ${code}`, type: 'city' })).status).toBe(201);
    sink = t.app.get(AlertSinkConsumer);
    db = t.app.get(DataSource);
  });
  afterAll(() => t?.close());

  it('creates one alert per key and adds the growth of its updates, ignoring redeliveries', async () => {
    const g = fresh();
    const first = alertMessage({ ...g, alertKey: `${g.rule.id}:k1`, count: 5 });
    const update = {
      ...first,
      status: 'update' as const,
      count: 7,
      lastSeen: iso(Date.parse(first.lastSeen) + 1000),
      sampleEventIds: ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7'],
    };
    await sink.handle([busMessage(first), busMessage(update)]);
    await sink.handle([busMessage(first), busMessage(update)]); // redelivered batch
    const [a, ...rest] = await alertsOf(g.rule.id);
    expect(rest).toEqual([]);
    expect(a).toMatchObject({
      count: 7,
      status: 'open',
      members: ['ivry'],
      hosts: [`srv-${n}`],
      sampleEventIds: ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7'],
    });
    const d = await detail(a.id);
    expect(
      d.history.map((h: { action: string; from: string | null; to: string | null }) => [h.action, h.from, h.to]),
    ).toEqual([
      ['created', null, 'open'],
      ['events_added', '5', '7'],
    ]);
  });

  it('folds a new key of the same rule and group into the open alert within the window', async () => {
    const g = fresh();
    const t0 = Date.now() - HOUR / 2;
    await sink.handle([
      busMessage(
        alertMessage({
          ...g,
          alertKey: 'w1',
          count: 5,
          firstSeen: iso(t0),
          lastSeen: iso(t0 + 1000),
          sampleEventIds: ['a1', 'a2'],
        }),
      ),
    ]);
    await sink.handle([
      busMessage(
        alertMessage({
          ...g,
          alertKey: 'w2',
          count: 3,
          firstSeen: iso(t0 + 20 * 60_000),
          lastSeen: iso(t0 + 21 * 60_000),
          sampleEventIds: ['a2', 'b1'],
        }),
      ),
    ]);
    const list = await alertsOf(g.rule.id);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      count: 8,
      firstSeen: iso(t0),
      lastSeen: iso(t0 + 21 * 60_000),
      sampleEventIds: ['a1', 'a2', 'b1'],
    });
    // beyond the dedup window (1 h after the alert's last event): a new alert
    await sink.handle([
      busMessage(
        alertMessage({ ...g, alertKey: 'w3', count: 4, firstSeen: iso(t0 + 2 * HOUR), lastSeen: iso(t0 + 2 * HOUR) }),
      ),
    ]);
    expect((await alertsOf(g.rule.id)).map((a) => a.count).sort()).toEqual([4, 8]);
  });

  it('gathers single-event matches of one rule and host into one alert', async () => {
    const g = fresh();
    const msgs = ['m1', 'm2', 'm3'].map((id) =>
      busMessage(
        alertMessage({
          ...g,
          kind: 'match',
          alertKey: `${g.rule.id}:${g.groupKey}:${id}`,
          count: 1,
          sampleEventIds: [id],
        }),
      ),
    );
    await sink.handle(msgs);
    const list = await alertsOf(g.rule.id);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ count: 3, kind: 'match', sampleEventIds: ['m1', 'm2', 'm3'] });
  });

  it('reopens an alert closed less than reopenWithinSeconds ago, with a note; opens a new one after that', async () => {
    const g = fresh();
    await sink.handle([busMessage(alertMessage({ ...g, alertKey: 'r1', count: 5 }))]);
    const [a] = await alertsOf(g.rule.id);
    const closed = await admin.patch(`/api/v1/alerts/${a.id}`, {
      status: 'closed',
      closeReason: 'benign_positive',
      comment: 'admin script',
    });
    expect(closed.status).toBe(200);
    await sink.handle([busMessage(alertMessage({ ...g, alertKey: 'r2', count: 2 }))]);
    const reopened = await detail(a.id);
    expect(reopened).toMatchObject({ status: 'open', count: 7, reopenCount: 1, closeReason: null, closedAt: null });
    const note = reopened.history.find((h: { action: string }) => h.action === 'reopened');
    expect(note).toMatchObject({ actor: 'vigie-alert-sink', from: 'closed', to: 'open' });
    expect(note.comment).toContain('benign_positive');
    expect(note.comment).toContain('admin script');
    // closed long ago: a new alert
    await admin.patch(`/api/v1/alerts/${a.id}`, { status: 'closed', closeReason: 'true_positive', comment: 'handled' });
    await db.query(`UPDATE vigie_alerts SET closed_at = now() - interval '3 days' WHERE id = $1`, [a.id]);
    await sink.handle([busMessage(alertMessage({ ...g, alertKey: 'r3', count: 1 }))]);
    const list = await alertsOf(g.rule.id);
    expect(list.map((x) => [x.status, x.count]).sort()).toEqual([
      ['closed', 7],
      ['open', 1],
    ]);
  });

  it('records matches of an active exception as suppressed, counts them once, and stops when it expires', async () => {
    const g = fresh();
    const ex = await admin.post('/api/v1/exceptions', {
      ruleId: g.rule.id,
      member: 'ivry',
      sourceIp: '203.0.113.0/24',
      reason: 'Authorised scanner',
      expiresAt: iso(Date.now() + 24 * HOUR),
    });
    expect(ex.status).toBe(201);
    const m1 = alertMessage({ ...g, alertKey: 's1', count: 5 });
    const m2 = { ...m1, status: 'update' as const, count: 9 };
    await sink.handle([busMessage(m1), busMessage(m2)]);
    await sink.handle([busMessage(m2)]); // redelivery: not counted twice
    expect(await alertsOf(g.rule.id)).toEqual([]);
    const seen = (await admin.get(`/api/v1/exceptions/${ex.body.id}`)).body;
    expect(seen.suppressed).toMatchObject({ alerts: 1, matches: 9 });
    // a cross-member alert is not silenced by one member's exception
    await sink.handle([busMessage(alertMessage({ ...g, alertKey: 's2', members: ['ivry', 'vitry'], count: 2 }))]);
    expect((await alertsOf(g.rule.id)).map((a) => a.members)).toEqual([['ivry', 'vitry']]);
    // expired: the next growth of the suppressed key brings its new events only (3), into the open alert of the group
    await db.query(`UPDATE vigie_alert_exceptions SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      ex.body.id,
    ]);
    await sink.handle([busMessage({ ...m2, count: 12 })]);
    const list = await alertsOf(g.rule.id);
    expect(list.map((a) => a.count)).toEqual([5]);
    const after = (await admin.get(`/api/v1/exceptions/${ex.body.id}`)).body;
    expect(after).toMatchObject({ active: false, suppressed: { alerts: 1, matches: 9 } });
    expect((await admin.get('/api/v1/exceptions?active=true')).body.map((e: { id: string }) => e.id)).not.toContain(
      ex.body.id,
    );
  });

  it('applies Sigma-like match exceptions for every rule', async () => {
    const g = fresh();
    const ex = await admin.post('/api/v1/exceptions', {
      ruleId: null,
      match: { 'Hostname|startswith': `srv-${n}`, 'source.ip|cidr': '203.0.113.0/24' },
      reason: 'Lab hosts',
      expiresAt: iso(Date.now() + HOUR),
    });
    expect(ex.status).toBe(201);
    await sink.handle([busMessage(alertMessage({ ...g, alertKey: 'x1', count: 2 }))]);
    expect(await alertsOf(g.rule.id)).toEqual([]);
    const revoked = await admin.delete(`/api/v1/exceptions/${ex.body.id}`);
    expect(revoked.body).toMatchObject({ active: false, revokedBy: 'admin' });
    await sink.handle([busMessage(alertMessage({ ...g, alertKey: 'x2', count: 2 }))]);
    expect(await alertsOf(g.rule.id)).toHaveLength(1);
    const bad = await admin.post('/api/v1/exceptions', {
      ruleId: null,
      reason: 'everything',
      expiresAt: iso(Date.now() + HOUR),
    });
    expect(bad.status).toBe(422);
    expect(bad.body.fields[0].field).toBe('ruleId');
    const badMatch = await admin.post('/api/v1/exceptions', {
      ruleId: 'r',
      match: { 'a|re': 'x' },
      reason: 'regex',
      expiresAt: iso(Date.now() + HOUR),
    });
    expect(badMatch.status).toBe(422);
  });

  it('applies a Sigma filter on the event each message carries, counting only the suppressed events', async () => {
    const g = fresh();
    const event = (user: string) => ({
      event: { action: 'ssh_login', outcome: 'failure', module: 'sshd' },
      user: { name: user },
      source: { ip: `203.0.113.${n}` },
      host: { name: `srv-${n}` },
    });
    const t0 = Date.now() - 60_000;
    const msg = (count: number, user: string | undefined) =>
      alertMessage({
        ...g,
        alertKey: `${g.rule.id}:w1`,
        status: count === 5 ? 'new' : 'update',
        count,
        firstSeen: iso(t0),
        lastSeen: iso(t0 + count * 1000),
        ...(user ? { event: event(user) } : {}),
      });
    await sink.handle([busMessage(msg(5, 'root'))]);
    const [a] = await alertsOf(g.rule.id);
    expect(a.count).toBe(5);
    const invalid = await admin.post('/api/v1/exceptions', {
      fromAlertId: a.id,
      sigmaFilter: 'selection:\n  User|startswith: svc-\ncondition: selection or',
      reason: 'Backup account',
      expiresAt: iso(Date.now() + HOUR),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('invalid_sigma_filter');
    expect(invalid.body.fields).toEqual([{ field: 'sigmaFilter', problem: expect.any(String) }]);
    expect(invalid.body.fields[0].problem.length).toBeGreaterThan(3);
    const ex = await admin.post('/api/v1/exceptions', {
      fromAlertId: a.id,
      sigmaFilter: 'selection:\n  User|startswith: svc-\ncondition: selection',
      reason: 'Backup account',
      expiresAt: iso(Date.now() + HOUR),
    });
    expect(ex.status).toBe(201);
    expect(ex.body).toMatchObject({ ruleId: g.rule.id, member: 'ivry', sigmaFilter: expect.stringContaining('svc-') });
    const exceptionOf = async () => (await admin.get(`/api/v1/exceptions/${ex.body.id}`)).body;
    // 6: suppressed; 7: counted; 8, 9: suppressed (9 twice: redelivery); 10: counted; 11 without event: counted
    for (const [count, user] of [
      [6, 'svc-backup'],
      [7, 'root'],
      [8, 'svc-backup'],
      [9, 'svc-sync'],
      [9, 'svc-sync'],
      [10, 'admin'],
      [11, undefined],
    ] as const) {
      await sink.handle([busMessage(msg(count, user))]);
    }
    expect((await alertsOf(g.rule.id)).map((x) => x.count)).toEqual([8]);
    expect((await exceptionOf()).suppressed).toMatchObject({ alerts: 1, matches: 3 });
    const history = (await detail(a.id)).history.map((h: { action: string }) => h.action);
    expect(history).toContain('exception_created');
    // a later suppressed event after counted ones only adds itself
    await sink.handle([busMessage(msg(12, 'svc-backup'))]);
    expect((await exceptionOf()).suppressed.matches).toBe(4);
    expect((await alertsOf(g.rule.id)).map((x) => x.count)).toEqual([8]);
  });

  it('escalates in one transaction: a failure while opening the breach record leaves no incident behind', async () => {
    const g = fresh();
    await sink.handle([busMessage(alertMessage({ ...g, alertKey: 'atomic1', personalData: true }))]);
    const [a] = await alertsOf(g.rule.id);
    const incidentsBefore = (await admin.get('/api/v1/incidents')).body as Array<{ sourceRef: string | null }>;
    const breaches = t.app.get(BreachesService);
    const spy = jest.spyOn(breaches, 'open').mockRejectedValueOnce(new Error('breach store failure'));
    const failed = await admin.post(`/api/v1/alerts/${a.id}/escalate`, {});
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    expect(failed.status).toBe(500);
    const incidentsAfter = (await admin.get('/api/v1/incidents')).body as Array<{ sourceRef: string | null }>;
    expect(incidentsAfter).toHaveLength(incidentsBefore.length);
    expect(incidentsAfter.filter((i) => i.sourceRef === a.id)).toEqual([]);
    const d = await detail(a.id);
    expect(d).toMatchObject({ incidentId: null, status: 'open' });
    expect(d.history.map((h: { action: string }) => h.action)).not.toContain('escalated');
    const audit = await admin.get(`/api/v1/audit?entityType=alert&entityId=${a.id}&limit=100`);
    expect(audit.body.records.map((x: { action: string }) => x.action)).not.toContain('alert.escalated');
    // a failing audit record at the very end undoes the incident and its breach record as well
    const trail = t.app.get(AuditTrail);
    const record = trail.record.bind(trail);
    const auditSpy = jest.spyOn(trail, 'record').mockImplementation((entry, m) => {
      if (entry.action === 'alert.escalated') return Promise.reject(new Error('audit failure'));
      return record(entry, m);
    });
    const failedAgain = await admin.post(`/api/v1/alerts/${a.id}/escalate`, {});
    auditSpy.mockRestore();
    expect(failedAgain.status).toBe(500);
    expect((await admin.get('/api/v1/incidents')).body).toHaveLength(incidentsBefore.length);
    // and once nothing fails, everything is there: incident, breach record, link, history
    const ok = await admin.post(`/api/v1/alerts/${a.id}/escalate`, {});
    expect(ok.status).toBe(201);
    expect(ok.body.incident).toMatchObject({ sourceRef: a.id, personalDataSuspected: true });
    expect((await admin.get(`/api/v1/incidents/${ok.body.incident.id}/breach`)).status).toBe(200);
    expect((await detail(a.id)).history.map((h: { action: string }) => h.action)).toContain('escalated');
  });

  it('skips messages that are not alerts, and indexes alerts into the event store', async () => {
    const g = fresh();
    await sink.handle([
      busMessage('not json'),
      busMessage(JSON.stringify({ alertKey: 'x' })),
      busMessage(alertMessage({ ...g, alertKey: 'i1' })),
    ]);
    const [a] = await alertsOf(g.rule.id);
    const store = t.app.get(EventStore);
    await store.refresh();
    const page = await store.search({
      members: ['ivry'],
      filter: { op: 'term', field: 'event.kind', value: 'alert' },
      size: 500,
    });
    const doc = page.events.find((e) => e.id === a.id);
    expect(doc?.doc).toMatchObject({ rule: { id: g.rule.id }, vigie: { alert: { status: 'open', count: 5 } } });
    const text = await t.app.get(Metrics).registry.getSingleMetricAsString('vigie_alert_sink_invalid_total');
    expect(text).toMatch(/vigie_alert_sink_invalid_total [2-9]/);
  });

  it('escalates with members, hosts, application and the personal-data flag, and attaches to an existing incident', async () => {
    const g = fresh();
    await sink.handle([
      busMessage(
        alertMessage({
          ...g,
          alertKey: 'esc1',
          members: ['ivry', 'vitry'],
          application: { id: 'app-etat-civil', name: 'État civil' },
          personalData: true,
        }),
      ),
    ]);
    const [a] = await alertsOf(g.rule.id);
    const r = await admin.post(`/api/v1/alerts/${a.id}/escalate`, { category: 'data_leak' });
    expect(r.status).toBe(201);
    expect(r.body.incident).toMatchObject({
      source: 'alert',
      category: 'data_leak',
      personalDataSuspected: true,
      urgency: 'high',
    });
    expect(r.body.incident.links).toMatchObject({
      alerts: [a.id],
      hosts: [`srv-${n}`],
      applications: ['app-etat-civil'],
    });
    expect(r.body.incident.members.map((m: { member: string }) => m.member).sort()).toEqual(['ivry', 'vitry']);
    // a second alert attached to the same incident (by reference)
    const g2 = fresh();
    await sink.handle([busMessage(alertMessage({ ...g2, alertKey: 'esc2' }))]);
    const [b] = await alertsOf(g2.rule.id);
    const att = await admin.post(`/api/v1/alerts/${b.id}/escalate`, { incident: r.body.incident.reference });
    expect(att.status).toBe(201);
    expect(att.body.created).toBe(false);
    expect(att.body.incident.links.alerts.sort()).toEqual([a.id, b.id].sort());
    expect(att.body.alert).toMatchObject({ incidentId: r.body.incident.id, status: 'in_progress' });
    const unknown = await admin.post(`/api/v1/alerts/${b.id}/escalate`, { incident: 'INC-1999-999' });
    expect(unknown.status).toBe(404);
  });

  it('computes TTA/TTC percentiles and the false-positive rate per rule', async () => {
    const g = fresh();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      await sink.handle([
        busMessage(alertMessage({ ...g, groupKey: `${g.groupKey}-${i}`, alertKey: `p${i}`, count: 1 })),
      ]);
    }
    for (const a of await alertsOf(g.rule.id)) ids.push(a.id);
    expect(ids).toHaveLength(4);
    for (const [i, id] of ids.entries()) {
      const reason = i < 3 ? 'false_positive' : 'true_positive';
      await admin.patch(`/api/v1/alerts/${id}`, { status: 'closed', closeReason: reason, comment: 'c' });
      // acknowledged (i+1) minutes and closed 2(i+1) minutes after opening
      await db.query(
        `UPDATE vigie_alerts SET created_at = now() - interval '1 hour',
           acknowledged_at = now() - interval '1 hour' + make_interval(mins => $2),
           closed_at = now() - interval '1 hour' + make_interval(mins => $3) WHERE id = $1`,
        [id, i + 1, 2 * (i + 1)],
      );
    }
    const s = (
      await admin.get(`/api/v1/alerts/stats?from=${iso(Date.now() - 2 * HOUR)}&to=${iso(Date.now() - HOUR / 2)}`)
    ).body;
    expect(s.timeToAcknowledge).toEqual({ count: 4, p50Seconds: 150, p90Seconds: 222 });
    expect(s.timeToClose).toEqual({ count: 4, p50Seconds: 300, p90Seconds: 444 });
    expect(s.falsePositiveRate).toEqual([
      { ruleId: g.rule.id, ruleTitle: g.rule.title, closed: 4, falsePositive: 3, rate: 0.75 },
    ]);
    expect(s.byLevel).toEqual({ high: 4 });
    expect(s.byMember).toEqual([{ member: 'ivry', count: 4 }]);
    expect(s.perDay.reduce((sum: number, d: { count: number }) => sum + d.count, 0)).toBe(4);
  });
}
