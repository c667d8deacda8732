import { EventStore, StoredEvent } from '@vigie/event-store';
import { ADMIN_PASSWORD, ApiClient, startEmbeddedApp, TestApp, USER_PASSWORD } from '@vigie/testing';

const MIN = 60_000;
const HOUR = 60 * MIN;

interface Seed {
  id: string;
  member: string;
  ago: number;
  dataset: string;
  message: string;
  host?: string;
  ip?: string;
  user?: string;
  sourceIp?: string;
}

function toEvent(s: Seed, now: number): StoredEvent {
  const ts = new Date(now - s.ago).toISOString();
  const doc: Record<string, unknown> = {
    '@timestamp': ts,
    message: s.message,
    event: { id: s.id, dataset: s.dataset, kind: 'event' },
    organization: { id: s.member },
  };
  if (s.host || s.ip) doc.host = { ...(s.host ? { hostname: s.host } : {}), ...(s.ip ? { ip: [s.ip] } : {}) };
  if (s.user) doc.user = { name: s.user };
  if (s.sourceIp) doc.source = { ip: s.sourceIp };
  return { id: s.id, member: s.member, timestamp: ts, doc };
}

const SEEDS: Seed[] = [
  {
    id: 'a1',
    member: 'alpha',
    ago: 10 * MIN,
    dataset: 'sshd',
    host: 'web-alpha',
    user: 'root',
    sourceIp: '10.1.0.5',
    message: 'Failed password for root from 10.1.0.5 port 22 ssh2',
  },
  {
    id: 'a2',
    member: 'alpha',
    ago: 20 * MIN,
    dataset: 'sshd',
    host: 'web-alpha',
    user: 'admin',
    sourceIp: '10.1.0.6',
    message: 'Accepted password for admin from 10.1.0.6 port 22 ssh2',
  },
  {
    id: 'a3',
    member: 'alpha',
    ago: 2 * HOUR,
    dataset: 'nginx.access',
    host: 'proxy-alpha',
    sourceIp: '203.0.113.4',
    message: 'GET /admin HTTP/1.1 404',
  },
  {
    id: 'a4',
    member: 'alpha',
    ago: 30 * HOUR,
    dataset: 'iptables',
    ip: '10.1.9.9',
    message: 'DROP SRC=10.1.9.9 DPT=23',
  },
  {
    id: 'a5',
    member: 'alpha',
    ago: 72 * HOUR,
    dataset: 'sshd',
    host: 'web-alpha',
    user: 'root',
    message: 'Failed password for root from 10.1.0.7',
  },
  {
    id: 'b1',
    member: 'beta',
    ago: 5 * MIN,
    dataset: 'sshd',
    host: 'beta-vault-host',
    user: 'beta-treasurer',
    sourceIp: '10.2.0.5',
    message: 'Failed password for beta-treasurer from 10.2.0.5 port 22 ssh2',
  },
  {
    id: 'b2',
    member: 'beta',
    ago: 90 * MIN,
    dataset: 'sshd',
    host: 'beta-vault-host',
    user: 'root',
    sourceIp: '10.2.0.6',
    message: 'Failed password for root from 10.2.0.6 port 22 ssh2',
  },
];

const ids = (body: { events: Array<{ event: { id: string } }> }) => body.events.map((e) => e.event.id);

