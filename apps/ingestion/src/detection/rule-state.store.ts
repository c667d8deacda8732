import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { RuleInventoryEntry } from './rule-inventory';

/** Hits of one rule since the last save. */
export interface RuleHits {
  count: number;
  lastAt: Date;
}

const CHUNK = 200;

/**
 * The detector's side of the rule state table `vigie_rules`, shared with the rules API (registry): it saves the
 * inventory it loaded, adds hit counts and reads the enabled flags. In scale-out the two apps are separate
 * processes and this table is their only link.
 */
@Injectable()
export class RuleStateStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Upsert the loaded inventory: metadata and status are replaced, the enabled flag and hit counts kept. Rules
   * of earlier loads that are no longer in it are marked `loaded = false` (kept with their flag and counts).
   */
  async saveInventory(entries: readonly RuleInventoryEntry[]): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query('UPDATE vigie_rules SET loaded = false WHERE loaded = true');
      for (let i = 0; i < entries.length; i += CHUNK) await this.upsert(m, entries.slice(i, i + CHUNK));
    });
  }

  private async upsert(m: EntityManager, rows: readonly RuleInventoryEntry[]): Promise<void> {
    const params: unknown[] = [];
    const values = rows.map((r) => {
      const base = params.length;
      params.push(r.id, r.title, r.kind, r.level, r.tags, r.sourcePath, r.status, r.reason);
      const p = (k: number) => `$${base + k}`;
      return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}::text[], ${p(6)}, ${p(7)}, ${p(8)}, true, now())`;
    });
    await m.query(
      `INSERT INTO vigie_rules (id, title, kind, level, tags, source_path, status, reason, loaded, loaded_at)
       VALUES ${values.join(', ')}
       ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, kind = EXCLUDED.kind, level = EXCLUDED.level,
         tags = EXCLUDED.tags, source_path = EXCLUDED.source_path, status = EXCLUDED.status,
         reason = EXCLUDED.reason, loaded = true, loaded_at = EXCLUDED.loaded_at`,
      params,
    );
  }

  /** Add hit counts (one statement for all rules). Rules missing from the table are ignored. */
  async addHits(hits: ReadonlyMap<string, RuleHits>): Promise<void> {
    if (hits.size === 0) return;
    const ids: string[] = [];
    const counts: number[] = [];
    const lasts: string[] = [];
    for (const [id, h] of hits) {
      ids.push(id);
      counts.push(h.count);
      lasts.push(h.lastAt.toISOString());
    }
    await this.dataSource.query(
      `UPDATE vigie_rules r SET hit_count = r.hit_count + h.n,
         last_hit_at = GREATEST(COALESCE(r.last_hit_at, h.at), h.at)
       FROM unnest($1::text[], $2::bigint[], $3::timestamptz[]) AS h(id, n, at)
       WHERE r.id = h.id`,
      [ids, counts, lasts],
    );
  }

  /** Ids of the rules disabled through the rules API. */
  async disabledIds(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query('SELECT id FROM vigie_rules WHERE enabled = false');
    return rows.map((r) => r.id);
  }
}
