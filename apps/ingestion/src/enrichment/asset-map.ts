import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Enrichment } from '@vigie/ecs';
import { logger, Metrics } from '@vigie/observability';
import { DataSource } from 'typeorm';
import { AssetApplication, AssetIndex, AssetInfo } from './asset-index';

export const ASSET_MAP_RELOAD_MS = 30_000;

interface Row {
  id: string;
  name: string;
  hosts: unknown;
  members: string[] | null;
  personal_data: boolean;
}

function hostsOf(v: unknown): AssetApplication['hosts'] {
  const list: unknown = typeof v === 'string' ? JSON.parse(v) : v;
  if (!Array.isArray(list)) return [];
  return list
    .filter((h): h is Record<string, unknown> => typeof h === 'object' && h !== null)
    .map((h) => ({
      hostname: typeof h.hostname === 'string' ? h.hostname : null,
      ip: typeof h.ip === 'string' ? h.ip : null,
    }));
}

/** `relation "vigie_applications" does not exist`: the registry's migration has not run yet. */
function missingTable(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown };
  return err?.code === '42P01' || /relation .* does not exist/i.test(String(err?.message ?? ''));
}

/**
 * The enrichment's asset map: host name or address → application, members and personal-data flag, read from the
 * registry's application map (`vigie_applications`, `vigie_application_members`) and reloaded every 30 s. Until
 * those tables exist (or while the database is unreachable) the previous map is kept — empty at first — and the load
 * is retried at the next reload.
 */
@Injectable()
export class AssetMap implements OnModuleInit, OnModuleDestroy {
  private readonly log = logger('AssetMap');
  private index = new AssetIndex([]);
  private timer?: NodeJS.Timeout;
  private missingLogged = false;
  private readonly gauge;

  constructor(
    private readonly dataSource: DataSource,
    metrics: Metrics,
  ) {
    this.gauge = metrics.gauge('vigie_enrichment_asset_hosts', 'Host names and addresses in the asset map');
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => void this.reload(), ASSET_MAP_RELOAD_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Reads the application map; never throws (answers whether the map was replaced). */
  async reload(): Promise<boolean> {
    let rows: Row[];
    try {
      rows = await this.dataSource.query(
        `SELECT a.id, a.name, a.hosts,
           (jsonb_array_length(a.data_categories) > 0 OR jsonb_array_length(a.data_subjects) > 0) AS personal_data,
           array_remove(array_agg(m.member ORDER BY m.member), NULL) AS members
         FROM vigie_applications a
         LEFT JOIN vigie_application_members m ON m.application_id = a.id
         GROUP BY a.id, a.name, a.hosts, a.data_categories, a.data_subjects`,
      );
    } catch (e) {
      if (missingTable(e)) {
        if (!this.missingLogged) this.log.info('application map tables not there yet; asset map empty for now');
        this.missingLogged = true;
      } else this.log.warn({ error: (e as Error).message }, 'asset map reload failed; keeping the previous map');
      return false;
    }
    const apps: AssetApplication[] = [];
    for (const r of rows) {
      try {
        apps.push({
          id: String(r.id),
          name: String(r.name),
          hosts: hostsOf(r.hosts),
          members: r.members ?? [],
          personalData: r.personal_data === true,
        });
      } catch {
        this.log.warn({ application: r.id }, 'application with unreadable hosts ignored');
      }
    }
    this.index = new AssetIndex(apps);
    this.gauge.set(this.index.size);
    return true;
  }

  /** The application of a host (by name, then address), preferring those of `member`. */
  lookup(host: { hostname?: string; ip?: string }, member?: string): AssetInfo | undefined {
    return this.index.lookup(host, member);
  }

  /** The `enrich` hook of `normalise()` for events of `member`. */
  enrichFor(member: string | undefined): (host: { hostname?: string; ip?: string }) => Enrichment | undefined {
    return (host) => {
      const info = this.index.lookup(host, member);
      return info
        ? { applicationId: info.applicationId, applicationName: info.applicationName, personalData: info.personalData }
        : undefined;
    };
  }
}
