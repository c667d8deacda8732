import { randomUUID } from 'node:crypto';
import { dataSourceOptions, MIGRATIONS } from '@vigie/database';
import { describeWithServices, postgresTestUrl } from '@vigie/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** Every migration, on an empty database, then every one reverted. */
async function migrateUpAndDown(ds: DataSource): Promise<void> {
  const ran = await ds.runMigrations({ transaction: 'each' });
  expect(ran.map((m) => m.name)).toEqual(MIGRATIONS.map((M) => new M().name));
  expect(await ds.showMigrations()).toBe(false);
  const tables: Array<{ tablename: string }> = await ds.query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()");
  expect(tables.map((t) => t.tablename)).toEqual(expect.arrayContaining(['vigie_migrations', 'vigie_members']));
  const members: Array<{ code: string }> = await ds.query('SELECT code FROM vigie_members');
  expect(members.map((m) => m.code)).toContain('unattributed');
  for (let i = 0; i < ran.length; i++) await ds.undoLastMigration({ transaction: 'each' });
  const left: Array<{ tablename: string }> = await ds.query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'vigie_migrations'");
  expect(left).toEqual([]);
}

describe('migrations on PGlite (embedded)', () => {
  it('run on an empty database and revert cleanly', async () => {
    const ds = await new DataSource(await dataSourceOptions({ driver: 'pglite', dataDir: 'memory://' })).initialize();
    try {
      await migrateUpAndDown(ds);
    } finally {
      await ds.destroy();
    }
  });
});

describeWithServices(['postgres'], 'migrations on PostgreSQL', () => {
  const dbName = `vigie_mig_${randomUUID().slice(0, 8)}`;
  const admin = () => new Client({ connectionString: postgresTestUrl().replace(/\/[^/]*$/, '/postgres') });

  beforeAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`CREATE DATABASE ${dbName}`);
    await c.end();
  });
  afterAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await c.end();
  });

  it('run on an empty database and revert cleanly', async () => {
    const url = postgresTestUrl().replace(/\/[^/]*$/, `/${dbName}`);
    const ds = await new DataSource(await dataSourceOptions({ driver: 'postgres', url })).initialize();
    try {
      await migrateUpAndDown(ds);
    } finally {
      await ds.destroy();
    }
  });
});
