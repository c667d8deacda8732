import { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, sessions, revoked tokens, API keys, secrets and the hash-chained audit trail. */
export class Accounts1733000000000 implements MigrationInterface {
  name = 'Accounts1733000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE vigie_users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(64) NOT NULL UNIQUE,
        display_name varchar(200) NOT NULL DEFAULT '',
        email varchar(254) NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL DEFAULT '{}',
        member_scopes text[] NOT NULL DEFAULT '{}',
        disabled boolean NOT NULL DEFAULT false,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz NULL,
        last_login_at timestamptz NULL,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE vigie_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES vigie_users(id) ON DELETE CASCADE,
        refresh_hash char(64) NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        source_ip varchar(64) NULL
      )`);
    await q.query(`
      CREATE TABLE vigie_revoked_tokens (
        jti uuid PRIMARY KEY,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE vigie_api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member varchar(32) NOT NULL REFERENCES vigie_members(code) ON UPDATE CASCADE,
        name varchar(120) NOT NULL,
        prefix varchar(16) NOT NULL,
        secret_hash char(64) NOT NULL UNIQUE,
        created_by varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NULL,
        revoked_at timestamptz NULL
      )`);
    await q.query(
      `CREATE TABLE vigie_secrets (name varchar(64) PRIMARY KEY, value text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
    );
    await q.query(`
      CREATE TABLE vigie_audit (
        seq bigint PRIMARY KEY,
        at timestamptz NOT NULL,
        actor varchar(120) NOT NULL,
        actor_kind varchar(16) NOT NULL,
        roles text[] NOT NULL DEFAULT '{}',
        member_scope text[] NULL,
        member varchar(32) NULL,
        action varchar(80) NOT NULL,
        entity_type varchar(80) NOT NULL,
        entity_id varchar(120) NULL,
        changes jsonb NULL,
        request_id varchar(80) NULL,
        source_ip varchar(64) NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL
      )`);
    await q.query('CREATE INDEX vigie_audit_at ON vigie_audit (at)');
    await q.query('CREATE INDEX vigie_audit_entity ON vigie_audit (entity_type, entity_id)');
    await q.query('CREATE INDEX vigie_audit_member ON vigie_audit (member)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'vigie_audit',
      'vigie_secrets',
      'vigie_api_keys',
      'vigie_revoked_tokens',
      'vigie_sessions',
      'vigie_users',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
