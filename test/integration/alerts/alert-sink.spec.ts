import { randomUUID } from 'node:crypto';
import { describeWithServices, postgresTestUrl } from '@vigie/testing';
import { Client } from 'pg';
import { alertSinkContract } from './alert-sink.contract';

describe('alert sink on PGlite', () => {
  alertSinkContract(() => ({}));
});

describeWithServices(['postgres'], 'alert sink on PostgreSQL', () => {
  const db = `vigie_sink_${randomUUID().slice(0, 8)}`;
  const adminUrl = postgresTestUrl().replace(/\/[^/]*$/, '/postgres');
  beforeAll(async () => {
    const c = new Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`CREATE DATABASE ${db}`);
    await c.end();
  });
  afterAll(async () => {
    const c = new Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await c.end();
  });
  alertSinkContract(() => ({
    'database.driver': 'postgres',
    'database.url': postgresTestUrl().replace(/\/[^/]*$/, `/${db}`),
  }));
});
