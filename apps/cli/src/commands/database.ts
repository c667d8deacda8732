import { VigieConfig } from '@vigie/config';
import { dataSourceOptions } from '@vigie/database';
import { DataSource } from 'typeorm';

/** A DataSource for CLI commands, from the same configuration as the apps. */
export async function openDatabase(config: VigieConfig): Promise<DataSource> {
  const ds = new DataSource(
    await dataSourceOptions({
      driver: config.get('database.driver') as 'pglite' | 'postgres',
      url: config.maybe('database.url'),
      dataDir: config.get('database.dataDir'),
      poolSize: 2,
    }),
  );
  return ds.initialize();
}