describe('events API: search, aggregations, sources, retention (embedded)', () => {
  let t: TestApp;
  let anon: ApiClient;
  let admin: ApiClient;
  let refA: ApiClient;
  let now: number;

  beforeAll(async () => {
    process.env.VIGIE_ADMIN_PASSWORD = ADMIN_PASSWORD;
    t = await startEmbeddedApp();
    anon = new ApiClient(t.baseUrl);
    admin = await anon.login('admin', ADMIN_PASSWORD);
    for (const [code, name, retentionDays] of [
      ['alpha', 'Ville Alpha', 400],
      ['beta', 'Office Beta', 180],
    ] as const) {
      expect((await admin.post('/api/v1/members', { code, name, type: 'city', retentionDays })).status).toBe(201);
    }
    const user = await admin.post('/api/v1/users', {
      username: 'ref-alpha',
      password: USER_PASSWORD,
      roles: ['referent'],
      memberScopes: ['alpha'],
    });
    expect(user.status).toBe(201);
    refA = await anon.login('ref-alpha', USER_PASSWORD);
    now = Date.now();
    const store = t.app.get(EventStore);
    expect(await store.bulkWrite(SEEDS.map((s) => toEvent(s, now)))).toEqual({ written: SEEDS.length, rejected: [] });
    await store.refresh();
  });
  afterAll(() => t?.close());

  it('searches with KQL over the last 24 hours by default, newest first', async () => {
    const r = await admin.get(`/api/v1/events?q=${encodeURIComponent('event.dataset:sshd and user.name:root')}`);
    expect(r.status).toBe(200);
    expect(ids(r.body)).toEqual(['a1', 'b2']);
    expect(r.body.nextCursor).toBeNull();
    expect(r.body.took).toEqual(expect.any(Number));
    expect(r.body.events[0]).toMatchObject({ organization: { id: 'alpha' }, source: { ip: '10.1.0.5' } });
    const all = await admin.get(`/api/v1/events?from=now-7d&q=${encodeURIComponent('user.name:root')}`);
    expect(ids(all.body)).toEqual(['a1', 'b2', 'a5']);
    const cidr = await admin.get(`/api/v1/events?q=${encodeURIComponent('source.ip: 10.2.0.0/16 or "GET /admin"')}`);
    expect(ids(cidr.body)).toEqual(['b1', 'b2', 'a3']);
    const words = await admin.get(`/api/v1/events?q=failed&order=asc`);
    expect(ids(words.body)).toEqual(['b2', 'a1', 'b1']);
  });

  it('pages with a cursor that keeps the first page’s window', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: { status: number; body: { events: Array<{ event: { id: string } }>; nextCursor: string | null } } =
        await admin.get(`/api/v1/events?size=2&from=now-7d${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(r.status).toBe(200);
      seen.push(...ids(r.body));
      cursor = r.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(['b1', 'a1', 'a2', 'b2', 'a3', 'a4', 'a5']);
    expect(pages).toBe(4);
    const bad = await admin.get('/api/v1/events?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid_cursor');
  });

  it('answers an invalid query with 400, the position of the error and what was expected', async () => {
    const r = await admin.get(`/api/v1/events?q=${encodeURIComponent('user.name:root and (source.port > 10')}`);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ statusCode: 400, code: 'invalid_query', position: 36, fields: [{ field: 'q' }] });
    expect(r.body.expected).toEqual(expect.arrayContaining([expect.any(String)]));
    const typed = await admin.get(`/api/v1/events?q=${encodeURIComponent('source.ip: nowhere')}`);
    expect(typed.status).toBe(400);
    expect(typed.body).toMatchObject({ code: 'invalid_query', position: 11 });
    const time = await admin.get('/api/v1/events?from=yesterday');
    expect(time.status).toBe(400);
    expect(time.body).toMatchObject({ code: 'invalid_time', fields: [{ field: 'from' }] });
    const size = await admin.get('/api/v1/events?size=5000');
    expect(size.status).toBe(400);
  });

  it('never gives a referent of alpha any event of beta', async () => {
    const mine = await refA.get('/api/v1/events?from=now-7d');
    expect(mine.status).toBe(200);
    expect(ids(mine.body)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    const asking = await refA.get(`/api/v1/events?q=${encodeURIComponent('organization.id:beta or beta-treasurer')}`);
    expect(asking.status).toBe(200);
    expect(ids(asking.body)).toEqual([]);
    const foreign = await refA.get('/api/v1/events?member=beta');
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('member_not_found');
    expect((await refA.get('/api/v1/events/count?member=beta')).status).toBe(404);
    expect((await refA.get('/api/v1/sources?member=beta')).status).toBe(404);
    const own = await refA.get('/api/v1/events?member=alpha&q=root');
    expect(ids(own.body)).toEqual(['a1']);
    for (const path of [
      '/api/v1/events/count?from=now-7d',
      '/api/v1/events/histogram?from=now-7d',
      '/api/v1/events/top?field=host.hostname&from=now-7d',
      '/api/v1/events/top?field=user.name&from=now-7d',
      '/api/v1/sources',
      '/api/v1/events/retention',
    ]) {
      const r = await refA.get(path);
      expect({ path, status: r.status }).toEqual({ path, status: 200 });
      expect({ path, leak: /beta/.test(JSON.stringify(r.body)) }).toEqual({ path, leak: false });
    }
  });

  it('counts, and counts per time bucket with empty buckets filled', async () => {
    const count = await refA.get('/api/v1/events/count?from=now-7d');
    expect(count.body.count).toBe(5);
    expect((await admin.get('/api/v1/events/count')).body.count).toBe(5);
    const h = await admin.get('/api/v1/events/histogram?from=now-6h&interval=1h&q=event.dataset:sshd');
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ interval: '1h', intervalSeconds: 3600, total: 4 });
    expect(h.body.buckets.length).toBeGreaterThanOrEqual(6);
    expect(h.body.buckets.length).toBeLessThanOrEqual(7);
    expect(h.body.buckets.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(4);
    expect(h.body.buckets.filter((b: { count: number }) => b.count === 0).length).toBeGreaterThan(0);
    const auto = await admin.get('/api/v1/events/histogram?from=now-24h');
    expect(auto.body.interval).toBe('30m');
    expect(auto.body.total).toBe(5);
    const tooFine = await admin.get('/api/v1/events/histogram?from=now-30d&interval=1s');
    expect(tooFine.status).toBe(400);
    expect(tooFine.body.code).toBe('too_many_buckets');
  });

  it('lists the top values of a field', async () => {
    const r = await admin.get('/api/v1/events/top?field=host.hostname&from=now-7d');
    expect(r.status).toBe(200);
    expect(r.body.buckets).toEqual([
      { key: 'web-alpha', count: 3 },
      { key: 'beta-vault-host', count: 2 },
      { key: 'proxy-alpha', count: 1 },
    ]);
    const one = await admin.get(
      `/api/v1/events/top?field=user.name&size=1&q=${encodeURIComponent('not user.name:admin')}`,
    );
    expect(one.body.buckets).toEqual([{ key: 'root', count: 2 }]);
    const text = await admin.get('/api/v1/events/top?field=message');
    expect(text.status).toBe(400);
    expect(text.body.code).toBe('field_not_aggregatable');
    const hosts = await admin.get('/api/v1/events/top');
    expect(hosts.body).toMatchObject({
      field: 'host.hostname',
      buckets: [
        { key: 'beta-vault-host', count: 2 },
        { key: 'web-alpha', count: 2 },
        { key: 'proxy-alpha', count: 1 },
      ],
    });
  });

  it('shows each member’s sending hosts, flagging the silent ones', async () => {
    const r = await admin.get('/api/v1/sources');
    expect(r.status).toBe(200);
    expect(r.body.silentAfter).toBe('24h');
    const alpha = r.body.members.find((m: { member: string }) => m.member === 'alpha');
    expect(
      alpha.hosts.map((h: { host: string; field: string; count: number; silent: boolean }) => [
        h.host,
        h.field,
        h.count,
        h.silent,
      ]),
    ).toEqual([
      ['10.1.9.9', 'host.ip', 1, true],
      ['proxy-alpha', 'host.hostname', 1, false],
      ['web-alpha', 'host.hostname', 3, false],
    ]);
    const web = alpha.hosts.find((h: { host: string }) => h.host === 'web-alpha');
    expect(web.firstSeen).toBe(new Date(now - 72 * HOUR).toISOString());
    expect(web.lastSeen).toBe(new Date(now - 10 * MIN).toISOString());
    expect(alpha.silentHosts).toBe(1);
    const beta = r.body.members.find((m: { member: string }) => m.member === 'beta');
    expect(beta).toMatchObject({ name: 'Office Beta', silentHosts: 0, hosts: [{ host: 'beta-vault-host', count: 2 }] });
    const strict = await refA.get('/api/v1/sources?silentAfter=15m');
    expect(strict.body.members).toHaveLength(1);
    expect(strict.body.members[0].silentHosts).toBe(2);
    expect((await refA.get('/api/v1/sources?silentAfter=soon')).status).toBe(400);
    expect((await refA.get('/api/v1/sources?silentAfter=0m')).body.code).toBe('invalid_duration');
  });

  it('shows the retention setting and the oldest day held, per member in scope', async () => {
    const day = (ago: number) => new Date(now - ago).toISOString().slice(0, 10);
    const r = await admin.get('/api/v1/events/retention');
    expect(r.status).toBe(200);
    const byMember = Object.fromEntries(r.body.members.map((m: { member: string }) => [m.member, m]));
    expect(byMember.alpha).toMatchObject({
      name: 'Ville Alpha',
      retentionDays: 400,
      oldestDay: day(72 * HOUR),
      overdueDays: 0,
    });
    expect(byMember.beta).toMatchObject({ retentionDays: 180, oldestDay: day(90 * MIN) });
    const mine = await refA.get('/api/v1/events/retention');
    expect(mine.body.members.map((m: { member: string }) => m.member)).toEqual(['alpha']);
    expect(mine.body.members[0].daysHeld).toBe(
      new Set([72 * HOUR, 30 * HOUR, 2 * HOUR, 20 * MIN, 10 * MIN].map(day)).size,
    );
  });

  it('requires authentication', async () => {
    expect((await anon.get('/api/v1/events')).status).toBe(401);
    expect((await anon.get('/api/v1/sources')).status).toBe(401);
  });
});
