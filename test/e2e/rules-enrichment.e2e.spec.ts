import { createSocket } from 'node:dgram';
import { BusMessage, EventBus } from '@vigie/bus';
import { AlertMessage, Topics } from '@vigie/contracts';
import { AssetMap } from '@vigie/ingestion/enrichment/asset-map';
import { MemberDirectory } from '@vigie/ingestion/members/member-directory';
import { ADMIN_PASSWORD, ApiClient, startEmbeddedApp, TestApp } from '@vigie/testing';

const SSH_BRUTE_FORCE = '38f9af8f-e95b-4df7-930b-418f801a05f5';

async function waitFor<T>(fn: () => T | undefined, ms = 5000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface EcsDoc {
  host?: { hostname?: string };
  source?: { ip?: string };
  organization?: { id?: string };
  vigie?: { application?: { id?: string; name?: string }; personal_data?: boolean };
}

describe('enrichment: events and alerts of a host mapped to an application (embedded)', () => {
  let t: TestApp;
  let admin: ApiClient;
  let appId: string;
  const events: EcsDoc[] = [];
  const alerts: AlertMessage[] = [];

  async function send(lines: string[]): Promise<void> {
    const udp = createSocket('udp4');
    for (const l of lines) await new Promise<void>((r) => udp.send(l, t.syslogPort, '127.0.0.1', () => r()));
    udp.close();
  }
  const failure = (host: string, attacker: string, i: number) =>
    `<38>1 ${new Date().toISOString()} ${host} sshd ${700 + i} - - Failed password for root from ${attacker} port ${41000 + i} ssh2`;

  beforeAll(async () => {
    process.env.VIGIE_ADMIN_PASSWORD = ADMIN_PASSWORD;
    t = await startEmbeddedApp();
    admin = await new ApiClient(t.baseUrl).login('admin', ADMIN_PASSWORD);
    const m = await admin.post('/api/v1/members', {
      code: 'ivry',
      name: 'Ivry-sur-Seine',
      type: 'city',
      networks: ['127.0.0.0/8'],
    });
    expect(m.status).toBe(201);
    const a = await admin.post('/api/v1/applications', {
      name: 'Portail RH (e2e)',
      hosts: [{ hostname: 'srv-rh-e2e.ivry.fr' }, { ip: '192.0.2.77' }],
      members: ['ivry'],
      dataCategories: [{ code: 'identity' }],
    });
    expect(a.status).toBe(201);
    appId = a.body.id;
    // The asset map reloads every 30 s; the test does not wait for it. The member directory neither.
    expect(await t.app.get(AssetMap).reload()).toBe(true);
    await t.app.get(MemberDirectory).reload();
    const bus = t.app.get(EventBus);
    await bus.subscribe({
      groupId: 'e2e-enrichment-events',
      topics: [Topics.events],
      handler: async (batch: BusMessage[]) => {
        for (const msg of batch) events.push(JSON.parse(msg.value) as EcsDoc);
      },
    });
    await bus.subscribe({
      groupId: 'e2e-enrichment-alerts',
      topics: [Topics.alerts],
      handler: async (batch: BusMessage[]) => {
        for (const msg of batch) alerts.push(JSON.parse(msg.value) as AlertMessage);
      },
    });
  });
  afterAll(() => t?.close());

  it('adds vigie.application and vigie.personal_data to the events of a mapped host (short name, any case)', async () => {
    await send([failure('SRV-RH-E2E', '203.0.113.200', 0), failure('other-host-e2e', '203.0.113.201', 0)]);
    const mapped = await waitFor(() => events.find((e) => e.source?.ip === '203.0.113.200'));
    expect(mapped.organization?.id).toBe('ivry');
    expect(mapped.vigie).toEqual({ application: { id: appId, name: 'Portail RH (e2e)' }, personal_data: true });
    const unmapped = await waitFor(() => events.find((e) => e.source?.ip === '203.0.113.201'));
    expect(unmapped.vigie?.application).toBeUndefined();
  });

  it('copies the application and the personal-data flag into the alerts', async () => {
    const attacker = '203.0.113.202';
    await send(Array.from({ length: 5 }, (_, i) => failure('srv-rh-e2e.ivry.fr', attacker, i)));
    const alert = await waitFor(() =>
      alerts.find((a) => a.rule.id === SSH_BRUTE_FORCE && a.groupValues['source.ip'] === attacker),
    );
    expect(alert.application).toEqual({ id: appId, name: 'Portail RH (e2e)' });
    expect(alert.personalData).toBe(true);
    expect(alert.members).toEqual(['ivry']);
  });

  it('escalating such an alert opens the breach assessment with the member as controller', async () => {
    let found: { id: string } | undefined;
    for (const start = Date.now(); !found && Date.now() - start < 10000; await new Promise((r) => setTimeout(r, 100))) {
      const r = await admin.get(`/api/v1/alerts?rule=${SSH_BRUTE_FORCE}`);
      found = (r.body.items ?? r.body.alerts ?? []).find((a: { personalData: boolean }) => a.personalData);
    }
    if (!found) throw new Error('no alert with personal data reached the queue');
    const esc = await admin.post(`/api/v1/alerts/${found!.id}/escalate`, { comment: 'HR portal under attack' });
    expect(esc.status).toBe(201);
    expect(esc.body.incident.personalDataSuspected).toBe(true);
    const breach = await admin.get(`/api/v1/incidents/${esc.body.incident.id}/breach`);
    expect(breach.status).toBe(200);
    expect(JSON.stringify(breach.body)).toContain('ivry');
  });
});
