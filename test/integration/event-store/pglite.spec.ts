import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@vigie/database';
import { EventStore1732900000000, PostgresEventStore } from '@vigie/event-store';
import { runEventStoreContract } from './event-store.contract';

describe('PostgresEventStore on PGlite', () => {
  runEventStoreContract('pglite', async () => {
    const options = await dataSourceOptions({ driver: 'pglite', dataDir: 'memory://' });
    const dataSource = new DataSource({ ...options, migrations: [EventStore1732900000000] });
    await dataSource.initialize();
    await dataSource.runMigrations();
    return {
      store: new PostgresEventStore(dataSource),
      cleanup: async () => {
        await dataSource.destroy();
      },
    };
  });
});
