import { createSocket } from 'node:dgram';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect, ConnectionOptions } from 'node:tls';
import { BusMessage, EventBus, Subscription } from '@vigie/bus';
import { RawEnvelope } from '@vigie/contracts';
import { IntakeFixture } from './intake.fixtures';

/** RFC 6587 non-transparent framing: each message ends with LF. */
export const lfFraming = (lines: string[]): Buffer => Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');

/** RFC 6587 octet counting (and RFC 5425): `<length> <message>`, the length in bytes. */
export const octetCounting = (lines: string[]): Buffer =>
  Buffer.concat(lines.map((l) => Buffer.from(`${Buffer.byteLength(l, 'utf8')} ${l}`, 'utf8')));

export async function sendUdp(port: number, lines: string[], localAddress?: string): Promise<void> {
  const socket = createSocket('udp4');
  if (localAddress) await new Promise<void>((r) => socket.bind(0, localAddress, () => r()));
  for (const line of lines) {
    await new Promise<void>((resolve, reject) => socket.send(Buffer.from(line, 'utf8'), port, '127.0.0.1', (e) => (e ? reject(e) : resolve())));
  }
  await new Promise<void>((r) => socket.close(() => r()));
}

/** Writes `payload` on one TCP connection, in small pieces so framing must reassemble, then closes. */
export async function sendTcp(port: number, payload: Buffer, localAddress?: string): Promise<void> {
  const socket = netConnect({ port, host: '127.0.0.1', localAddress });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  for (let i = 0; i < payload.length; i += 97) socket.write(payload.subarray(i, i + 97));
  await new Promise<void>((resolve) => socket.end(() => resolve()));
  if (!socket.closed) await new Promise<void>((r) => socket.once('close', () => r()));
}

/** Writes `payload` on one TLS session (after the handshake), then closes. Rejects when the server refuses us. */
export async function sendTls(port: number, payload: Buffer, options: ConnectionOptions): Promise<void> {
  const socket = tlsConnect({ host: '127.0.0.1', port, ...options });
  await new Promise<void>((resolve, reject) => {
    socket.once('secureConnect', () => resolve());
    socket.once('error', reject);
  });
  for (let i = 0; i < payload.length; i += 97) socket.write(payload.subarray(i, i + 97));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.end(() => resolve());
  });
  if (!socket.closed) await new Promise<void>((r) => socket.once('close', () => r()));
}

