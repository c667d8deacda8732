import { connect as tlsConnect } from 'node:tls';
import { EventBus } from '@vigie/bus';
import { RawEnvelope, Topics } from '@vigie/contracts';
import { MemberDirectory } from '@vigie/ingestion/members/member-directory';
import { NormaliserWorker } from '@vigie/ingestion/normaliser/normaliser.worker';
import { RawPublisher } from '@vigie/ingestion/receivers/raw-publisher';
import { SyslogTlsReceiver } from '@vigie/ingestion/receivers/syslog-tls.receiver';
import { Metrics } from '@vigie/observability';
import { ADMIN_PASSWORD, ApiClient, createTestPki, freePort, startEmbeddedApp, TestApp, TestPki } from '@vigie/testing';
import { INTAKE_FIXTURES } from '../integration/intake/intake.fixtures';
import {
  expectFixtureDocuments,
  expectSameDocumentsOverEveryTransport,
  intakeTransports,
  lfFraming,
  octetCounting,
  postIngest,
  sendTcp,
  sendTls,
  sendUdp,
  sleep,
  TopicRecorder,
  waitUntil,
} from '../integration/intake/intake.support';

type Doc = Record<string, any>;
const LINES = INTAKE_FIXTURES.map((f) => f.line);

async function counter(t: TestApp, name: string, labels: Record<string, string>): Promise<number> {
  const metric = t.app.get(Metrics).registry.getSingleMetric(name);
  if (!metric) return 0;
  const data = await metric.get();
  return data.values
    .filter((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))
    .reduce((sum, v) => sum + v.value, 0);
}

/**
 * The intake on the embedded default (in-process bus): the same fixture set
 * over every transport, member attribution, HTTP intake rules, limits and
 * backpressure.
 */
