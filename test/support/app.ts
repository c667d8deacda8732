import { createServer } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadConfig, VigieConfig } from '@vigie/config';
import { configureHttp } from '@vigie/core';
import { Metrics } from '@vigie/observability';
import { EmbeddedAppModule } from '@vigie/embedded/app.module';

/** A free TCP/UDP port number on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface TestApp {
  app: INestApplication;
  config: VigieConfig;
  baseUrl: string;
  syslogPort: number;
  close: () => Promise<void>;
}

/**
 * Boots the embedded app in-process, on an in-memory PGlite and the in-process
 * bus unless overridden, listening on free ports.
 */
export async function startEmbeddedApp(overrides: Record<string, unknown> = {}): Promise<TestApp> {
  const syslogPort = await freePort();
  const config = loadConfig({
    profile: 'embedded',
    env: {},
    overrides: {
      'http.host': '127.0.0.1',
      'http.port': 0,
      'database.dataDir': 'memory://',
      'syslog.host': '127.0.0.1',
      'syslog.udpPort': syslogPort,
      'syslog.tcpPort': syslogPort,
      'log.level': 'warn',
      ...overrides,
    },
  });
  const moduleRef = await Test.createTestingModule({ imports: [EmbeddedAppModule.forRoot(config, new Metrics(false))] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureHttp(app, config);
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    config,
    baseUrl: `http://127.0.0.1:${address.port}`,
    syslogPort,
    close: () => app.close(),
  };
}
