import type { StoredEvent } from '@vigie/event-store';

/**
 * A small fixture whose answers are worked out by hand in the contract (not
 * computed from the fixture by code). Three members, three UTC days.
 */
export const FIXTURE_MEMBERS = ['alpha', 'beta', 'ga-ma'];

interface Spec {
  id: string;
  member: string;
  ts: string;
  dataset: string;
  host: string;
  message: string;
  sourceIp?: string;
  port?: number;
  user?: string;
  related?: string[];
  extra?: Record<string, unknown>;
}

const SPECS: Spec[] = [
  {
    id: 'e01',
    member: 'alpha',
    ts: '2024-03-01T08:00:00.000Z',
    dataset: 'sshd',
    host: 'web1',
    sourceIp: '10.0.0.5',
    port: 22,
    user: 'root',
    related: ['10.0.0.5', '192.168.1.10'],
    message: 'Failed password for root from 10.0.0.5 port 22 ssh2',
    extra: { event: { outcome: 'failure' } },
  },
  {
    id: 'e02',
    member: 'alpha',
    ts: '2024-03-01T08:00:30.000Z',
    dataset: 'sshd',
    host: 'web1',
    sourceIp: '10.0.0.6',
    port: 22,
    user: 'admin',
    related: ['10.0.0.6'],
    message: 'Accepted password for admin from 10.0.0.6 port 22 ssh2',
    extra: { event: { outcome: 'success' } },
  },
  {
    id: 'e03',
    member: 'alpha',
    ts: '2024-03-01T08:01:10.000Z',
    dataset: 'sshd',
    host: 'web2',
    sourceIp: '203.0.113.9',
    port: 22,
    user: 'root',
    related: ['203.0.113.9', '192.168.1.10'],
    message: 'Failed password for invalid user root from 203.0.113.9',
    extra: { event: { outcome: 'failure' } },
  },
  {
    id: 'e04',
    member: 'alpha',
    ts: '2024-03-01T09:15:00.000Z',
    dataset: 'nginx.access',
    host: 'web1',
    sourceIp: '198.51.100.7',
    port: 443,
    related: ['198.51.100.7'],
    message: 'GET /admin/login.php HTTP/1.1 404',
    extra: { http: { response: { status_code: 404 } }, url: { path: '/admin/login.php' } },
  },
  {
    id: 'e05',
    member: 'alpha',
    ts: '2024-03-02T00:00:00.000Z',
    dataset: 'nginx.access',
    host: 'web2',
    sourceIp: '198.51.100.7',
    port: 443,
    related: ['198.51.100.7'],
    message: 'GET /index.html HTTP/1.1 200',
    extra: { http: { response: { status_code: 200 } }, url: { path: '/index.html' } },
  },
  {
    id: 'e06',
    member: 'alpha',
    ts: '2024-03-02T23:59:59.999Z',
    dataset: 'sshd',
    host: 'web1',
    sourceIp: '10.1.2.3',
    port: 22,
    user: 'svc_backup',
    related: ['10.1.2.3'],
    message: 'Accepted publickey for svc_backup from 10.1.2.3 port 22 ssh2',
  },
  {
    id: 'e07',
    member: 'beta',
    ts: '2024-03-01T08:00:00.000Z',
    dataset: 'sshd',
    host: 'db1',
    sourceIp: '10.0.0.5',
    port: 22,
    user: 'root',
    related: ['10.0.0.5'],
    message: 'Failed password for root from 10.0.0.5 port 22 ssh2',
  },
  {
    id: 'e08',
    member: 'beta',
    ts: '2024-03-01T12:00:00.000Z',
    dataset: 'iptables',
    host: 'fw1',
    sourceIp: '10.0.0.7',
    port: 3389,
    user: 'svcXbackup',
    related: ['10.0.0.7', '10.0.0.1'],
    message: 'DROP IN=eth0 SRC=10.0.0.7 DST=10.0.0.1 PROTO=TCP DPT=3389',
    extra: { event: { action: 'drop' } },
  },
  {
    id: 'e09',
    member: 'beta',
    ts: '2024-03-03T06:30:00.000Z',
    dataset: 'sshd',
    host: 'db1',
    sourceIp: '2001:db8::1',
    port: 22,
    user: '100%_done',
    related: ['2001:db8::1'],
    message: 'Invalid user 100%_done from 2001:db8::1',
  },
  {
    id: 'e10',
    member: 'ga-ma',
    ts: '2024-03-02T10:00:00.000Z',
    dataset: 'sshd',
    host: 'mail1',
    sourceIp: '10.9.9.9',
    related: ['10.9.9.9'],
    message: 'Connection closed by 10.9.9.9',
    extra: { source: { address: 'mail-relay.example' } },
  },
  {
    id: 'e11',
    member: 'ga-ma',
    ts: '2024-03-02T10:00:00.000Z',
    dataset: 'auditd',
    host: 'mail1',
    user: 'root',
    message: 'USER_LOGIN pid=4242 uid=0 res=failed',
    extra: { process: { pid: 4242 } },
  },
  {
    id: 'e12',
    member: 'alpha',
    ts: '2024-03-01T08:00:00.000Z',
    dataset: 'sshd',
    host: 'web1',
    sourceIp: '10.0.0.8',
    port: 2222,
    user: 'Root',
    related: ['10.0.0.8'],
    message: 'Failed password for Root from 10.0.0.8 port 2222 ssh2',
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
  let doc: Record<string, unknown> = {
    '@timestamp': s.ts,
    message: s.message,
    event: { dataset: s.dataset, kind: 'event' },
    host: { hostname: s.host },
    organization: { id: s.member },
  };
  if (s.sourceIp) doc = merge(doc, { source: { ip: s.sourceIp } });
  if (s.port !== undefined) doc = merge(doc, { destination: { port: s.port } });
  if (s.user) doc = merge(doc, { user: { name: s.user } });
  if (s.related) doc = merge(doc, { related: { ip: s.related } });
  if (s.extra) doc = merge(doc, s.extra);
  return { id: s.id, member: s.member, timestamp: s.ts, doc };
}

export function fixtureEvents(): StoredEvent[] {
  return SPECS.map(toEvent);
}

/**
 * `count` events for pagination in member `member`, three to a timestamp (so
 * ties are broken by id), spread over two days.
 */
export function bulkEvents(member: string, count: number): StoredEvent[] {
  const start = Date.parse('2024-04-10T22:00:00.000Z');
  return Array.from({ length: count }, (_, i) => {
    const ts = new Date(start + Math.floor(i / 3) * 197_000).toISOString();
    const id = `p${String((i * 37) % 1000).padStart(3, '0')}-${i}`;
    return {
      id,
      member,
      timestamp: ts,
      doc: { '@timestamp': ts, message: `paged event ${i}`, event: { dataset: 'paging' } },
    };
  });
}