describe('intake end to end (receivers → siem.raw.v1 → normaliser → siem.events.v1)', () => {
  let t: TestApp;
  let pki: TestPki;
  let tlsPort: number;
  let admin: ApiClient;
  let raws: TopicRecorder<RawEnvelope>;
  let events: TopicRecorder<Doc>;
  const keys: Record<string, string> = {};
  const certs: Record<string, { cert: Buffer; key: Buffer }> = {};

  beforeAll(async () => {
    pki = createTestPki();
    tlsPort = await freePort();
    process.env.VIGIE_ADMIN_PASSWORD = ADMIN_PASSWORD;
    t = await startEmbeddedApp({
      'syslog.tlsPort': tlsPort,
      'syslog.tlsCert': pki.serverCertFile,
      'syslog.tlsKey': pki.serverKeyFile,
      'syslog.tlsCa': pki.caFile,
      'syslog.tlsClientMembers': ['*.ivry.example=ivry', 'collector.vitry.example=vitry'],
      'syslog.maxMessageSize': 4096,
      'http.bodyLimit': '256kb',
      'bus.memory.maxQueued': 1000,
    });
    admin = await new ApiClient(t.baseUrl).login('admin', ADMIN_PASSWORD);
    // ivry: this host exactly; arcueil: a wider loopback range; vitry: elsewhere. The most specific network wins.
    for (const [code, name, networks] of [
      ['ivry', 'Ivry-sur-Seine', ['127.0.0.1/32']],
      ['arcueil', 'Arcueil', ['127.0.0.0/16']],
      ['vitry', 'Vitry-sur-Seine', ['10.94.0.0/16']],
    ] as const) {
      const r = await admin.post('/api/v1/members', { code, name, type: 'city', networks });
      expect(r.status).toBe(201);
      const k = await admin.post('/api/v1/api-keys', { member: code, name: `${code}-shipper` });
      expect(k.status).toBe(201);
      keys[code] = k.body.key;
    }
    await t.app.get(MemberDirectory).reload();
    certs.ivry = pki.client({ CN: 'collector.ivry.example' });
    certs.vitry = pki.client({ CN: 'collector.vitry.example' });
    certs.vitryByOu = pki.client({ CN: 'relay-07', OU: 'vitry' });
    certs.stranger = pki.client({ CN: 'collector.vitry.example' }, { untrusted: true });
    const bus = t.app.get(EventBus);
    raws = await new TopicRecorder<RawEnvelope>(bus, Topics.raw, 'e2e-intake-raw').start();
    events = await new TopicRecorder<Doc>(
      bus,
      Topics.events,
      'e2e-intake-events',
      (d) => d.host?.hostname !== 'flood',
    ).start();
  });

  afterAll(async () => {
    await raws?.stop();
    await events?.stop();
    await t?.close();
    pki?.cleanup();
  });

  const tlsAs = (who?: keyof typeof certs) => ({ ca: pki.ca, ...(who ? certs[who] : {}) });

  /** Sends with `send`, then returns the raw envelopes and the ECS documents it produced. */
  async function round(n: number, send: () => Promise<unknown>): Promise<{ raw: RawEnvelope[]; docs: Doc[] }> {
    const r0 = raws.items.length;
    const e0 = events.items.length;
    await send();
    const raw = await raws.next(r0, n, 'raw envelopes');
    const docs = await events.next(e0, n, 'ECS documents');
    await sleep(30);
    expect(raws.items.length - r0).toBe(n);
    return { raw, docs };
  }

  it('gives the same ECS documents for the fixture set over UDP, TCP (both framings), TLS and HTTP (NDJSON, text, JSON)', async () => {
    const target = { syslogPort: t.syslogPort, tlsPort, baseUrl: t.baseUrl, apiKey: keys.ivry, tls: tlsAs('ivry') };
    const docs = await expectSameDocumentsOverEveryTransport({ target, lines: LINES, member: 'ivry', raws, events });
    expectFixtureDocuments(docs, INTAKE_FIXTURES, { id: 'ivry', name: 'Ivry-sur-Seine' });
    console.log(
      `intake (in-process): ${LINES.length} fixtures × ${intakeTransports(target, LINES).length} transports gave identical ECS documents`,
    );
  });

  describe('member attribution', () => {
    it('by source network, the most specific one; an unmatched source goes to unattributed and is counted', async () => {
      const line =
        '<38>1 2026-11-29T10:00:00Z cidr-host sshd 1 - - Accepted password for bob from 10.0.0.9 port 4242 ssh2';
      const before = await counter(t, 'vigie_receiver_unattributed_total', { transport: 'udp' });
      const beforeTcp = await counter(t, 'vigie_receiver_unattributed_total', { transport: 'tcp' });
      const a = await round(1, () => sendUdp(t.syslogPort, [line], '127.0.0.1'));
      const b = await round(1, () => sendUdp(t.syslogPort, [line], '127.0.9.9'));
      const c = await round(1, () => sendUdp(t.syslogPort, [line], '127.200.0.1'));
      const d = await round(2, () => sendTcp(t.syslogPort, lfFraming([line, line]), '127.200.0.2'));
      expect([a, b, c, d].map((x) => x.raw.map((e) => `${e.peer.ip}→${e.member}`))).toEqual([
        ['127.0.0.1→ivry'],
        ['127.0.9.9→arcueil'],
        ['127.200.0.1→unattributed'],
        ['127.200.0.2→unattributed', '127.200.0.2→unattributed'],
      ]);
      // Never dropped: the document exists, attributed to the built-in member and tagged.
      expect(c.docs[0].organization.id).toBe('unattributed');
      expect(c.docs[0].tags).toContain('_unattributed');
      expect(await counter(t, 'vigie_receiver_unattributed_total', { transport: 'udp' })).toBe(before + 1);
      expect(await counter(t, 'vigie_receiver_unattributed_total', { transport: 'tcp' })).toBe(beforeTcp + 2);
      const text = await (await fetch(`${t.baseUrl}/metrics`)).text();
      expect(text).toMatch(/vigie_receiver_unattributed_total\{transport="tcp"\} [1-9]/);
    });

    it('a verified client certificate wins over the source network (by rule or by OU); an unverified one does not count', async () => {
      const line =
        '<38>1 2026-11-29T10:00:01Z tls-host sshd 1 - - Accepted password for bob from 10.0.0.9 port 4242 ssh2';
      const member = async (who?: keyof typeof certs) =>
        (await round(1, () => sendTls(tlsPort, octetCounting([line]), tlsAs(who)))).raw[0];
      const byRule = await member('vitry');
      const byOu = await member('vitryByOu');
      const stranger = await member('stranger');
      const none = await member();
      expect([byRule, byOu, stranger, none].map((e) => [e.transport, e.peer.ip, e.member])).toEqual([
        ['tls', '127.0.0.1', 'vitry'],
        ['tls', '127.0.0.1', 'vitry'],
        ['tls', '127.0.0.1', 'ivry'],
        ['tls', '127.0.0.1', 'ivry'],
      ]);
    });

    it('the API key member wins over the source network, and a member field in the body is ignored', async () => {
      const body = [
        JSON.stringify({
          message:
            '<38>1 2026-11-29T10:00:02Z k-host sshd 1 - - Accepted password for bob from 10.0.0.9 port 4242 ssh2',
        }),
        JSON.stringify({
          message: 'sshd[9]: Failed password for root from 198.51.100.4 port 22 ssh2',
          member: 'ivry',
          organization: { id: 'ivry' },
        }),
      ].join('\n');
      const { raw, docs } = await round(2, async () => {
        const r = await postIngest(t.baseUrl, keys.vitry, body, 'application/x-ndjson');
        expect(r.status).toBe(202);
      });
      expect(raw.map((e) => [e.transport, e.peer.ip, e.member])).toEqual([
        ['http', '127.0.0.1', 'vitry'],
        ['http', '127.0.0.1', 'vitry'],
      ]);
      expect(docs.map((d) => d.organization.id)).toEqual(['vitry', 'vitry']);
    });
  });

  describe('HTTP intake', () => {
    it('refuses a request without a key, with a bad key, and with a user bearer token (401)', async () => {
      const line = 'hello';
      const none = await postIngest(t.baseUrl, undefined, line, 'text/plain');
      const bad = await postIngest(t.baseUrl, 'vk_00000000_nope', line, 'text/plain');
      const bearer = await postIngest(t.baseUrl, undefined, line, 'text/plain', {
        authorization: `Bearer ${(admin as unknown as { token: string }).token}`,
      });
      expect([none.status, bad.status, bearer.status]).toEqual([401, 401, 401]);
      expect(none.body).toMatchObject({ statusCode: 401, code: 'api_key_required' });
      expect(bearer.body).toMatchObject({ statusCode: 401, code: 'invalid_api_key' });
    });

    it('lays out {message, host, timestamp} as a syslog line the decoders read', async () => {
      const body = JSON.stringify({
        message: 'sshd[811]: Failed password for root from 203.0.113.66 port 40022 ssh2',
        host: 'web-ivry-07',
        timestamp: '2026-11-29T11:12:13+01:00',
      });
      const { raw, docs } = await round(1, () => postIngest(t.baseUrl, keys.ivry, body, 'application/x-ndjson'));
      expect(raw[0].raw).toBe(
        '2026-11-29T11:12:13+01:00 web-ivry-07 sshd[811]: Failed password for root from 203.0.113.66 port 40022 ssh2',
      );
      expect(docs[0]).toMatchObject({
        '@timestamp': '2026-11-29T10:12:13.000Z',
        host: { hostname: 'web-ivry-07' },
        event: { dataset: 'system.auth', outcome: 'failure' },
        source: { ip: '203.0.113.66' },
        process: { name: 'sshd', pid: 811 },
      });
    });

    it('keeps an object that is itself the event verbatim (NXLog JSON)', async () => {
      const event = {
        EventTime: '2026-11-29T10:00:00Z',
        Hostname: 'DC01',
        EventID: 4740,
        Channel: 'Security',
        TargetUserName: 'jdupont',
        TargetDomainName: 'IVRY',
        SubjectUserName: 'DC01$',
      };
      const line = JSON.stringify(event);
      const { raw, docs } = await round(1, () => postIngest(t.baseUrl, keys.ivry, line, 'application/x-ndjson'));
      expect(raw[0].raw).toBe(line);
      expect(docs[0].event).toMatchObject({ code: '4740', dataset: 'windows.security' });
      expect(docs[0].event.original).toBe(line);
    });

    it('refuses a malformed NDJSON body whole (400 naming the lines), and publishes none of it', async () => {
      const r0 = raws.items.length;
      const r = await postIngest(
        t.baseUrl,
        keys.ivry,
        '{"message":"fine"}\n{broken\n"just a string"',
        'application/x-ndjson',
      );
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ statusCode: 400, code: 'malformed_lines' });
      expect(r.body.fields.map((f: { field: string }) => f.field)).toEqual(['line[2]', 'line[3]']);
      const unsupported = await postIngest(t.baseUrl, keys.ivry, '<a/>', 'application/xml');
      expect(unsupported.status).toBe(415);
      expect(unsupported.body).toMatchObject({ statusCode: 415, code: 'unsupported_media_type' });
      await sleep(100);
      expect(raws.items.length).toBe(r0);
      expect(
        await counter(t, 'vigie_receiver_errors_total', { transport: 'http', reason: 'malformed_lines' }),
      ).toBeGreaterThanOrEqual(1);
    });

    it('answers 413 in the error shape for a body over http.bodyLimit', async () => {
      const r = await postIngest(t.baseUrl, keys.ivry, 'x'.repeat(300 * 1024), 'text/plain');
      expect(r.status).toBe(413);
      expect(r.body).toMatchObject({ statusCode: 413, code: 'payload_too_large' });
    });

    it('counts messages and bytes per transport', async () => {
      const text = await (await fetch(`${t.baseUrl}/metrics`)).text();
      for (const transport of ['udp', 'tcp', 'tls', 'http']) {
        expect(text).toMatch(new RegExp(`vigie_receiver_messages_total\\{transport="${transport}"\\} [1-9]`));
        expect(text).toMatch(new RegExp(`vigie_receiver_bytes_total\\{transport="${transport}"\\} [1-9]`));
      }
    });
  });

  describe('limits', () => {
    it('cuts a message over syslog.maxMessageSize and tags it _truncated, on every transport', async () => {
      const long = `<38>1 2026-11-29T10:00:03Z big-host app 1 - - ${'é'.repeat(3000)}`; // > 4096 bytes
      const results = [
        await round(1, () => sendUdp(t.syslogPort, [long])),
        await round(1, () => sendTcp(t.syslogPort, lfFraming([long]))),
        await round(1, () => sendTcp(t.syslogPort, octetCounting([long]))),
        await round(1, () => sendTls(tlsPort, octetCounting([long]), tlsAs('ivry'))),
        await round(1, () => postIngest(t.baseUrl, keys.ivry, long, 'text/plain')),
        await round(1, () =>
          postIngest(t.baseUrl, keys.ivry, JSON.stringify({ message: long }), 'application/x-ndjson'),
        ),
      ];
      for (const { raw, docs } of results) {
        const e = raw[0];
        expect({
          transport: e.transport,
          truncated: e.truncated,
          within: Buffer.byteLength(e.raw) <= 4096,
          prefix: long.startsWith(e.raw.replace(/\uFFFD$/, '')),
        }).toEqual({
          transport: e.transport,
          truncated: true,
          within: true,
          prefix: true,
        });
        expect(docs[0].tags).toContain('_truncated');
      }
    });

    it('HTTP answers 503 with Retry-After while the bus is saturated, and accepts again once it drains', async () => {
      const publisher = t.app.get(RawPublisher);
      const normaliser = t.app.get(NormaliserWorker);
      await normaliser.stop();
      const flood = Array.from({ length: 24000 }, (_, i) => `<13>1 2026-11-29T10:00:04Z flood app - - - line ${i}`);
      let maxPending = 0;
      const sampler = setInterval(() => (maxPending = Math.max(maxPending, publisher.pending)), 2);
      const sending = sendTcp(t.syslogPort, lfFraming(flood));
      await waitUntil(() => publisher.saturated, 'the publisher to saturate', 30000);
      // The TCP connection stopped being read: the backlog stays near the limit (20000), not the 24000 sent.
      await sleep(300);
      expect(publisher.pending).toBeLessThan(22000);
      const r = await postIngest(t.baseUrl, keys.ivry, 'hello', 'text/plain');
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(r.body).toMatchObject({ statusCode: 503, code: 'intake_saturated' });
      await normaliser.start();
      await sending;
      await waitUntil(() => publisher.pending === 0, 'the publisher to drain', 60000);
      clearInterval(sampler);
      expect(maxPending).toBeLessThan(22000);
      const ok = await postIngest(
        t.baseUrl,
        keys.ivry,
        '<13>1 2026-11-29T10:00:05Z after-flood app - - - back',
        'text/plain',
      );
      expect([ok.status, ok.body]).toEqual([202, { accepted: 1 }]);
      expect(raws.items.filter((e) => e.raw.includes(' flood app ')).length).toBe(flood.length);
    });
  });

  it('reports where TLS listens', () => {
    expect(t.app.get(SyslogTlsReceiver).address?.port).toBe(tlsPort);
  });
});

