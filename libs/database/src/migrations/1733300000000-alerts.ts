import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alert triage: alerts (deduplicated from `siem.alerts.v1`), the detector keys each alert gathered, each alert's
 * history, exceptions (suppression) and what they suppressed, notification channels and the notification outbox.
 */
export class Alerts1733300000000 implements MigrationInterface {
  name = 'Alerts1733300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE vigie_alerts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        rule_id varchar(200) NOT NULL,
        rule_title varchar(500) NOT NULL,
        rule_tags text[] NOT NULL DEFAULT '{}',
        level varchar(16) NOT NULL,
        level_rank smallint NOT NULL,
        kind varchar(16) NOT NULL,
        group_key text NOT NULL,
        group_values jsonb NOT NULL DEFAULT '{}',
        member varchar(32) NOT NULL,
        members text[] NOT NULL DEFAULT '{}',
        hosts text[] NOT NULL DEFAULT '{}',
        application_id varchar(200) NULL,
        application_name varchar(300) NULL,
        personal_data boolean NOT NULL DEFAULT false,
        status varchar(16) NOT NULL DEFAULT 'open',
        close_reason varchar(20) NULL,
        close_comment text NULL,
        assignee varchar(120) NULL,
        tags text[] NOT NULL DEFAULT '{}',
        count integer NOT NULL,
        first_seen timestamptz NOT NULL,
        last_seen timestamptz NOT NULL,
        sample_event_ids text[] NOT NULL DEFAULT '{}',
        reopen_count integer NOT NULL DEFAULT 0,
        incident_id uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        acknowledged_at timestamptz NULL,
        closed_at timestamptz NULL
      )`);
    await q.query('CREATE INDEX vigie_alerts_group ON vigie_alerts (rule_id, group_key, last_seen DESC)');
    await q.query('CREATE INDEX vigie_alerts_queue ON vigie_alerts (status, level_rank DESC, last_seen DESC)');
    await q.query('CREATE INDEX vigie_alerts_members ON vigie_alerts USING gin (members)');
    await q.query('CREATE INDEX vigie_alerts_created ON vigie_alerts (created_at)');
    await q.query(`
      CREATE TABLE vigie_alert_keys (
        alert_key text PRIMARY KEY,
        alert_id uuid NOT NULL REFERENCES vigie_alerts(id) ON DELETE CASCADE,
        count integer NOT NULL,
        last_seen timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX vigie_alert_keys_alert ON vigie_alert_keys (alert_id)');
    await q.query(`
      CREATE TABLE vigie_alert_history (
        id bigserial PRIMARY KEY,
        alert_id uuid NOT NULL REFERENCES vigie_alerts(id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT now(),
        actor varchar(120) NOT NULL,
        action varchar(40) NOT NULL,
        field varchar(40) NULL,
        from_value text NULL,
        to_value text NULL,
        comment text NULL
      )`);
    await q.query('CREATE INDEX vigie_alert_history_alert ON vigie_alert_history (alert_id, id)');
    await q.query(`
      CREATE TABLE vigie_alert_exceptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        rule_id varchar(200) NULL,
        member varchar(32) NULL,
        host varchar(255) NULL,
        user_name varchar(255) NULL,
        source_ip varchar(64) NULL,
        match jsonb NULL,
        reason text NOT NULL,
        expires_at timestamptz NOT NULL,
        from_alert_id uuid NULL,
        created_by varchar(120) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz NULL,
        revoked_by varchar(120) NULL
      )`);
    await q.query(
      'CREATE INDEX vigie_alert_exceptions_active ON vigie_alert_exceptions (expires_at) WHERE revoked_at IS NULL',
    );
    await q.query(`
      CREATE TABLE vigie_alert_suppressions (
        alert_key text PRIMARY KEY,
        exception_id uuid NOT NULL REFERENCES vigie_alert_exceptions(id) ON DELETE CASCADE,
        rule_id varchar(200) NOT NULL,
        group_key text NOT NULL,
        member varchar(32) NOT NULL,
        base_count integer NOT NULL DEFAULT 0,
        count integer NOT NULL,
        first_seen timestamptz NOT NULL,
        last_seen timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX vigie_alert_suppressions_exception ON vigie_alert_suppressions (exception_id)');
    await q.query(`
      CREATE TABLE vigie_notification_channels (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(120) NOT NULL UNIQUE,
        kind varchar(10) NOT NULL CHECK (kind IN ('webhook', 'email')),
        url text NULL,
        secret text NULL,
        recipients text[] NOT NULL DEFAULT '{}',
        include_referents boolean NOT NULL DEFAULT false,
        digest_minutes integer NOT NULL DEFAULT 0,
        members text[] NOT NULL DEFAULT '{}',
        min_level varchar(16) NULL,
        enabled boolean NOT NULL DEFAULT true,
        created_by varchar(120) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE vigie_notifications (
        id bigserial PRIMARY KEY,
        alert_id uuid NOT NULL REFERENCES vigie_alerts(id) ON DELETE CASCADE,
        channel varchar(120) NOT NULL,
        rule_id varchar(200) NOT NULL,
        group_key text NOT NULL,
        change varchar(10) NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz NULL
      )`);
    await q.query('CREATE INDEX vigie_notifications_due ON vigie_notifications (status, next_attempt_at)');
    await q.query(
      'CREATE INDEX vigie_notifications_grace ON vigie_notifications (channel, rule_id, group_key, created_at DESC)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'vigie_notifications',
      'vigie_notification_channels',
      'vigie_alert_suppressions',
      'vigie_alert_exceptions',
      'vigie_alert_history',
      'vigie_alert_keys',
      'vigie_alerts',
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}
