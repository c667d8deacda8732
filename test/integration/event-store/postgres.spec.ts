import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventStore1732900000000, PostgresEventStore } from '@vigie/event-store';
import { describeWithServices, postgresTestUrl } from '@vigie/testing';
import { runEventStoreContract } from './event-store.contract';

/** Each run gets its own schema (dropped afterwards), so runs repeat and never collide. */
async function openInSchema(schema: string): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: postgresTestUrl(),
    migrations: [EventStore1732900000000],
    migrationsTableName: 'vigie_migrations',
    extra: { options: `-c search_path=${schema}` },
    poolSize: 4,
  });
  await dataSource.initialize();
  return dataSource;
}

describeWithServices(['postgres'], 'PostgresEventStore on PostgreSQL', () => {
  runEventStoreContract('postgres', async () => {
    const schema = `es_test_${randomBytes(4).toString('hex')}`;
    const admin = await openInSchema('public');
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.destroy();
    const dataSource = await openInSchema(schema);
    await dataSource.runMigrations();
    return {
      store: new PostgresEventStore(dataSource),
      cleanup: async () => {
        await dataSource.query(`DROP SCHEMA ${schema} CASCADE`);
        await dataSource.destroy();
      },
    };
  });
});