/** With syslog.tlsRequireClientCert, a client without a valid certificate is refused at the handshake. */
describe('TLS receiver requiring client certificates', () => {
  let t: TestApp;
  let pki: TestPki;
  let tlsPort: number;

  beforeAll(async () => {
    pki = createTestPki();
    tlsPort = await freePort();
    process.env.VIGIE_ADMIN_PASSWORD = ADMIN_PASSWORD;
    t = await startEmbeddedApp({
      'syslog.udpPort': 0,
      'syslog.tcpPort': 0,
      'syslog.tlsPort': tlsPort,
      'syslog.tlsCert': pki.serverCertFile,
      'syslog.tlsKey': pki.serverKeyFile,
      'syslog.tlsCa': pki.caFile,
      'syslog.tlsRequireClientCert': true,
    });
  });
  afterAll(async () => {
    await t?.close();
    pki?.cleanup();
  });

  /** Resolves with what happened to a session: `closed` by the server or an error code. */
  function attempt(options: { cert?: Buffer; key?: Buffer }): Promise<string> {
    return new Promise((resolve) => {
      const s = tlsConnect({ host: '127.0.0.1', port: tlsPort, ca: pki.ca, ...options });
      s.on('secureConnect', () => s.write('17 <13>1 - h a - - x\n'));
      s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      s.on('close', () => resolve('closed'));
      s.on('data', () => undefined);
      setTimeout(() => {
        s.destroy();
        resolve('still open');
      }, 1500);
    });
  }

  it('refuses a client without a certificate and one signed by another CA; counts the failed handshakes', async () => {
    const metrics = t.app.get(Metrics);
    const failed = async () => {
      const data = await metrics.registry.getSingleMetric('vigie_receiver_errors_total')?.get();
      return (data?.values ?? [])
        .filter((v) => v.labels.transport === 'tls' && v.labels.reason === 'handshake_failed')
        .reduce((s, v) => s + v.value, 0);
    };
    const before = await failed();
    const none = await attempt({});
    const stranger = await attempt(pki.client({ CN: 'x.ivry.example' }, { untrusted: true }));
    const good = await attempt(pki.client({ CN: 'x.ivry.example' }));
    expect(none).not.toBe('still open');
    expect(stranger).not.toBe('still open');
    expect(good).toBe('still open');
    for (let i = 0; i < 100 && (await failed()) < before + 2; i++) await sleep(20);
    expect(await failed()).toBeGreaterThanOrEqual(before + 2);
  });

  it('does not start without a key next to the certificate', async () => {
    const port = await freePort();
    await expect(
      startEmbeddedApp({
        'syslog.udpPort': 0,
        'syslog.tcpPort': 0,
        'syslog.tlsPort': port,
        'syslog.tlsCert': pki.serverCertFile,
      }),
    ).rejects.toThrow(/syslog.tlsKey/);
  });
});
