import type { StoredEvent } from '@vigie/event-store';

/** The clock of the contract: date math (`now-1h`, `now/d`) and default windows resolve against it. */
export const NOW = new Date('2024-06-12T12:00:00.000Z');
export const MEMBERS = ['ivry', 'vitry'];

const MIN = 60_000;
const HOUR = 60 * MIN;

interface Spec {
  id: string;
  member: string;
  /** Milliseconds before NOW. */
  ago: number;
  dataset: string;
  host: string;
  message: string;
  sourceIp?: string;
  sourcePort?: number;
  port?: number;
  user?: string;
  outcome?: 'success' | 'failure';
  extra?: Record<string, unknown>;
}

/**
 * ECS documents of two members over three days, shaped like what the
 * normaliser writes for sshd, nginx, iptables, Windows and auditd lines. The
 * answers to the contract's queries are worked out by hand from this table.
 * Newest first: s09, s17 = s01 (tie: by id), s02, s03, s04, s10, s11, s05, s06,
 * s12, s13, s16, s07, s14, s08, s15.
 */
const SPECS: Spec[] = [
  {
    id: 's01',
    member: 'ivry',
    ago: 5 * MIN,
    dataset: 'sshd',
    host: 'web1',
    sourceIp: '10.20.5.5',
    sourcePort: 51122,
    port: 22,
    user: 'root',
    outcome: 'failure',
    message: 'Failed password for root from 10.20.5.5 port 51122 ssh2',
  },
  {
    id: 's02',
    member: 'ivry',
    ago: 6 * MIN,
    dataset: 'sshd',
    host: 'web1',
    sourceIp: '203.0.113.50',
    sourcePort: 40000,
    port: 22,
    user: 'root',
    outcome: 'failure',
    message: 'Failed password for invalid user root from 203.0.113.50 port 40000 ssh2',
  },
  {
    id: 's03',
    member: 'ivry',
    ago: 7 * MIN,
    dataset: 'sshd',
    host: 'web1',
    sourceIp: '203.0.113.50',
    sourcePort: 40001,
    port: 22,
    user: 'admin',
    outcome: 'failure',
    message: 'Failed password for invalid user admin from 203.0.113.50 port 40001 ssh2',
  },
  {
    id: 's04',
    member: 'ivry',
    ago: 30 * MIN,
    dataset: 'sshd',
    host: 'web2',
    sourceIp: '10.20.5.6',
    sourcePort: 50000,
    port: 22,
    user: 'alice',
    outcome: 'success',
    message: 'Accepted publickey for alice from 10.20.5.6 port 50000 ssh2',
  },
  {
    id: 's05',
    member: 'ivry',
    ago: 2 * HOUR,
    dataset: 'nginx.access',
    host: 'proxy1',
    sourceIp: '198.51.100.23',
    sourcePort: 61000,
    port: 443,
    message: 'GET /wp-login.php HTTP/1.1 404',
    extra: { http: { request: { method: 'GET' }, response: { status_code: 404 } }, url: { path: '/wp-login.php' } },
  },
  {
    id: 's06',
    member: 'ivry',
    ago: 3 * HOUR,
    dataset: 'nginx.access',
    host: 'proxy1',
    sourceIp: '198.51.100.23',
    sourcePort: 61001,
    port: 443,
    message: 'GET /index.html HTTP/1.1 200',
    extra: { http: { request: { method: 'GET' }, response: { status_code: 200 } }, url: { path: '/index.html' } },
  },
  {
    id: 's07',
    member: 'ivry',
    ago: 26 * HOUR,
    dataset: 'iptables',
    host: 'fw1',
    sourceIp: '192.0.2.10',
    sourcePort: 1055,
    port: 3389,
    message: 'IN=eth0 OUT= SRC=192.0.2.10 DST=10.20.0.1 PROTO=TCP SPT=1055 DPT=3389',
    extra: { event: { action: 'drop' }, network: { transport: 'tcp' } },
  },
  {
    id: 's08',
    member: 'ivry',
    ago: 50 * HOUR,
    dataset: 'windows.security',
    host: 'dc01',
    sourceIp: '10.20.7.7',
    user: 'bob',
    outcome: 'failure',
    message: 'An account failed to log on. Account Name: bob',
    extra: { event: { code: '4625' }, winlog: { event_id: '4625' }, host: { ip: ['10.20.0.10'] } },
  },
  {
    id: 's09',
    member: 'vitry',
    ago: 4 * MIN,
    dataset: 'sshd',
    host: 'srv-v1',
    sourceIp: '2001:db8::10',
    sourcePort: 33333,
    port: 22,
    user: 'root',
    outcome: 'failure',
    message: 'Failed password for root from 2001:db8::10 port 33333 ssh2',
  },
  {
    id: 's10',
    member: 'vitry',
    ago: 45 * MIN,
    dataset: 'sshd',
    host: 'srv-v1',
    sourceIp: '10.30.1.1',
    sourcePort: 45678,
    port: 2222,
    user: 'deploy',
    outcome: 'success',
    message: 'Accepted password for deploy from 10.30.1.1 port 45678 ssh2',
  },
  {
    id: 's11',
    member: 'vitry',
    ago: 90 * MIN,
    dataset: 'nginx.access',
    host: 'web-v',
    sourceIp: '198.51.100.99',
    sourcePort: 1024,
    port: 80,
    message: 'POST /api/login HTTP/1.1 500',
    extra: { http: { request: { method: 'POST' }, response: { status_code: 500 } }, url: { path: '/api/login' } },
  },
  {
    id: 's12',
    member: 'vitry',
    ago: 5 * HOUR,
    dataset: 'auditd',
    host: 'srv-v2',
    user: 'root',
    message: 'USER_LOGIN pid=4242 uid=0 res=failed',
    extra: { process: { pid: 4242 } },
  },
  {
    id: 's13',
    member: 'vitry',
    ago: 8 * HOUR,
    dataset: 'iptables',
    host: 'fw-v',
    sourceIp: '10.30.200.5',
    sourcePort: 1023,
    port: 23,
    message: 'IN=eth1 SRC=10.30.200.5 DST=10.30.0.1 PROTO=TCP SPT=1023 DPT=23',
    extra: { event: { action: 'drop' } },
  },
  {
    id: 's14',
    member: 'vitry',
    ago: 30 * HOUR,
    dataset: 'windows.security',
    host: 'dc-v',
    sourceIp: '10.30.7.7',
    user: 'Administrator',
    outcome: 'success',
    message: 'An account was successfully logged on. Account Name: Administrator',
    extra: { event: { code: '4624' } },
  },
  {
    id: 's15',
    member: 'vitry',
    ago: 70 * HOUR,
    dataset: 'sshd',
    host: 'srv-v1',
    sourceIp: '10.30.1.2',
    sourcePort: 40404,
    port: 22,
    user: 'root',
    outcome: 'failure',
    message: 'Failed password for root from 10.30.1.2 port 40404 ssh2',
  },
  {
    id: 's16',
    member: 'ivry',
    ago: 10 * HOUR,
    dataset: 'sshd',
    host: 'web2',
    sourceIp: '10.20.99.1',
    sourcePort: 60000,
    port: 22,
    user: 'svc_backup',
    outcome: 'success',
    message: 'Accepted publickey for svc_backup from 10.20.99.1 port 60000 ssh2',
    extra: { tags: ['vpn'] },
  },
  {
    id: 's17',
    member: 'ivry',
    ago: 5 * MIN,
    dataset: 'sshd',
    host: 'web1',
    sourceIp: '10.20.5.5',
    sourcePort: 51123,
    port: 22,
    user: 'root',
    outcome: 'failure',
    message: 'Failed password for root from 10.20.5.5 port 51123 ssh2',
  },
];

