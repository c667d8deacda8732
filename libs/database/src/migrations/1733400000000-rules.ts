import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Detection rule state shared by the detectors (ingestion) and the rules API (registry): the inventory the
 * detectors loaded, the enabled flag set through the API, and hit counts.
 */
export class Rules1733400000000 implements MigrationInterface {
  name = 'Rules1733400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE vigie_rules (
        id varchar(300) PRIMARY KEY,
        title text NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('detection', 'correlation', 'filter', 'unknown')),
        level varchar(16) NULL,
        tags text[] NOT NULL DEFAULT '{}',
        source_path text NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('ok', 'unsupported', 'invalid')),
        reason text NULL,
        loaded boolean NOT NULL DEFAULT true,
        enabled boolean NOT NULL DEFAULT true,
        hit_count bigint NOT NULL DEFAULT 0,
        last_hit_at timestamptz NULL,
        loaded_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX vigie_rules_enabled ON vigie_rules (enabled) WHERE enabled = false');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE vigie_rules');
  }
}
