import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventStore1732900000000, PostgresEventStore } from '@vigie/event-store';
import { describeWithServices, postgresTestUrl } from '@vigie/testing';
import { runEventStoreContract } from './event-store.contract';
import { runPostgresSpecifics } from './postgres-specifics';

function dataSourceIn(schema: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url: postgresTestUrl(),
    migrations: [EventStore1732900000000],
    migrationsTableName: 'vigie_migrations',
    extra: { options: `-c search_path=${schema}` },
    poolSize: 4,
  });
}

/** A fresh schema per suite (dropped afterwards), so runs repeat and never collide. */
async function openInNewSchema(): Promise<{ dataSource: DataSource; cleanup: () => Promise<void> }> {
  const schema = `es_test_${randomBytes(4).toString('hex')}`;
  const admin = await dataSourceIn('public').initialize();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.destroy();
  }
  const dataSource = await dataSourceIn(schema).initialize();
  await dataSource.runMigrations();
  return {
    dataSource,
    cleanup: async () => {
      await dataSource.query(`DROP SCHEMA ${schema} CASCADE`);
      await dataSource.destroy();
    },
  };
}

describeWithServices(['postgres'], 'PostgresEventStore on PostgreSQL', () => {
  runEventStoreContract('postgres', async () => {
    const { dataSource, cleanup } = await openInNewSchema();
    return { store: new PostgresEventStore(dataSource), cleanup };
  });
  runPostgresSpecifics('postgres', openInNewSchema);
});
