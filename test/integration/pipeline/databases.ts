import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS } from '@vigie/database';
import { postgresTestUrl } from '@vigie/testing';

export interface OpenDatabase {
  dataSource: DataSource;
  cleanup: () => Promise<void>;
}

/** A migrated in-memory PGlite. */
export async function openPGlite(): Promise<OpenDatabase> {
  const options = await dataSourceOptions({ driver: 'pglite', dataDir: 'memory://' });
  const dataSource = new DataSource({ ...options, migrations: MIGRATIONS });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return { dataSource, cleanup: () => dataSource.destroy() };
}

function inSchema(schema: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url: postgresTestUrl(),
    migrations: MIGRATIONS,
    migrationsTableName: 'vigie_migrations',
    extra: { options: `-c search_path=${schema}` },
    poolSize: 4,
  });
}

/** A migrated fresh schema on the test PostgreSQL, dropped by `cleanup`. */
export async function openPostgres(): Promise<OpenDatabase> {
  const schema = `pipeline_test_${randomBytes(4).toString('hex')}`;
  const admin = await inSchema('public').initialize();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.destroy();
  }
  const dataSource = await inSchema(schema).initialize();
  await dataSource.runMigrations();
  return {
    dataSource,
    cleanup: async () => {
      await dataSource.query(`DROP SCHEMA ${schema} CASCADE`);
      await dataSource.destroy();
    },
  };
}
