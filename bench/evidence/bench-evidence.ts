/**
 * Evidence bundle benchmark on an in-memory PGlite.
 *
 *   npm run build && node dist/bench/evidence/bench-evidence.js
 *
 * Seeds one year (2025) of data with SQL: 5 cities, 60 applications, 300
 * processing activities, 10,000 alerts, 50 incidents (with corrective actions
 * and 5 breaches), 2,000 audit records through the audit trail; then times one
 * bundle for all members over the year (target: under 30 s), builds it a second
 * time and checks the file hashes are identical, and verifies it.
 */
import { AuditTrail } from '@vigie/audit';
import { RequestContext, SYSTEM_PRINCIPAL } from '@vigie/auth';
import { dataSourceOptions } from '@vigie/database';
import { verifyBundle } from '@vigie/evidence';
import { normaliseContent } from '@vigie/gdpr';
import { PostgresEventStore } from '@vigie/event-store';
import { setLogLevel } from '@vigie/observability';
import { EvidenceBundleService } from '@vigie/registry/evidence/evidence-bundle.service';
import { DataSource } from 'typeorm';

const CITIES = [
  ['arcueil', 'Arcueil'],
  ['gentilly', 'Gentilly'],
  ['ivry', 'Ivry-sur-Seine'],
  ['villejuif', 'Villejuif'],
  ['vitry', 'Vitry-sur-Seine'],
];

async function seed(ds: DataSource, audit: AuditTrail): Promise<void> {
  for (const [code, name] of CITIES)
    await ds.query(`INSERT INTO vigie_members (code, name, type) VALUES ($1, $2, 'city')`, [code, name]);
  await ds.query(
    `INSERT INTO vigie_applications (name, vendor, domain, hosting, hosts)
     SELECT 'Application ' || lpad(i::text, 2, '0'), 'Vendor ' || (i % 12), 'Domain ' || (i % 8), 'consortium',
            jsonb_build_array(jsonb_build_object('hostname', 'srv-app-' || i || '.siim94.local', 'ip', '10.20.' || i || '.2'))
       FROM generate_series(1, 60) i`,
  );
  await ds.query(
    `INSERT INTO vigie_application_members (application_id, member)
     SELECT a.id, m.code FROM vigie_applications a JOIN vigie_members m ON (abs(hashtext(a.name || m.code)) % 3) = 0`,
  );
  await ds.query(
    `INSERT INTO vigie_processing_activities (member, reference, name, status, content, created_by, updated_by, created_at, updated_at)
     SELECT m.code, 'T-' || lpad(i::text, 3, '0'), 'Traitement ' || i || ' ' || m.code, CASE WHEN i % 3 = 0 THEN 'validated' ELSE 'draft' END,
            jsonb_build_object('reference', 'T-' || lpad(i::text, 3, '0'), 'name', 'Traitement ' || i || ' ' || m.code,
              'purposes', jsonb_build_array('Finalité ' || i), 'legalBasis', 'public_task',
              'dataSubjects', jsonb_build_array(jsonb_build_object('code', 'agents')),
              'dataCategories', jsonb_build_array(jsonb_build_object('code', 'identity', 'retentionPeriod', '5 ans'))),
            'bench', 'bench', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'
       FROM vigie_members m CROSS JOIN generate_series(1, 60) i`,
  );
  await ds.query(
    `INSERT INTO vigie_activity_applications (activity_id, application_id)
     SELECT p.id, (SELECT id FROM vigie_applications ORDER BY name OFFSET (abs(hashtext(p.reference)) % 60) LIMIT 1) FROM vigie_processing_activities p`,
  );
  // Every record in the shape the registry writes (normaliseContent), with its application links.
  const rows: Array<{ id: string; content: Parameters<typeof normaliseContent>[0] | string; app: string }> =
    await ds.query(
      'SELECT p.id, p.content, aa.application_id AS app FROM vigie_processing_activities p JOIN vigie_activity_applications aa ON aa.activity_id = p.id',
    );
  for (const r of rows) {
    const c = typeof r.content === 'string' ? JSON.parse(r.content) : r.content;
    await ds.query('UPDATE vigie_processing_activities SET content = $2 WHERE id = $1', [
      r.id,
      JSON.stringify(normaliseContent({ ...c, applicationIds: [r.app] })),
    ]);
  }
  await ds.query(
    `INSERT INTO vigie_alerts (rule_id, rule_title, rule_tags, level, level_rank, kind, group_key, member, members, hosts, status, close_reason, count,
                               first_seen, last_seen, created_at, acknowledged_at, closed_at)
     SELECT 'rule-' || (i % 40), 'Rule ' || (i % 40), ARRAY['attack.t1110', 'attack.credential_access'], (ARRAY['low','medium','high','critical'])[1 + i % 4], 1 + i % 4,
            'detection', 'k' || i, m, ARRAY[m], ARRAY['host-' || (i % 50)],
            CASE WHEN i % 5 = 0 THEN 'open' ELSE 'closed' END, CASE WHEN i % 5 = 0 THEN NULL ELSE (ARRAY['true_positive','false_positive','benign_positive'])[1 + i % 3] END, 1 + i % 9,
            t, t + interval '5 minutes', t + interval '6 minutes', t + interval '20 minutes', CASE WHEN i % 5 = 0 THEN NULL ELSE t + interval '3 hours' END
       FROM (SELECT i, (ARRAY['arcueil','gentilly','ivry','villejuif','vitry'])[1 + i % 5] AS m,
                    timestamptz '2025-01-01T00:00:00Z' + (i * interval '52 minutes') AS t FROM generate_series(1, 10000) i) s`,
  );
  await ds.query(
    `INSERT INTO vigie_incidents (reference, title, detected_at, occurred_at, reporter, source, category, impact, urgency, severity, status, created_by)
     SELECT 'INC-2025-' || lpad(i::text, 4, '0'), 'Incident ' || i, timestamptz '2025-01-03T00:00:00Z' + i * interval '7 days',
            timestamptz '2025-01-02T00:00:00Z' + i * interval '7 days', 'bench', 'alert', 'malware', 'medium', 'medium', 'medium', 'closed', 'bench'
       FROM generate_series(1, 50) i`,
  );
  await ds.query(
    `INSERT INTO vigie_incident_members (incident_id, member, manual)
     SELECT id, (ARRAY['arcueil','gentilly','ivry','villejuif','vitry'])[1 + (substring(reference from 10)::int % 5)], true FROM vigie_incidents`,
  );
  await ds.query(
    `INSERT INTO vigie_corrective_actions (source, incident_id, title, nonconformity, action, owner, status, created_by, created_at)
     SELECT 'incident', id, 'Action for ' || reference, 'Gap found in ' || reference, 'Fix it', 'Pôle infrastructure', 'open', 'bench', detected_at + interval '1 day'
       FROM vigie_incidents`,
  );
  await ds.query(
    `INSERT INTO vigie_breaches (incident_id, consortium_aware_at, nature, opened_by)
     SELECT id, detected_at, 'Confidentiality breach', 'bench' FROM vigie_incidents WHERE substring(reference from 10)::int % 10 = 0`,
  );
  await ds.query(
    `INSERT INTO vigie_breach_controllers (breach_id, member) SELECT b.id, im.member FROM vigie_breaches b JOIN vigie_incident_members im ON im.incident_id = b.incident_id`,
  );
  await RequestContext.run({ requestId: 'bench', principal: SYSTEM_PRINCIPAL }, async () => {
    for (let i = 0; i < 2000; i++)
      await audit.record({
        action: 'bench.change',
        entityType: 'bench',
        entityId: String(i),
        member: CITIES[i % 5][0],
        details: { i },
      });
  });
}

