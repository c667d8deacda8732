import { MigrationInterface, QueryRunner } from 'typeorm';

/** Statements and attachments written by people for the controls of the frameworks (evidence bundles). */
export class ControlStatements1733500000000 implements MigrationInterface {
  name = 'ControlStatements1733500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE vigie_control_statements (
        framework varchar(64) NOT NULL,
        control varchar(32) NOT NULL,
        statement text NOT NULL,
        updated_by varchar(120) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (framework, control)
      )`);
    await q.query(`
      CREATE TABLE vigie_control_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        framework varchar(64) NOT NULL,
        control varchar(32) NOT NULL,
        filename varchar(120) NOT NULL,
        sha256 char(64) NOT NULL,
        size integer NOT NULL,
        content bytea NOT NULL,
        uploaded_by varchar(120) NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (framework, control, filename)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE vigie_control_attachments');
    await q.query('DROP TABLE vigie_control_statements');
  }
}
