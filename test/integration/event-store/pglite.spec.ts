import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@vigie/database';
import { EventStore1732900000000, PostgresEventStore, StoreUnavailableError } from '@vigie/event-store';
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

describe('event-store migration on PGlite', () => {
  it('creates the tables and functions, and reverts cleanly', async () => {
    const { dataSource, cleanup } = await openPGlite();
    try {
      const objects = async () =>
        (
          (await dataSource.query(
            `SELECT relname AS name FROM pg_class WHERE relname IN ('vigie_events', 'vigie_dead_letters')
             UNION ALL SELECT proname FROM pg_proc WHERE proname LIKE 'vigie_try_%' ORDER BY 1`,
          )) as Array<{ name: string }>
        ).map((r) => r.name);
      expect(await objects()).toEqual([
        'vigie_dead_letters',
        'vigie_events',
        'vigie_try_inet',
        'vigie_try_inet_slow',
        'vigie_try_timestamptz',
      ]);
      const inet = async (v: string) =>
        ((await dataSource.query('SELECT abbrev(vigie_try_inet($1)) AS v', [v])) as Array<{ v: string | null }>)[0]!.v;
      expect(await inet('10.0.0.1')).toBe('10.0.0.1');
      expect(await inet('10.0.0.0/8')).toBe('10.0.0.0/8');
      expect(await inet('2001:db8::1')).toBe('2001:db8::1');
      expect(await inet('999.0.0.1')).toBeNull();
      expect(await inet('1:2:3:4:5:6:7:8:9')).toBeNull();
      expect(await inet('host.example')).toBeNull();
      await dataSource.undoLastMigration();
      expect(await objects()).toEqual([]);
    } finally {
      await cleanup();
    }
  });
});

describe('PostgresEventStore when the database is gone', () => {
  it('throws StoreUnavailableError', async () => {
    const { dataSource, cleanup } = await openPGlite();
    const store = new PostgresEventStore(dataSource);
    await store.init();
    await cleanup();
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(
      store.bulkWrite([{ id: 'a', member: 'ivry', timestamp: '2024-03-01T00:00:00Z', doc: {} }]),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