function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] =
      prev && typeof prev === 'object' && !Array.isArray(prev) && v && typeof v === 'object' && !Array.isArray(v)
        ? merge(prev as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

function toEvent(s: Spec): StoredEvent {
  const ts = new Date(NOW.getTime() - s.ago).toISOString();
  let doc: Record<string, unknown> = {
    '@timestamp': ts,
    message: s.message,
    event: { id: s.id, kind: 'event', dataset: s.dataset, ...(s.outcome ? { outcome: s.outcome } : {}) },
    host: { hostname: s.host },
    organization: { id: s.member },
  };
  if (s.sourceIp) doc = merge(doc, { source: { ip: s.sourceIp } });
  if (s.sourcePort !== undefined) doc = merge(doc, { source: { port: s.sourcePort } });
  if (s.port !== undefined) doc = merge(doc, { destination: { port: s.port } });
  if (s.user) doc = merge(doc, { user: { name: s.user } });
  if (s.extra) doc = merge(doc, s.extra);
  return { id: s.id, member: s.member, timestamp: ts, doc };
}

export function searchFixture(): StoredEvent[] {
  return SPECS.map(toEvent);
}

export interface QueryCase {
  q: string;
  /** Window and member as the API takes them; default `from: now-7d`. */
  from?: string;
  to?: string;
  member?: string;
  /** Expected event ids, in the API's order (newest first, ties by id descending). */
  ids: string[];
}

const ALL_NEWEST_FIRST = [
  's09',
  's17',
  's01',
  's02',
  's03',
  's04',
  's10',
  's11',
  's05',
  's06',
  's12',
  's13',
  's16',
  's07',
  's14',
  's08',
  's15',
];

/** Same KQL, same answers, on every store. */
export const QUERIES: QueryCase[] = [
  { q: '', ids: ALL_NEWEST_FIRST },
  { q: 'event.dataset:sshd', ids: ['s09', 's17', 's01', 's02', 's03', 's04', 's10', 's16', 's15'] },
  { q: 'user.name:root', ids: ['s09', 's17', 's01', 's02', 's12', 's15'] },
  // keywords are case-sensitive
  { q: 'user.name:Administrator', ids: ['s14'] },
  { q: 'user.name:administrator', ids: [] },
  { q: 'source.ip:10.20.5.5', ids: ['s17', 's01'] },
  { q: 'message:"invalid user"', ids: ['s02', 's03'] },
  { q: '"Failed password for root"', ids: ['s09', 's17', 's01', 's15'] },
  { q: 'accepted publickey', ids: ['s04', 's16'] },
  { q: 'failed', ids: ['s09', 's17', 's01', 's02', 's03', 's12', 's08', 's15'] },
  // Wildcards on message match its words, whatever the case.
  { q: 'message:fail*', ids: ['s09', 's17', 's01', 's02', 's03', 's12', 's08', 's15'] },
  { q: 'message:FAIL*', ids: ['s09', 's17', 's01', 's02', 's03', 's12', 's08', 's15'] },
  { q: 'log*', ids: ['s11', 's05', 's14', 's08'] },
  { q: 'message:*word', ids: ['s09', 's17', 's01', 's02', 's03', 's10', 's15'] },
  { q: 'message:10.20.5.*', ids: ['s17', 's01', 's04'] },
  { q: 'message:pass', ids: [] },
  { q: 'host.hostname:web*', ids: ['s17', 's01', 's02', 's03', 's04', 's11', 's16'] },
  { q: 'url.path:/wp-*', ids: ['s05'] },
  { q: 'source.port >= 50000', ids: ['s17', 's01', 's04', 's05', 's06', 's16'] },
  { q: 'destination.port < 1024 and not destination.port:22', ids: ['s11', 's05', 's06', 's13'] },
  { q: 'http.response.status_code >= 400', ids: ['s11', 's05'] },
  { q: 'process.pid > 4000', ids: ['s12'] },
  { q: '@timestamp < now-1h', ids: ['s11', 's05', 's06', 's12', 's13', 's16', 's07', 's14', 's08', 's15'] },
  { q: '@timestamp >= now-1h and @timestamp < now-10m', ids: ['s04', 's10'] },
  {
    q: '@timestamp >= now/d',
    ids: ['s09', 's17', 's01', 's02', 's03', 's04', 's10', 's11', 's05', 's06', 's12', 's13', 's16'],
  },
  { q: 'source.ip: 10.0.0.0/8', ids: ['s17', 's01', 's04', 's10', 's13', 's16', 's14', 's08', 's15'] },
  { q: 'source.ip: "2001:db8::/32"', ids: ['s09'] },
  { q: 'host.ip: 10.20.0.0/24', ids: ['s08'] },
  {
    q: 'not event.outcome:success',
    ids: ['s09', 's17', 's01', 's02', 's03', 's11', 's05', 's06', 's12', 's13', 's07', 's08', 's15'],
  },
  {
    q: 'event.dataset:sshd and (user.name:root or user.name:admin) and not source.ip: 10.0.0.0/8',
    ids: ['s09', 's02', 's03'],
  },
  { q: 'user.name:(root or admin) and source.port < 40001', ids: ['s09', 's02'] },
  { q: 'user.name:*', ids: ['s09', 's17', 's01', 's02', 's03', 's04', 's10', 's12', 's16', 's14', 's08', 's15'] },
  { q: 'event.action:drop or event.code:4625', ids: ['s13', 's07', 's08'] },
  { q: 'tags:vpn', ids: ['s16'] },
  {
    q: 'NOT (event.dataset:sshd OR event.dataset:nginx.access) AND NOT event.dataset:windows.security',
    ids: ['s12', 's13', 's07'],
  },
  // default window: the last 24 hours
  { q: 'event.dataset:sshd', from: undefined, ids: ['s09', 's17', 's01', 's02', 's03', 's04', 's10', 's16'] },
  // ISO window
  { q: '', from: '2024-06-12T08:00:00Z', to: '2024-06-12T11:00:00Z', ids: ['s11', 's05', 's06'] },
  // one member
  { q: 'user.name:root', member: 'ivry', ids: ['s17', 's01', 's02'] },
];
