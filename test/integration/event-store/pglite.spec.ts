import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@vigie/database';
import { EventStore1732900000000, PostgresEventStore } from '@vigie/event-store';
import { runEventStoreContract } from './event-store.contract';
import { runPostgresSpecifics } from './postgres-specifics';

async function openPGlite(): Promise<{ dataSource: DataSource; cleanup: () => Promise<void> }> {
  const options = await dataSourceOptions({ driver: 'pglite', dataDir: 'memory://' });
  const dataSource = new DataSource({ ...options, migrations: [EventStore1732900000000] });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return { dataSource, cleanup: () => dataSource.destroy() };
}

describe('PostgresEventStore on PGlite', () => {
  runEventStoreContract('pglite', async () => {
    const { dataSource, cleanup } = await openPGlite();
    return { store: new PostgresEventStore(dataSource), cleanup };
  });
  runPostgresSpecifics('pglite', openPGlite);
});
