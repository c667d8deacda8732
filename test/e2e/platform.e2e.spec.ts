import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { EventBus, BusMessage } from '@vigie/bus';
import { RawEnvelope, Topics } from '@vigie/contracts';
import { startEmbeddedApp, TestApp } from '@vigie/testing';

async function waitFor<T>(fn: () => T | undefined, ms = 10000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('embedded platform (in-process, over HTTP and syslog)', () => {
  let t: TestApp;
  const raw: RawEnvelope[] = [];

  beforeAll(async () => {
    t = await startEmbeddedApp();
    const bus = t.app.get(EventBus);
    await bus.subscribe({
      groupId: 'e2e-observer',
      topics: [Topics.raw],
      handler: async (batch: BusMessage[]) => void raw.push(...batch.map((m) => JSON.parse(m.value) as RawEnvelope)),
    });
  });
  afterAll(() => t?.close());

  it('answers /health and /ready with every dependency up', async () => {
    const health = await fetch(`${t.baseUrl}/health`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${t.baseUrl}/ready`);
    const body = (await ready.json()) as { info: Record<string, unknown> };
    expect(ready.status).toBe(200);
    expect(Object.keys(body.info)).toEqual(expect.arrayContaining(['database', 'bus', 'eventStore']));
  });

  it('serves Prometheus metrics', async () => {
    const res = await fetch(`${t.baseUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toContain('vigie_receiver_messages_total');
  });

  it('answers an unknown route with the error shape and no stack', async () => {
    const res = await fetch(`${t.baseUrl}/api/v1/nope`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ statusCode: 404, code: 'not_found' });
    expect(JSON.stringify(body)).not.toMatch(/at .*\.js/);
  });

  it('serves the OpenAPI document', async () => {
    const res = await fetch(`${t.baseUrl}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { openapi: string }).openapi).toMatch(/^3\./);
  });

  it('receives syslog over UDP and TCP (both framings) onto siem.raw.v1', async () => {
    const udp = createSocket('udp4');
    await new Promise<void>((r) => udp.send('<34>Oct 11 22:14:15 mymachine su: udp one', t.syslogPort, '127.0.0.1', () => r()));
    udp.close();
    const lf = '<13>1 2026-11-29T13:00:00Z host1 app - - - tcp lf one\n<13>1 2026-11-29T13:00:01Z host1 app - - - tcp lf two\n';
    const m = '<13>1 2026-11-29T13:00:02Z host2 app - - - octet counted';
    const octet = `${Buffer.byteLength(m)} ${m}`;
    for (const payload of [lf, octet]) {
      await new Promise<void>((resolve, reject) => {
        const s = connect(t.syslogPort, '127.0.0.1', () => s.end(payload, () => resolve()));
        s.on('error', reject);
      });
    }
    await waitFor(() => (raw.length >= 4 ? true : undefined));
    const byRaw = new Map(raw.map((e) => [e.raw, e]));
    expect(byRaw.get('<34>Oct 11 22:14:15 mymachine su: udp one')?.transport).toBe('udp');
    expect(byRaw.get('<13>1 2026-11-29T13:00:00Z host1 app - - - tcp lf one')?.transport).toBe('tcp');
    expect(byRaw.get('<13>1 2026-11-29T13:00:01Z host1 app - - - tcp lf two')).toBeDefined();
    expect(byRaw.get(m)?.transport).toBe('tcp');
    for (const e of raw) {
      expect(e.member).toBe('unattributed');
      expect(e.peer.ip).toBe('127.0.0.1');
      expect(Date.parse(e.receivedAt)).not.toBeNaN();
    }
  });
});
