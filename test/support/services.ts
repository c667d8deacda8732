import { Socket } from 'node:net';

/**
 * Real services for integration tests. Where one cannot be reached, its suites
 * skip with a message saying how to start it; with REQUIRE_SERVICES=1 (CI) they
 * fail instead.
 */
export interface ServiceSpec {
  name: string;
  host: string;
  port: number;
  howToStart: string;
}

export const SERVICES = {
  postgres: {
    name: 'PostgreSQL',
    host: process.env.PGHOST ?? '127.0.0.1',
    port: Number(process.env.PGPORT ?? 5432),
    howToStart: "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
  },
  kafka: {
    name: 'Apache Kafka',
    host: '127.0.0.1',
    port: Number(process.env.KAFKA_PORT ?? 9092),
    howToStart: 'bash scripts/services/kafka.sh start',
  },
  opensearch: {
    name: 'OpenSearch',
    host: '127.0.0.1',
    port: Number(process.env.OPENSEARCH_PORT ?? 9200),
    howToStart: 'bash scripts/services/opensearch.sh start',
  },
} satisfies Record<string, ServiceSpec>;

export type ServiceName = keyof typeof SERVICES;

export const requireServices = (): boolean => process.env.REQUIRE_SERVICES === '1' || process.env.REQUIRE_SERVICES === 'true';

export function tcpReachable(host: string, port: number, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}

const cache = new Map<ServiceName, Promise<boolean>>();

export function serviceAvailable(name: ServiceName): Promise<boolean> {
  if (!cache.has(name)) cache.set(name, tcpReachable(SERVICES[name].host, SERVICES[name].port));
  return cache.get(name)!;
}

/**
 * `describe` that runs only when the services are up. Jest collects suites
 * synchronously, so reachability is probed (in a short child process) before the
 * suite is declared; a missing service either skips the suite with a printed
 * reason or, with REQUIRE_SERVICES=1, fails it.
 */
export function describeWithServices(names: ServiceName[], title: string, body: () => void): void {
  const missing = names.filter((n) => !probedUp(n));
  if (missing.length === 0) {
    describe(title, body);
    return;
  }
  const why = missing.map((n) => `${SERVICES[n].name} is not reachable on ${SERVICES[n].host}:${SERVICES[n].port} (start it: ${SERVICES[n].howToStart})`).join('; ');
  if (requireServices()) {
    describe(title, () => {
      it('needs its services (REQUIRE_SERVICES=1)', () => {
        throw new Error(why);
      });
    });
  } else {
    // eslint-disable-next-line no-console
    console.warn(`SKIPPED "${title}": ${why}`);
    describe.skip(`${title} [skipped: ${why}]`, body);
  }
}

/** Synchronous reachability check, memoised per process. */
const probed = new Map<ServiceName, boolean>();
function probedUp(name: ServiceName): boolean {
  if (!probed.has(name)) {
    const { host, port } = SERVICES[name];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
    const script = `const s=require('net').connect(${port},'${host}');s.setTimeout(1500);s.on('connect',()=>process.exit(0));s.on('error',()=>process.exit(1));s.on('timeout',()=>process.exit(1));`;
    let up = true;
    try {
      execFileSync(process.execPath, ['-e', script], { stdio: 'ignore', timeout: 5000 });
    } catch {
      up = false;
    }
    probed.set(name, up);
  }
  return probed.get(name)!;
}

/** Postgres URL of the test database (created by test/global-setup if missing). */
export function postgresTestUrl(): string {
  return process.env.VIGIE_TEST_DATABASE_URL ?? `postgres://postgres@${SERVICES.postgres.host}:${SERVICES.postgres.port}/vigie_test`;
}

export const openSearchUrl = (): string => `http://${SERVICES.opensearch.host}:${SERVICES.opensearch.port}`;
export const kafkaBrokers = (): string[] => [`${SERVICES.kafka.host}:${SERVICES.kafka.port}`];
