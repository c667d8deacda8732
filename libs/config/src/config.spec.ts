import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config';
import { loadConfig } from './loader';
import { envName } from './schema';

const problemsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('configuration', () => {
  it('derives environment variable names from setting paths', () => {
    expect(envName('bus.kafka.brokers')).toBe('VIGIE_BUS_KAFKA_BROKERS');
    expect(envName('http.bodyLimit')).toBe('VIGIE_HTTP_BODY_LIMIT');
  });

  it('loads the embedded defaults and the scale-out overlay', () => {
    const embedded = loadConfig({ env: {} });
    expect(embedded.get('database.driver')).toBe('pglite');
    expect(embedded.get('bus.driver')).toBe('memory');
    expect(embedded.get('http.port')).toBe(3000);
    const scale = loadConfig({ env: {}, profile: 'scale-out' });
    expect(scale.get('database.driver')).toBe('postgres');
    expect(scale.get('bus.driver')).toBe('kafka');
    expect(scale.get('events.store')).toBe('search');
  });

  it('lets environment variables override, with types', () => {
    const c = loadConfig({ env: { VIGIE_HTTP_PORT: '8080', VIGIE_BUS_KAFKA_BROKERS: 'k1:9092, k2:9092', VIGIE_SEARCH_TLS_REJECT_UNAUTHORIZED: 'false' } });
    expect(c.get('http.port')).toBe(8080);
    expect(c.get('bus.kafka.brokers')).toEqual(['k1:9092', 'k2:9092']);
    expect(c.get('search.tlsRejectUnauthorized')).toBe(false);
  });

  it('names every bad variable and what is wrong', () => {
    const problems = problemsOf(() =>
      loadConfig({ env: { VIGIE_HTTP_PORT: 'abc', VIGIE_BUS_DRIVER: 'rabbit', VIGIE_SYSLOG_UDP_PORT: '70000', VIGIE_HTTPPORT: '1' } }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'VIGIE_HTTP_PORT: must be a whole number, got "abc"',
        'VIGIE_BUS_DRIVER: must be one of memory, kafka, got "rabbit"',
        'VIGIE_SYSLOG_UDP_PORT: must be at most 65535, got 70000',
        'VIGIE_HTTPPORT: unknown variable (no such setting)',
      ]),
    );
  });

  it('requires a database URL for PostgreSQL, naming its variable', () => {
    expect(problemsOf(() => loadConfig({ env: { VIGIE_DATABASE_DRIVER: 'postgres' } }))).toContain(
      'database.url (VIGIE_DATABASE_URL): required when database.driver is postgres',
    );
  });

  it('reports unknown keys and bad YAML in a VIGIE_CONFIG file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-config-'));
    writeFileSync(join(dir, 'extra.yaml'), 'http:\n  prot: 1\n');
    expect(problemsOf(() => loadConfig({ env: { VIGIE_CONFIG: join(dir, 'extra.yaml') } }))[0]).toMatch(/^http\.prot: unknown setting/);
    writeFileSync(join(dir, 'bad.yaml'), 'http: [\n');
    expect(problemsOf(() => loadConfig({ env: { VIGIE_CONFIG: join(dir, 'bad.yaml') } }))[0]).toMatch(/not valid YAML/);
  });
});
