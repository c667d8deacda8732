import { MigrationInterface, QueryRunner } from 'typeorm';

/** Members: the unit of tenancy for events, alerts, registers, incidents and exports. */
export class Members1732800000000 implements MigrationInterface {
  name = 'Members1732800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE vigie_members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(32) NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9_-]*$'),
        name varchar(200) NOT NULL,
        type varchar(40) NOT NULL,
        siren char(9) NULL CHECK (siren IS NULL OR siren ~ '^[0-9]{9}$'),
        networks text[] NOT NULL DEFAULT '{}',
        time_zone varchar(64) NOT NULL DEFAULT 'Europe/Paris',
        retention_days integer NOT NULL DEFAULT 365 CHECK (retention_days > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      INSERT INTO vigie_members (code, name, type)
      VALUES ('unattributed', 'Sources non attribuées', 'internal')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE vigie_members');
  }
}
