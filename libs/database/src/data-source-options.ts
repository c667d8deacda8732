import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { DataSourceOptions } from 'typeorm';
import { pgliteDriver } from './pglite/pglite-pool';
import { MIGRATIONS } from './migrations';

export interface DatabaseSettings {
  driver: 'pglite' | 'postgres';
  url?: string;
  dataDir?: string;
  poolSize?: number;
}

/**
 * TypeORM options for either driver. Both speak PostgreSQL's dialect, so the
 * entities, migrations and raw SQL are the same; only the connection differs.
 * Schema changes come from migrations only (`synchronize` is off).
 */
export async function dataSourceOptions(
  settings: DatabaseSettings,
  extra: { entities?: DataSourceOptions['entities']; migrationsRun?: boolean } = {},
): Promise<DataSourceOptions> {
  const common = {
    type: 'postgres' as const,
    synchronize: false,
    migrations: MIGRATIONS,
    migrationsRun: extra.migrationsRun ?? false,
    migrationsTableName: 'vigie_migrations',
    entities: extra.entities ?? [],
  };
  if (settings.driver === 'postgres') {
    if (!settings.url) throw new Error('database.url is required for the postgres driver');
    return {
      ...common,
      url: settings.url,
      poolSize: settings.poolSize ?? 10,
      extra: { connectionTimeoutMillis: 5000 },
    };
  }
  const pglite = await openPGlite(settings.dataDir ?? 'memory://');
  return { ...common, driver: pgliteDriver, extra: { pglite } } as DataSourceOptions;
}

export async function openPGlite(dataDir: string): Promise<PGlite> {
  if (dataDir.startsWith('memory://')) return PGlite.create();
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  return PGlite.create({ dataDir: dir });
}
