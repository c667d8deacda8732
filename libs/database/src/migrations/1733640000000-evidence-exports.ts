import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence exports are kept in the database (job, progress and the signed ZIP),
 * so that any registry process answers for them and they outlive a restart.
 */
export class EvidenceExports1733640000000 implements MigrationInterface {
  name = 'EvidenceExports1733640000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE vigie_evidence_exports (
        id uuid PRIMARY KEY,
        owner text NOT NULL,
        created_by text NOT NULL,
        member text NULL,
        period_from timestamptz NOT NULL,
        period_to timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
        progress jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz NULL,
        size_bytes integer NULL,
        sha256 text NULL,
        error jsonb NULL,
        zip bytea NULL
      )`);
    await q.query('CREATE INDEX vigie_evidence_exports_owner ON vigie_evidence_exports (owner, created_at DESC)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE vigie_evidence_exports');
  }
}
