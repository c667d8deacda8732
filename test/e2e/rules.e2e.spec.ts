import { createSocket } from 'node:dgram';
import { BusMessage, EventBus } from '@vigie/bus';
import { AlertMessage, Topics } from '@vigie/contracts';
import { ADMIN_PASSWORD, ApiClient, startEmbeddedApp, TestApp, USER_PASSWORD } from '@vigie/testing';

const SSH_BRUTE_FORCE = '38f9af8f-e95b-4df7-930b-418f801a05f5';
const SSH_AUTH_FAILURE = 'fd9100f9-e344-4141-b0d0-9993fbfcb8a7';
const SYNC_MS = 200;

function sshFailure(host: string, attacker: string, i: number): string {
  return `<38>1 ${new Date().toISOString()} ${host} sshd ${4200 + i} - - Failed password for root from ${attacker} port ${50000 + i} ssh2`;
}

async function waitFor<T>(fn: () => Promise<T | undefined> | T | undefined, ms = 5000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('rules API (embedded)', () => {
  let t: TestApp;
  let admin: ApiClient;
  let rssi: ApiClient;
  let referent: ApiClient;
  let auditor: ApiClient;
  const alerts: AlertMessage[] = [];

  async function bruteForce(host: string, attacker: string, n = 5): Promise<void> {
    const udp = createSocket('udp4');
    for (let i = 0; i < n; i++) {
      await new Promise<void>((r) => udp.send(sshFailure(host, attacker, i), t.syslogPort, '127.0.0.1', () => r()));
    }
    udp.close();
  }
  const alertFor = (attacker: string) =>
    alerts.find((a) => a.rule.id === SSH_BRUTE_FORCE && a.groupValues['source.ip'] === attacker);

  beforeAll(async () => {
    process.env.VIGIE_ADMIN_PASSWORD = ADMIN_PASSWORD;
    t = await startEmbeddedApp({ 'detection.ruleSyncIntervalMs': SYNC_MS });
    const anon = new ApiClient(t.baseUrl);
    admin = await anon.login('admin', ADMIN_PASSWORD);
    expect((await admin.post('/api/v1/members', { code: 'ivry', name: 'Ivry-sur-Seine', type: 'city' })).status).toBe(
      201,
    );
    for (const [username, roles, memberScopes] of [
      ['rssi', ['rssi'], []],
      ['ref-ivry', ['referent'], ['ivry']],
      ['auditor', ['auditor'], []],
    ] as const) {
      const r = await admin.post('/api/v1/users', { username, password: USER_PASSWORD, roles, memberScopes });
      expect(r.status).toBe(201);
    }
    rssi = await anon.login('rssi', USER_PASSWORD);
    referent = await anon.login('ref-ivry', USER_PASSWORD);
    auditor = await anon.login('auditor', USER_PASSWORD);
    await t.app.get(EventBus).subscribe({
      groupId: 'e2e-rules-alerts',
      topics: [Topics.alerts],
      handler: async (batch: BusMessage[]) => {
        for (const m of batch) alerts.push(JSON.parse(m.value) as AlertMessage);
      },
    });
  });
  afterAll(() => t?.close());

  it('lists the rules the detector loaded, with status, enabled flag and counts, for every reader', async () => {
    const r = await referent.get('/api/v1/rules');
    expect(r.status).toBe(200);
    expect(r.body.total).toBeGreaterThanOrEqual(15);
    expect(r.body.rules).toHaveLength(r.body.total);
    expect(r.body.counts).toMatchObject({ total: r.body.total, invalid: 0, disabled: 0 });
    const brute = r.body.rules.find((x: { id: string }) => x.id === SSH_BRUTE_FORCE);
    expect(brute).toMatchObject({
      title: 'Force brute SSH',
      kind: 'correlation',
      level: 'medium',
      status: 'ok',
      reason: null,
      enabled: true,
      loaded: true,
      hitCount: 0,
      lastHitAt: null,
      tags: ['attack.credential-access', 'attack.t1110.001'],
    });
    expect(brute.sourcePath).toMatch(/config\/rules\/linux\/ssh_brute_force\.yml$/);
    expect((await auditor.get(`/api/v1/rules/${SSH_BRUTE_FORCE}`)).body.id).toBe(SSH_BRUTE_FORCE);
    expect((await referent.get('/api/v1/rules/no-such-rule')).status).toBe(404);
  });

  it('filters by level, status, tag, kind and text', async () => {
    const ids = async (qs: string) => {
      const r = await admin.get(`/api/v1/rules?${qs}`);
      expect(r.status).toBe(200);
      return r.body.rules.map((x: { id: string }) => x.id) as string[];
    };
    const medium = await admin.get('/api/v1/rules?level=medium');
    expect(medium.body.rules.every((x: { level: string }) => x.level === 'medium')).toBe(true);
    expect(medium.body.rules.length).toBeGreaterThan(0);
    expect(await ids('tag=ATTACK.T1110.001')).toContain(SSH_BRUTE_FORCE);
    expect(await ids('tag=attack.t1110.001')).not.toContain(SSH_AUTH_FAILURE);
    expect(await ids('q=force%20brute')).toContain(SSH_BRUTE_FORCE);
    expect(await ids('q=%25')).toEqual([]);
    expect(await ids('status=invalid')).toEqual([]);
    const kinds = await admin.get('/api/v1/rules?kind=correlation&limit=2');
    expect(kinds.body.rules).toHaveLength(2);
    expect(kinds.body.total).toBeGreaterThan(2);
    expect((await admin.get('/api/v1/rules?level=severe')).status).toBe(400);
  });

  it('counts hits, and stops alerting on a disabled rule within the sync interval, then again when enabled', async () => {
    await bruteForce('srv-rules-1', '198.51.100.31');
    await waitFor(() => alertFor('198.51.100.31'));
    const hit = await waitFor(async () => {
      const r = await admin.get(`/api/v1/rules/${SSH_BRUTE_FORCE}`);
      return r.body.hitCount >= 1 ? r.body : undefined;
    });
    expect(Date.parse(hit.lastHitAt)).toBeGreaterThan(Date.now() - 60_000);

    expect((await referent.patch(`/api/v1/rules/${SSH_BRUTE_FORCE}`, { enabled: false })).status).toBe(403);
    expect((await auditor.patch(`/api/v1/rules/${SSH_BRUTE_FORCE}`, { enabled: false })).status).toBe(403);
    expect((await rssi.patch(`/api/v1/rules/${SSH_BRUTE_FORCE}`, { enabled: 'no' })).status).toBe(400);
    const off = await rssi.patch(`/api/v1/rules/${SSH_BRUTE_FORCE}`, { enabled: false });
    expect(off.status).toBe(200);
    expect(off.body.enabled).toBe(false);
    const audit = await admin.get(`/api/v1/audit?entityType=rule&entityId=${SSH_BRUTE_FORCE}`);
    expect(audit.body.records.map((r: { action: string; actor: string }) => [r.action, r.actor])).toEqual([
      ['rule.disabled', 'rssi'],
    ]);
    expect((await admin.get('/api/v1/rules?enabled=false')).body.rules.map((r: { id: string }) => r.id)).toEqual([
      SSH_BRUTE_FORCE,
    ]);

    await sleep(SYNC_MS * 3);
    await bruteForce('srv-rules-2', '198.51.100.32', 7);
    await sleep(1500);
    expect(alertFor('198.51.100.32')).toBeUndefined();

    expect((await admin.patch(`/api/v1/rules/${SSH_BRUTE_FORCE}`, { enabled: true })).status).toBe(200);
    await sleep(SYNC_MS * 3);
    await bruteForce('srv-rules-3', '198.51.100.33');
    await waitFor(() => alertFor('198.51.100.33'));
  });

  it('disabling a base rule starves the correlations built on it', async () => {
    expect((await rssi.patch(`/api/v1/rules/${SSH_AUTH_FAILURE}`, { enabled: false })).status).toBe(200);
    await sleep(SYNC_MS * 3);
    await bruteForce('srv-rules-4', '198.51.100.34', 6);
    await sleep(1500);
    expect(alertFor('198.51.100.34')).toBeUndefined();
    expect((await rssi.patch(`/api/v1/rules/${SSH_AUTH_FAILURE}`, { enabled: true })).status).toBe(200);
  });

  it('reports the ATT&CK coverage of the enabled rules, grouped by tactic', async () => {
    const r = await referent.get('/api/v1/rules/coverage');
    expect(r.status).toBe(200);
    expect(r.body.techniques['T1110.001']).toContain(SSH_BRUTE_FORCE);
    expect(r.body.techniques['T1110']).toContain(SSH_AUTH_FAILURE);
    expect(r.body.parentTechniques).toEqual(expect.arrayContaining(['T1110', 'T1078']));
    const cred = r.body.tactics.find((x: { id: string }) => x.id === 'TA0006');
    expect(cred).toMatchObject({ name: 'credential-access' });
    expect(cred.techniques).toEqual(expect.arrayContaining(['T1110', 'T1110.001']));
    expect(r.body.tactics).toHaveLength(14);

    await rssi.patch(`/api/v1/rules/${SSH_BRUTE_FORCE}`, { enabled: false });
    const without = await referent.get('/api/v1/rules/coverage');
    expect(without.body.techniques['T1110.001'] ?? []).not.toContain(SSH_BRUTE_FORCE);
    expect(without.body.rules).toBe(r.body.rules - 1);
    await rssi.patch(`/api/v1/rules/${SSH_BRUTE_FORCE}`, { enabled: true });
  });

  describe('POST /api/v1/rules/test', () => {
    const RULE = `
title: Sudo to root by a test account
id: 0c4a1b9e-1111-4a11-9aaa-000000000001
name: test_sudo_root
logsource: { product: linux, service: sudo }
detection:
  selection:
    user.name|startswith: test
  condition: selection
level: high
tags: [attack.privilege-escalation, attack.t1548.003]
`;
    const SUDO = (user: string, i: number) =>
      `<85>1 2026-11-29T10:00:0${i}Z srv-test sudo - - - ${user} : TTY=pts/0 ; PWD=/home/${user} ; USER=root ; COMMAND=/bin/bash`;

    it('runs a rule over raw syslog lines and ECS documents and returns the matches', async () => {
      const ecs = {
        '@timestamp': '2026-11-29T10:00:09Z',
        event: { id: 'doc-1', module: 'sudo', dataset: 'system.auth' },
        process: { name: 'sudo' },
        host: { os: { type: 'linux' } },
        user: { name: 'testeur' },
      };
      const r = await rssi.post('/api/v1/rules/test', {
        rule: RULE,
        events: [SUDO('testuser', 1), SUDO('alice', 2), ecs],
        member: 'ivry',
        includeEvents: true,
      });
      expect(r.status).toBe(200);
      expect(r.body.rules).toEqual([
        {
          id: '0c4a1b9e-1111-4a11-9aaa-000000000001',
          title: 'Sudo to root by a test account',
          kind: 'detection',
          level: 'high',
        },
      ]);
      expect(r.body.matches.map((m: { eventIndex: number }) => m.eventIndex)).toEqual([0, 2]);
      expect(r.body.matches[1].eventId).toBe('doc-1');
      expect(r.body.documents[0].organization.id).toBe('ivry');
      expect(r.body.documents[0].user.name).toBe('testuser');
    });

    it('returns correlation alerts, including windows closed at the end', async () => {
      const rule = `
title: SSH failure
name: t_fail
logsource: { product: linux, service: sshd }
detection:
  sel: { event.action: ssh_login, event.outcome: failure }
  condition: sel
---
title: Many SSH failures
id: t-many
correlation:
  type: event_count
  rules: [t_fail]
  group-by: [source.ip]
  timespan: 1m
  condition: { gte: 3 }
level: high
---
title: Exactly two failures
id: t-two
correlation:
  type: event_count
  rules: [t_fail]
  group-by: [source.ip]
  timespan: 1m
  condition: { eq: 2 }
level: low
`;
      const line = (ip: string, s: number) =>
        `<38>1 2026-11-29T10:00:${String(s).padStart(2, '0')}Z srv sshd 1 - - Failed password for root from ${ip} port 4${s} ssh2`;
      const r = await admin.post('/api/v1/rules/test', {
        rule,
        events: [
          line('203.0.113.1', 1),
          line('203.0.113.1', 2),
          line('203.0.113.1', 3),
          line('203.0.113.2', 4),
          line('203.0.113.2', 5),
        ],
      });
      expect(r.status).toBe(200);
      const byRule = (id: string) => r.body.correlations.filter((a: AlertMessage) => a.rule.id === id);
      expect(byRule('t-many').map((a: AlertMessage) => [a.groupValues['source.ip'], a.count])).toEqual([
        ['203.0.113.1', 3],
      ]);
      expect(byRule('t-two').map((a: AlertMessage) => a.groupValues['source.ip'])).toEqual(['203.0.113.2']);
      expect(r.body.matches).toEqual([]);
    });

    it('answers 422 with the reason for an invalid or unsupported rule', async () => {
      const bad = await rssi.post('/api/v1/rules/test', {
        rule: 'title: Broken\nlogsource: {product: linux}\ndetection:\n  sel: {a: 1}\n  condition: sel and missing\n',
        events: ['x'],
      });
      expect(bad.status).toBe(422);
      expect(bad.body.code).toBe('rule_not_loadable');
      expect(bad.body.message).toMatch(/Broken: invalid: .*missing/);
      const unsupported = await rssi.post('/api/v1/rules/test', {
        rule: 'title: Odd\nlogsource: {product: linux}\ndetection:\n  sel: {a|nosuchmodifier: 1}\n  condition: sel\n',
        events: ['x'],
      });
      expect(unsupported.status).toBe(422);
      expect(unsupported.body.fields[0].problem).toMatch(/unsupported: modifier:nosuchmodifier/);
      expect((await rssi.post('/api/v1/rules/test', { rule: 'a: [', events: ['x'] })).status).toBe(422);
      expect((await rssi.post('/api/v1/rules/test', { rule: RULE, events: [] })).status).toBe(400);
      expect((await rssi.post('/api/v1/rules/test', { rule: RULE, events: [42] })).status).toBe(400);
      expect((await referent.post('/api/v1/rules/test', { rule: RULE, events: ['x'] })).status).toBe(403);
      expect((await auditor.post('/api/v1/rules/test', { rule: RULE, events: ['x'] })).status).toBe(403);
    });
  });
});