async function main(): Promise<void> {
  setLogLevel('warn');
  const ds = await new DataSource(
    await dataSourceOptions({ driver: 'pglite', dataDir: 'memory://', poolSize: 1 }),
  ).initialize();
  await ds.runMigrations({ transaction: 'each' });
  const audit = new AuditTrail(ds);
  const t0 = Date.now();
  await seed(ds, audit);
  const seeded = Date.now() - t0;
  const service = new EvidenceBundleService(ds, audit, new PostgresEventStore(ds));
  const principal = { ...SYSTEM_PRINCIPAL, name: 'bench' };
  const run = (to = '2026-01-01') =>
    RequestContext.run({ requestId: 'bench-export', principal }, () =>
      service.export({ from: '2025-01-01', to, scope: undefined, createdBy: 'bench' }),
    );
  const t1 = Date.now();
  const first = await run();
  const exportMs = Date.now() - t1;
  const second = await run();
  const identical = JSON.stringify(first.manifest.files) === JSON.stringify(second.manifest.files);
  const report = await verifyBundle(first.zip);
  // The seeded audit records carry today's date: a period reaching today also extracts and verifies them.
  const t2 = Date.now();
  const withAudit = await run(new Date(Date.now() + 86_400_000).toISOString());
  const withAuditMs = Date.now() - t2;
  const result = {
    seedMs: seeded,
    exportMs,
    exportUpToTodayWithAuditMs: withAuditMs,
    auditItem: withAudit.manifest.items.find((i) => i.id === 'audit-trail')?.status,
    zipBytes: first.zip.length,
    files: first.manifest.files.length,
    identicalHashes: identical,
    verified: report.ok,
    items: Object.fromEntries(first.manifest.items.map((i) => [i.id, i.status])),
  };
  // eslint-disable-next-line no-console
  console.log(
    `evidence bundle, all members, one year: ${(exportMs / 1000).toFixed(2)} s (target < 30 s), ${result.files} files, ${(result.zipBytes / 1e6).toFixed(2)} MB`,
  );
  // eslint-disable-next-line no-console
  console.log(JSON.stringify(result));
  await ds.destroy();
  if (!identical || !report.ok || exportMs > 30_000) process.exitCode = 1;
}

void main();
