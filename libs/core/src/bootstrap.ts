import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { requestContextMiddleware } from '@vigie/auth';
import { ConfigError, loadConfig, Profile, VigieConfig } from '@vigie/config';
import { dataSourceOptions } from '@vigie/database';
import { Dependency, logger, Metrics, PinoNestLogger, setLogLevel, waitForDependencies } from '@vigie/observability';
import helmet from 'helmet';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { searchClientFromConfig } from './factories';
import { createValidationPipe } from './http/error-shape';

export interface AppDefinition {
  /** Short name used in logs and the banner. */
  name: string;
  profile: Profile;
  /** Builds the root module from the validated configuration. */
  module: (config: VigieConfig, metrics: Metrics) => DynamicModule | Type<unknown>;
}

/** Load and validate configuration; on error print every problem, naming the variable, and exit. */
export function loadConfigOrExit(profile: Profile): VigieConfig {
  try {
    return loadConfig({ profile });
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`vigie: cannot start: ${e.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
}

/** Apply the HTTP hygiene every app shares. */
export function configureHttp(app: INestApplication, config: VigieConfig): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.set('trust proxy', 'loopback');
  express.useBodyParser('json', { limit: config.get('http.bodyLimit') });
  express.useBodyParser('text', { limit: config.get('http.bodyLimit'), type: ['text/plain', 'application/x-ndjson'] });
  app.use(requestContextMiddleware);
  app.use(helmet({ contentSecurityPolicy: false }));
  const origins = config.get('http.corsOrigins');
  if (origins.length) app.enableCors({ origin: origins, credentials: true });
  app.useGlobalPipes(createValidationPipe());
  const doc = new DocumentBuilder()
    .setTitle('Vigie API')
    .setDescription('Security events, detection, GDPR registers and ISMS incidents')
    .setVersion('1')
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'apiKey')
    .build();
  const spec = SwaggerModule.createDocument(app, doc);
  SwaggerModule.setup('api/docs', app, spec, { jsonDocumentUrl: 'api/openapi.json' });
}

/** What must answer before a scale-out app boots. */
export function dependencyChecks(config: VigieConfig): Dependency[] {
  const deps: Dependency[] = [];
  if (config.get('database.driver') === 'postgres') {
    deps.push({
      name: 'database',
      check: async () => {
        const ds = new DataSource(await dataSourceOptions({ driver: 'postgres', url: config.maybe('database.url'), poolSize: 1 }));
        await ds.initialize();
        await ds.destroy();
      },
    });
  }
  if (config.get('bus.driver') === 'kafka') {
    deps.push({
      name: 'bus',
      check: async () => {
        const admin = new Kafka({ brokers: config.get('bus.kafka.brokers'), clientId: 'vigie-probe', logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
        try {
          await admin.connect();
          await admin.describeCluster();
        } finally {
          await admin.disconnect().catch(() => undefined);
        }
      },
    });
  }
  if (config.get('events.store') === 'search') {
    deps.push({
      name: 'eventStore',
      check: async () => {
        const client = searchClientFromConfig(config);
        try {
          await client.info();
        } finally {
          await client.close();
        }
      },
    });
  }
  return deps;
}

/** Boot an app: config, dependency gate (scale-out), Nest, HTTP. */
export async function bootstrap(def: AppDefinition): Promise<{ app: INestApplication; config: VigieConfig }> {
  const config = loadConfigOrExit(def.profile);
  setLogLevel(config.get('log.level') as 'info');
  const log = logger(def.name);
  const deps = dependencyChecks(config);
  if (deps.length) {
    await waitForDependencies(deps, {
      host: config.get('http.host'),
      port: config.get('http.port'),
      initialDelayMs: config.get('retry.initialDelayMs'),
      maxDelayMs: config.get('retry.maxDelayMs'),
    });
  }
  const metrics = new Metrics();
  const app = await NestFactory.create(def.module(config, metrics), { logger: new PinoNestLogger(), bufferLogs: false });
  configureHttp(app, config);
  app.enableShutdownHooks();
  await app.listen(config.get('http.port'), config.get('http.host'));
  log.info({ settings: config.describe() }, `${def.name} started`);
  return { app, config };
}
