import { AuditTrail } from '@vigie/audit';
import { type Principal, RequestContext } from '@vigie/auth';
import { loadConfig } from '@vigie/config';
import { describeWithServices } from '@vigie/testing';
import { EvidenceExportsService, type ExportJobView } from '@vigie/registry/evidence/evidence-exports.service';
import { type OpenDatabase, openPGlite, openPostgres } from '../pipeline/databases';

const AUDITOR: Principal = { kind: 'user', id: 'u-auditor', name: 'auditor1', roles: ['auditor'], members: 'all' };
const OTHER: Principal = { kind: 'user', id: 'u-other', name: 'rssi2', roles: ['rssi'], members: 'all' };
const ADMIN: Principal = { kind: 'user', id: 'u-admin', name: 'admin', roles: ['admin'], members: 'all' };

/** Evidence exports kept in the database: two service instances (two registry processes) over one database. */
function runEvidenceExportsSuite(open: () => Promise<OpenDatabase>): void {
  let db: OpenDatabase;
  let first: EvidenceExportsService;
  let second: EvidenceExportsService;
  const as = <T>(p: Principal, fn: () => Promise<T>) => RequestContext.run({ requestId: 'evidence', principal: p }, fn);

  beforeAll(async () => {
    db = await open();
    const config = loadConfig({ profile: 'embedded', env: {} });
    first = new EvidenceExportsService(db.dataSource, new AuditTrail(db.dataSource), config);
    second = new EvidenceExportsService(db.dataSource, new AuditTrail(db.dataSource), config);
  });
  afterAll(() => db.cleanup());

  it('runs an export on one instance; the other follows it, lists it and serves the same ZIP', async () => {
    const started = await as(AUDITOR, () => first.create({ from: '2001-01-01', to: '2001-02-01' }));
    expect(started.status).toBe('running');
    let job: ExportJobView = started;
    for (let i = 0; i < 400 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = await as(AUDITOR, () => second.get(started.id));
    }
    expect(job).toMatchObject({ status: 'done', progress: { percent: 100 }, createdBy: 'auditor1' });
    expect(job.size).toBeGreaterThan(100);
    const zip = await as(AUDITOR, () => second.download(started.id));
    expect(zip.body.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(zip.body.length).toBe(job.size);
    expect(zip.sha256).toBe(job.sha256);

    expect((await as(AUDITOR, () => second.list())).map((j) => j.id)).toContain(started.id);
    expect((await as(OTHER, () => second.list())).map((j) => j.id)).not.toContain(started.id);
    await expect(as(OTHER, () => second.get(started.id))).rejects.toMatchObject({ code: 'not_found' });
    expect((await as(ADMIN, () => second.list())).map((j) => j.id)).toContain(started.id);

    const audit: Array<{ action: string }> = await db.dataSource.query(
      `SELECT action FROM vigie_audit WHERE entity_type = 'evidence_export' AND entity_id = $1 ORDER BY seq`,
      [started.id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'evidence.export_requested',
      'evidence.export_completed',
      'evidence.export_downloaded',
    ]);
  });

  it('shows an export whose process stopped reporting as interrupted', async () => {
    const started = await as(AUDITOR, () => first.create({ from: '2001-01-01', to: '2001-01-02' }));
    for (let i = 0; i < 400; i++) {
      if ((await as(AUDITOR, () => second.get(started.id))).status !== 'running') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // As if the export had been left running by a process that stopped an hour ago.
    await db.dataSource.query(
      `UPDATE vigie_evidence_exports SET status = 'running', finished_at = NULL, updated_at = now() - interval '1 hour'
       WHERE id = $1`,
      [started.id],
    );
    const job = await as(AUDITOR, () => second.get(started.id));
    expect(job).toMatchObject({ status: 'failed', error: { code: 'export_interrupted' }, download: null });
    await expect(as(AUDITOR, () => second.download(started.id))).rejects.toMatchObject({ code: 'export_not_ready' });
  });
}

describe('evidence exports on PGlite', () => runEvidenceExportsSuite(openPGlite));
describeWithServices(['postgres'], 'evidence exports on PostgreSQL', () => runEvidenceExportsSuite(openPostgres));
