import { Injectable } from '@nestjs/common';
import { returnedRows } from '@vigie/database';
import type { EngineSnapshot } from '@vigie/sigma';
import { DataSource } from 'typeorm';

/** The correlation state of one source partition, exact for every event before `nextOffset`. */
export interface StateCheckpoint {
  shard: string;
  /** First offset of the partition the state does not include (the offset committed with it). */
  nextOffset: string;
  state: EngineSnapshot;
}

/** A checkpoint to save: the state already serialised (its size is measured once). */
export interface CheckpointToSave {
  shard: string;
  nextOffset: string;
  /** JSON of an {@link EngineSnapshot}. */
  json: string;
}

/** Where detectors keep their correlation state checkpoints (the table `vigie_detection_state`, or a fake in specs). */
export interface CheckpointStore {
  load(group: string, shard: string): Promise<StateCheckpoint | undefined>;
  /**
   * Save checkpoints in one statement. A checkpoint is not written over one with a later `nextOffset` (the partition
   * moved on to another detector): the shards so refused are returned.
   */
  save(group: string, checkpoints: readonly CheckpointToSave[], savedBy: string): Promise<string[]>;
}

/** {@link CheckpointStore} on the relational database (`vigie_detection_state`). */
@Injectable()
export class DetectionStateStore implements CheckpointStore {
  constructor(private readonly dataSource: DataSource) {}

  async load(group: string, shard: string): Promise<StateCheckpoint | undefined> {
    const rows: Array<{ next_offset: string | number; state: EngineSnapshot | string }> = await this.dataSource.query(
      'SELECT next_offset, state FROM vigie_detection_state WHERE consumer_group = $1 AND shard = $2',
      [group, shard],
    );
    const row = rows[0];
    if (!row) return undefined;
    const state = typeof row.state === 'string' ? (JSON.parse(row.state) as EngineSnapshot) : row.state;
    return { shard, nextOffset: String(row.next_offset), state };
  }

  async save(group: string, checkpoints: readonly CheckpointToSave[], savedBy: string): Promise<string[]> {
    if (checkpoints.length === 0) return [];
    const result: unknown = await this.dataSource.query(
      `INSERT INTO vigie_detection_state AS s (consumer_group, shard, next_offset, state, saved_by, saved_at)
       SELECT $1, c.shard, c.next_offset, c.state::jsonb, $5, now()
       FROM unnest($2::text[], $3::bigint[], $4::text[]) AS c(shard, next_offset, state)
       ON CONFLICT (consumer_group, shard) DO UPDATE
         SET next_offset = EXCLUDED.next_offset, state = EXCLUDED.state, saved_by = EXCLUDED.saved_by,
             saved_at = EXCLUDED.saved_at
         WHERE s.next_offset <= EXCLUDED.next_offset
       RETURNING s.shard`,
      [
        group,
        checkpoints.map((c) => c.shard),
        checkpoints.map((c) => c.nextOffset),
        checkpoints.map((c) => c.json),
        savedBy,
      ],
    );
    const written = new Set(returnedRows<{ shard: string }>(result).map((r) => r.shard));
    return checkpoints.filter((c) => !written.has(c.shard)).map((c) => c.shard);
  }
}

/** In-memory {@link CheckpointStore} (specs; several detectors of one process can share it). */
export class MemoryCheckpointStore implements CheckpointStore {
  readonly rows = new Map<string, { nextOffset: bigint; json: string; savedBy: string }>();
  saves = 0;

  async load(group: string, shard: string): Promise<StateCheckpoint | undefined> {
    const r = this.rows.get(`${group}\u0000${shard}`);
    return r ? { shard, nextOffset: String(r.nextOffset), state: JSON.parse(r.json) as EngineSnapshot } : undefined;
  }

  async save(group: string, checkpoints: readonly CheckpointToSave[], savedBy: string): Promise<string[]> {
    const refused: string[] = [];
    for (const c of checkpoints) {
      const key = `${group}\u0000${c.shard}`;
      const cur = this.rows.get(key);
      const next = BigInt(c.nextOffset);
      if (cur && cur.nextOffset > next) {
        refused.push(c.shard);
        continue;
      }
      this.rows.set(key, { nextOffset: next, json: c.json, savedBy });
      this.saves++;
    }
    return refused;
  }
}