export async function postIngest(
  baseUrl: string,
  apiKey: string | undefined,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${baseUrl}/api/v1/ingest`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(apiKey ? { 'x-api-key': apiKey } : {}), ...headers },
    body,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function waitUntil(check: () => boolean, what: string, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Everything a topic carries from now on, parsed. */
export class TopicRecorder<T> {
  readonly items: T[] = [];
  private subscription?: Subscription;

  constructor(
    private readonly bus: EventBus,
    private readonly topic: string,
    private readonly groupId: string,
    private readonly accept: (item: T) => boolean = () => true,
  ) {}

  async start(fromBeginning = false): Promise<this> {
    this.subscription = await this.bus.subscribe({
      groupId: this.groupId,
      topics: [this.topic],
      fromBeginning,
      handler: async (batch: BusMessage[]) => {
        for (const m of batch) {
          const item = JSON.parse(m.value) as T;
          if (this.accept(item)) this.items.push(item);
        }
      },
    });
    return this;
  }

  /** Waits for `n` more items than `from` and returns them. */
  async next(from: number, n: number, what: string, ms?: number): Promise<T[]> {
    await waitUntil(() => this.items.length >= from + n, `${n} ${what} (got ${this.items.length - from})`, ms);
    return this.items.slice(from, from + n);
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
  }
}

type Doc = Record<string, any>;

/**
 * An ECS document without what depends on the moment or the transport it
 * arrived by: event.created (receive time) and event.ingested (normalise time).
 */
export function comparable(doc: Doc): Doc {
  const copy = structuredClone(doc);
  delete copy.event?.created;
  delete copy.event?.ingested;
  return copy;
}

/** Documents keyed by their original line, for comparing sets that arrive in any order. */
export function byOriginal(docs: Doc[]): Map<string, Doc> {
  return new Map(docs.map((d) => [String(d.event?.original ?? d.message), comparable(d)]));
}

export type { RawEnvelope };

/** Value at a dotted path, also accepting a flat dotted key at any level (`log.level`). */
export function pathValue(doc: Doc, path: string): unknown {
  if (path in doc) return doc[path];
  const [head, ...rest] = path.split('.');
  if (!rest.length) return doc[head];
  const next = doc[head];
  return next && typeof next === 'object' ? pathValue(next as Doc, rest.join('.')) : undefined;
}

/** Where and how to reach a running app's receivers. */
export interface IntakeTarget {
  syslogPort: number;
  tlsPort: number;
  baseUrl: string;
  /** An API key of the member the lines must be attributed to. */
  apiKey: string;
  /** CA and client certificate for the TLS receiver. */
  tls: ConnectionOptions;
}

export interface IntakeTransport {
  name: string;
  transport: RawEnvelope['transport'];
  send: () => Promise<unknown>;
}

async function expectAccepted(r: Promise<{ status: number; body: any }>, n: number): Promise<void> {
  const res = await r;
  expect([res.status, res.body]).toEqual([202, { accepted: n }]);
}

/** The same lines over every transport and framing the intake offers. */
export function intakeTransports(target: IntakeTarget, lines: string[]): IntakeTransport[] {
  const n = lines.length;
  const post = (body: string, type: string) => expectAccepted(postIngest(target.baseUrl, target.apiKey, body, type), n);
  return [
    { name: 'udp', transport: 'udp', send: () => sendUdp(target.syslogPort, lines) },
    { name: 'tcp LF', transport: 'tcp', send: () => sendTcp(target.syslogPort, lfFraming(lines)) },
    { name: 'tcp octet-counting', transport: 'tcp', send: () => sendTcp(target.syslogPort, octetCounting(lines)) },
    { name: 'tls (client certificate)', transport: 'tls', send: () => sendTls(target.tlsPort, octetCounting(lines), target.tls) },
    {
      name: 'http ndjson',
      transport: 'http',
      send: () => post(lines.map((message) => JSON.stringify({ message })).join('\n'), 'application/x-ndjson'),
    },
    { name: 'http text', transport: 'http', send: () => post(lines.join('\r\n') + '\r\n', 'text/plain; charset=utf-8') },
    {
      name: 'http json array',
      transport: 'http',
      send: () => post(JSON.stringify(lines.map((message) => ({ message }))), 'application/json'),
    },
  ];
}

/**
 * Sends `lines` over every transport, one transport after the other, and
 * checks each gave the same envelopes (transport, member, loopback peer) and
 * the same ECS documents as the first. Returns the first transport's
 * documents by line.
 */
export async function expectSameDocumentsOverEveryTransport(options: {
  target: IntakeTarget;
  lines: string[];
  member: string;
  raws: TopicRecorder<RawEnvelope>;
  events: TopicRecorder<Doc>;
  timeoutMs?: number;
}): Promise<Map<string, Doc>> {
  const { target, lines, member, raws, events, timeoutMs } = options;
  const n = lines.length;
  const results: Array<{ name: string; docs: Map<string, Doc> }> = [];
  for (const tr of intakeTransports(target, lines)) {
    const r0 = raws.items.length;
    const e0 = events.items.length;
    await tr.send();
    const raw = await raws.next(r0, n, `raw envelopes over ${tr.name}`, timeoutMs);
    const docs = await events.next(e0, n, `ECS documents over ${tr.name}`, timeoutMs);
    // One envelope and one document a line, no more.
    expect({ name: tr.name, raws: raws.items.length - r0, docs: events.items.length - e0 }).toEqual({ name: tr.name, raws: n, docs: n });
    expect({ name: tr.name, raw: raw.map((e) => [e.transport, e.member, e.peer.ip]) }).toEqual({
      name: tr.name,
      raw: lines.map(() => [tr.transport, member, '127.0.0.1']),
    });
    expect(new Set(raw.map((e) => e.raw))).toEqual(new Set(lines));
    results.push({ name: tr.name, docs: byOriginal(docs) });
  }
  const [baseline, ...others] = results;
  expect([...baseline.docs.keys()].sort()).toEqual([...lines].sort());
  for (const other of others) {
    for (const line of lines) {
      expect({ transport: other.name, line, doc: other.docs.get(line) }).toEqual({
        transport: other.name,
        line,
        doc: baseline.docs.get(line),
      });
    }
  }
  return baseline.docs;
}

/** Each fixture's document: its dataset, its member, the fields its decoder must fill; never truncated. */
export function expectFixtureDocuments(docs: Map<string, Doc>, fixtures: IntakeFixture[], organization: { id: string; name?: string }): void {
  for (const f of fixtures) {
    const doc = docs.get(f.line);
    expect({ fixture: f.name, found: Boolean(doc) }).toEqual({ fixture: f.name, found: true });
    const got = Object.fromEntries(Object.keys(f.fields).map((k) => [k, pathValue(doc!, k)]));
    expect({ fixture: f.name, dataset: doc!.event.dataset, org: doc!.organization, fields: got }).toEqual({
      fixture: f.name,
      dataset: f.dataset,
      org: organization,
      fields: f.fields,
    });
    expect(doc!.event.original).toBe(f.line);
    expect(doc!.tags).not.toContain('_unattributed');
    expect(doc!.tags).not.toContain('_truncated');
  }
}
