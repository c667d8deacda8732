import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ISMS incident log (ISO 27001 A 5.24-5.28): incidents with their links, an
 * append-only timeline and evidence (chain of custody), the personal-data
 * breach workflow per controller (GDPR Art. 33/34), and corrective actions
 * (clause 10.2).
 */
export class Isms1733200000000 implements MigrationInterface {
  name = 'Isms1733200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE vigie_incident_counters (year integer PRIMARY KEY, last_seq integer NOT NULL)`);
    await q.query(`
      CREATE TABLE vigie_incidents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference varchar(20) NOT NULL UNIQUE,
        title varchar(300) NOT NULL,
        description text NOT NULL DEFAULT '',
        occurred_at timestamptz NULL,
        detected_at timestamptz NOT NULL,
        reported_at timestamptz NULL,
        resolved_at timestamptz NULL,
        reporter varchar(200) NOT NULL,
        source varchar(20) NOT NULL,
        source_ref varchar(200) NULL,
        category varchar(40) NOT NULL,
        impact varchar(10) NOT NULL,
        urgency varchar(10) NOT NULL,
        severity varchar(10) NOT NULL,
        confidentiality varchar(10) NOT NULL DEFAULT 'none',
        integrity varchar(10) NOT NULL DEFAULT 'none',
        availability varchar(10) NOT NULL DEFAULT 'none',
        personal_data_suspected boolean NOT NULL DEFAULT false,
        status varchar(20) NOT NULL DEFAULT 'new',
        decision varchar(10) NULL,
        decision_by varchar(120) NULL,
        decision_at timestamptz NULL,
        decision_rationale text NULL,
        root_cause text NULL,
        lessons_learned text NULL,
        triaged_at timestamptz NULL,
        contained_at timestamptz NULL,
        eradicated_at timestamptz NULL,
        recovered_at timestamptz NULL,
        closed_at timestamptz NULL,
        created_by varchar(120) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX vigie_incidents_detected ON vigie_incidents (detected_at)');
    await q.query(`
      CREATE TABLE vigie_incident_members (
        incident_id uuid NOT NULL REFERENCES vigie_incidents(id) ON DELETE CASCADE,
        member varchar(32) NOT NULL REFERENCES vigie_members(code) ON UPDATE CASCADE,
        manual boolean NOT NULL DEFAULT false,
        derived boolean NOT NULL DEFAULT false,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (incident_id, member)
      )`);
    await q.query('CREATE INDEX vigie_incident_members_member ON vigie_incident_members (member)');
    await q.query(`
      CREATE TABLE vigie_incident_links (
        incident_id uuid NOT NULL REFERENCES vigie_incidents(id) ON DELETE CASCADE,
        kind varchar(16) NOT NULL CHECK (kind IN ('application', 'host', 'alert')),
        ref varchar(255) NOT NULL,
        added_by varchar(120) NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (incident_id, kind, ref)
      )`);
    await q.query(`
      CREATE TABLE vigie_incident_evidence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL REFERENCES vigie_incidents(id),
        filename varchar(255) NOT NULL,
        content_type varchar(160) NOT NULL,
        size_bytes bigint NOT NULL,
        sha256 char(64) NOT NULL,
        content bytea NOT NULL,
        description text NULL,
        uploaded_by varchar(120) NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX vigie_incident_evidence_incident ON vigie_incident_evidence (incident_id)');
    await q.query(`
      CREATE TABLE vigie_incident_timeline (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL REFERENCES vigie_incidents(id),
        seq integer NOT NULL,
        kind varchar(16) NOT NULL,
        status varchar(20) NOT NULL,
        phase varchar(20) NOT NULL,
        body text NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        author varchar(120) NOT NULL,
        corrects uuid NULL REFERENCES vigie_incident_timeline(id),
        evidence_id uuid NULL REFERENCES vigie_incident_evidence(id),
        UNIQUE (incident_id, seq)
      )`);
    // Timeline and evidence are append-only: corrections are new entries.
    await q.query(`
      CREATE FUNCTION vigie_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001';
      END $$`);
    for (const t of ['vigie_incident_timeline', 'vigie_incident_evidence'])
      await q.query(
        `CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION vigie_refuse_change()`,
      );

    await q.query(`
      CREATE TABLE vigie_breaches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL UNIQUE REFERENCES vigie_incidents(id) ON DELETE CASCADE,
        consortium_aware_at timestamptz NOT NULL,
        nature text NOT NULL,
        subjects_approx integer NULL,
        records_approx integer NULL,
        opened_by varchar(120) NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE vigie_breach_controllers (
        breach_id uuid NOT NULL REFERENCES vigie_breaches(id) ON DELETE CASCADE,
        member varchar(32) NOT NULL REFERENCES vigie_members(code) ON UPDATE CASCADE,
        aware_at timestamptz NULL,
        aware_recorded_by varchar(120) NULL,
        risk varchar(10) NULL,
        risk_rationale text NULL,
        encrypted boolean NOT NULL DEFAULT false,
        mitigated boolean NOT NULL DEFAULT false,
        disproportionate_effort boolean NOT NULL DEFAULT false,
        assessed_by varchar(120) NULL,
        assessed_at timestamptz NULL,
        subjects_told_at timestamptz NULL,
        subjects_told_method varchar(200) NULL,
        subjects_told_content text NULL,
        PRIMARY KEY (breach_id, member)
      )`);
    await q.query('CREATE INDEX vigie_breach_controllers_member ON vigie_breach_controllers (member)');
    await q.query(`
      CREATE TABLE vigie_breach_notices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        breach_id uuid NOT NULL REFERENCES vigie_breaches(id) ON DELETE CASCADE,
        member varchar(32) NOT NULL REFERENCES vigie_members(code) ON UPDATE CASCADE,
        sent_at timestamptz NOT NULL,
        sent_by varchar(200) NOT NULL,
        channel varchar(80) NULL,
        content text NOT NULL,
        recorded_by varchar(120) NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE vigie_breach_notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        breach_id uuid NOT NULL REFERENCES vigie_breaches(id) ON DELETE CASCADE,
        member varchar(32) NOT NULL REFERENCES vigie_members(code) ON UPDATE CASCADE,
        phase varchar(12) NOT NULL,
        sent_at timestamptz NOT NULL,
        cnil_reference varchar(120) NULL,
        nature text NULL,
        subjects_approx integer NULL,
        records_approx integer NULL,
        dpo_contact text NULL,
        consequences text NULL,
        measures text NULL,
        late boolean NOT NULL DEFAULT false,
        late_justification text NULL,
        recorded_by varchar(120) NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX vigie_breach_notifications_breach ON vigie_breach_notifications (breach_id, member)');

    await q.query(`
      CREATE TABLE vigie_corrective_actions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source varchar(12) NOT NULL,
        incident_id uuid NULL REFERENCES vigie_incidents(id),
        member varchar(32) NULL REFERENCES vigie_members(code) ON UPDATE CASCADE,
        title varchar(300) NOT NULL,
        nonconformity text NOT NULL,
        correction text NULL,
        root_cause text NULL,
        action text NOT NULL,
        owner varchar(200) NOT NULL,
        due_date date NULL,
        status varchar(16) NOT NULL DEFAULT 'open',
        review_date date NULL,
        review_method text NULL,
        review_result varchar(12) NULL,
        reviewer varchar(200) NULL,
        review_notes text NULL,
        closed_at timestamptz NULL,
        created_by varchar(120) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX vigie_corrective_actions_incident ON vigie_corrective_actions (incident_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'vigie_corrective_actions',
      'vigie_breach_notifications',
      'vigie_breach_notices',
      'vigie_breach_controllers',
      'vigie_breaches',
      'vigie_incident_timeline',
      'vigie_incident_evidence',
      'vigie_incident_links',
      'vigie_incident_members',
      'vigie_incidents',
      'vigie_incident_counters',
    ])
      await q.query(`DROP TABLE ${t}`);
    await q.query('DROP FUNCTION vigie_refuse_change()');
  }
}
