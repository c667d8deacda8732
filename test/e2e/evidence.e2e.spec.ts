import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CliContext } from '@vigie/cli/cli-context';
import { buildProgram } from '@vigie/cli/main';
import { Manifest, readZip, verifyBundle, writeZip } from '@vigie/evidence';
import { EventStore } from '@vigie/event-store';
import { ADMIN_PASSWORD, ApiClient, startEmbeddedApp, TestApp, USER_PASSWORD } from '@vigie/testing';

const PAST = { from: '2025-01-01', to: '2026-01-01' };
const WIDE = { from: '2025-01-01', to: '2099-01-01' };

describe('evidence bundles (embedded)', () => {
  let t: TestApp;
  let anon: ApiClient;
  let admin: ApiClient;
  let auditor: ApiClient;
  let refIvry: ApiClient;
  let tokens: Map<ApiClient, string>;

  async function login(username: string, password: string): Promise<ApiClient> {
    const r = await anon.post('/api/v1/auth/login', { username, password });
    expect(r.status).toBe(200);
    const c = anon.withToken(r.body.accessToken);
    tokens.set(c, r.body.accessToken);
    return c;
  }

  /** POST, poll until done, download the ZIP bytes. */
  async function exportBundle(who: ApiClient, body: Record<string, unknown>): Promise<Buffer> {
    const started = await who.post('/api/v1/evidence/exports', body);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', progress: expect.any(Object) });
    let job = started.body;
    const seen = new Set<number>();
    for (let i = 0; i < 600 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await who.get(`/api/v1/evidence/exports/${started.body.id}`)).body;
      seen.add(job.progress.percent);
    }
    expect(job).toMatchObject({ status: 'done', progress: { percent: 100 }, download: expect.any(String) });
    const res = await fetch(t.baseUrl + job.download, { headers: { authorization: `Bearer ${tokens.get(who)}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    return Buffer.from(await res.arrayBuffer());
  }

  const manifestOf = async (zip: Buffer) =>
    JSON.parse((await readZip(zip)).get('manifest.json')!.toString()) as Manifest;

  beforeAll(async () => {
    process.env.VIGIE_ADMIN_PASSWORD = ADMIN_PASSWORD;
    t = await startEmbeddedApp();
    anon = new ApiClient(t.baseUrl);
    tokens = new Map();
    admin = await login('admin', ADMIN_PASSWORD);
    for (const [code, name] of [
      ['ivry', 'Ivry-sur-Seine'],
      ['vitry', 'Vitry-sur-Seine'],
    ])
      expect((await admin.post('/api/v1/members', { code, name, type: 'city' })).status).toBe(201);
    for (const [username, roles, memberScopes] of [
      ['auditor1', ['auditor'], []],
      ['rssi1', ['rssi'], []],
      ['dpo1', ['dpo'], []],
      ['ref-ivry', ['referent'], ['ivry']],
    ] as const)
      expect(
        (await admin.post('/api/v1/users', { username, password: USER_PASSWORD, roles, memberScopes })).status,
      ).toBe(201);
    auditor = await login('auditor1', USER_PASSWORD);
    refIvry = await login('ref-ivry', USER_PASSWORD);
    const rssi = await login('rssi1', USER_PASSWORD);
    const dpo = await login('dpo1', USER_PASSWORD);
    for (const [member, title] of [
      ['ivry', 'Phishing campaign on Ivry webmail'],
      ['vitry', 'Ransomware on Vitry file server'],
    ]) {
      const r = await rssi.post('/api/v1/incidents', {
        title,
        source: 'user_report',
        category: 'phishing',
        members: [member],
        detectedAt: '2025-06-01T08:00:00Z',
        occurredAt: '2025-06-01T07:00:00Z',
      });
      expect(r.status).toBe(201);
      const a = await dpo.post(`/api/v1/members/${member}/processing-activities`, {
        name: `Paie des agents ${member}`,
        purposes: ['Calcul des salaires'],
        legalBasis: 'legal_obligation',
        dataSubjects: [{ code: 'agents' }],
        dataCategories: [{ code: 'identity' }],
      });
      expect(a.status).toBe(201);
    }
    const ds = t.app.get(DataSource);
    await ds.query(
      `INSERT INTO vigie_alerts (rule_id, rule_title, level, level_rank, kind, group_key, member, members, status, close_reason, count, first_seen, last_seen, created_at, acknowledged_at, closed_at)
       VALUES ('r-ssh', 'SSH brute force', 'high', 3, 'detection', 'k1', 'ivry', '{ivry}', 'closed', 'true_positive', 5, '2025-03-02T10:00:00Z', '2025-03-02T10:05:00Z', '2025-03-02T10:06:00Z', '2025-03-02T10:16:00Z', '2025-03-02T12:06:00Z'),
              ('r-vitry-only', 'Vitry-only secret rule', 'low', 1, 'detection', 'k2', 'vitry', '{vitry}', 'open', NULL, 1, '2025-04-02T10:00:00Z', '2025-04-02T10:00:00Z', '2025-04-02T10:00:00Z', NULL, NULL)`,
    );
  });
  afterAll(() => t?.close());

  it('exports a bundle that verifies, with items, frameworks and a signed manifest; the export is audit-logged', async () => {
    const zip = await exportBundle(auditor, WIDE);
    const report = await verifyBundle(zip);
    expect(report).toMatchObject({ ok: true, signature: 'valid', changed: [], added: [], removed: [] });
    const files = await readZip(zip);
    const m = await manifestOf(zip);
    expect(m).toMatchObject({
      period: { from: '2025-01-01T00:00:00.000Z', to: '2099-01-01T00:00:00.000Z' },
      scope: { members: 'all' },
      createdBy: 'auditor1',
    });
    for (const p of [
      'index.html',
      'registers/ivry/register.csv',
      'registers/ivry/register.pdf',
      'registers/vitry/register.csv',
      'registers/processor-register.csv',
      'incidents/incident-log.csv',
      'incidents/corrective-actions.csv',
      'incidents/breach-registers.csv',
      'alerts/alert-statistics.json',
      'rules/rule-inventory.csv',
      'rules/attack-coverage.json',
      'log-sources/log-source-coverage.csv',
      'log-sources/retention.csv',
      'access/users.csv',
      'access/api-keys.csv',
      'audit/audit-extract.csv',
      'audit/chain-verification.json',
    ])
      expect({ p, present: files.has(p) }).toEqual({ p, present: true });
    expect(files.get('incidents/incident-log.csv')!.toString()).toContain('Phishing campaign on Ivry webmail');
    expect(files.get('registers/ivry/register.csv')!.toString()).toContain('Paie des agents ivry');
    expect(files.get('registers/ivry/register.pdf')!.subarray(0, 5).toString()).toBe('%PDF-');
    const stats = JSON.parse(files.get('alerts/alert-statistics.json')!.toString());
    expect(stats).toMatchObject({
      total: 2,
      timeToAcknowledge: { count: 1, meanSeconds: 600 },
      timeToClose: { count: 1, meanSeconds: 7200 },
    });
    expect(JSON.parse(files.get('audit/chain-verification.json')!.toString())).toMatchObject({ ok: true });
    expect(files.get('access/users.csv')!.toString()).toContain('ref-ivry');
    expect(files.get('index.html')!.toString()).toMatch(/A\.8\.15[\s\S]*evidence present/);
    expect(m.items.find((i) => i.id === 'breach-registers')!.status).toBe('no-data');
    expect(files.get('incidents/breach-registers-no-data.txt')!.toString()).toMatch(/^no data/);
    const audit = (await admin.get('/api/v1/audit?entityType=evidence_export&limit=100')).body;
    const actions = (Array.isArray(audit) ? audit : (audit.items ?? audit.records ?? [])).map(
      (r: { action: string }) => r.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(['evidence.export_requested', 'evidence.export_completed', 'evidence.export_downloaded']),
    );
  });

  it('fails verification naming the file when one byte of it is flipped', async () => {
    const zip = await exportBundle(auditor, PAST);
    const files = await readZip(zip);
    const body = Buffer.from(files.get('incidents/incident-log.csv')!);
    body[10] ^= 0x01;
    files.set('incidents/incident-log.csv', body);
    const tampered = await writeZip([...files].map(([path, b]) => ({ path, body: b })));
    const report = await verifyBundle(tampered);
    expect(report.ok).toBe(false);
    expect(report.changed).toEqual(['incidents/incident-log.csv']);
    expect(report.problems).toEqual(['file changed: incidents/incident-log.csv']);
  });

  it('gives identical file hashes for two exports of the same period', async () => {
    const a = await manifestOf(await exportBundle(auditor, PAST));
    const b = await manifestOf(await exportBundle(auditor, PAST));
    expect(a.files.length).toBeGreaterThan(15);
    expect(b.files).toEqual(a.files);
    expect(a.items.find((i) => i.id === 'incident-log')!.status).toBe('present');
    expect(a.items.find((i) => i.id === 'alert-stats')!.status).toBe('present');
  });

  it('reports log sources with their application, and flags a source whose clock is off (time-sync)', async () => {
    const app = await admin.post('/api/v1/applications', {
      name: 'Portail famille (evidence)',
      vendor: 'Test',
      domain: 'Enfance',
      hosting: 'consortium',
      hosts: [{ hostname: 'famille-web.ivry.fr' }],
      members: ['ivry'],
    });
    expect(app.status).toBe(201);
    const base = Date.UTC(2025, 5, 1, 10, 0, 0);
    const ev = (i: number, host: string, skewSeconds: number) => {
      const created = new Date(base + i * 1000).toISOString();
      const ts = new Date(base + i * 1000 + skewSeconds * 1000).toISOString();
      const id = `ts-${host}-${i}`;
      return { id, member: 'ivry', timestamp: ts, doc: { '@timestamp': ts, event: { id, created }, host: { hostname: host }, message: `sync ${i}` } };
    };
    const store = t.app.get(EventStore);
    const written = await store.bulkWrite([...Array.from({ length: 5 }, (_, i) => ev(i, 'famille-web.ivry.fr', 2)), ...Array.from({ length: 5 }, (_, i) => ev(i, 'drifting.ivry.fr', -600))]);
    expect(written).toEqual({ written: 10, rejected: [] });
    await store.refresh();
    const files = await readZip(await exportBundle(admin, { ...PAST, member: 'ivry' }));
    const sync = files.get('log-sources/time-sync.csv')!.toString();
    expect(sync).toContain('ivry,drifting.ivry.fr,5,-600,true');
    expect(sync).toContain('ivry,famille-web.ivry.fr,5,2,false');
    const coverage = files.get('log-sources/log-source-coverage.csv')!.toString();
    expect(coverage).toMatch(/ivry,host\.hostname,famille-web\.ivry\.fr,Portail famille \(evidence\),5,/);
  });

  it('puts the statements and attachments written for a control into the bundle, and refuses unknown controls', async () => {
    const put = await admin.request('PUT', '/api/v1/evidence/controls/anssi-hygiene/36', { statement: 'Journaux centralisés dans Vigie, conservés un an.' });
    expect(put.status).toBe(200);
    const pdf = Buffer.from('%PDF-1.4 procedure de journalisation');
    const att = await admin.post('/api/v1/evidence/controls/anssi-hygiene/36/attachments', { filename: 'procedure.pdf', contentBase64: pdf.toString('base64') });
    expect(att.status).toBe(201);
    expect(att.body.attachments[0]).toMatchObject({ filename: 'procedure.pdf', size: pdf.length });
    expect((await admin.request('PUT', '/api/v1/evidence/controls/anssi-hygiene/999', { statement: 'x' })).status).toBe(404);
    expect((await auditor.request('PUT', '/api/v1/evidence/controls/anssi-hygiene/36', { statement: 'x' })).status).toBe(403);
    const zip = await exportBundle(admin, PAST);
    const files = await readZip(zip);
    expect(files.get('statements/anssi-hygiene/36/procedure.pdf')!.equals(pdf)).toBe(true);
    expect(files.get('statements/statements.csv')!.toString()).toContain('Journaux centralisés dans Vigie');
    expect(files.get('index.html')!.toString()).toContain('statements/anssi-hygiene/36/procedure.pdf');
    const audit = await admin.get('/api/v1/audit?limit=1000');
    expect(audit.body.records.map((r: { action: string }) => r.action)).toEqual(expect.arrayContaining(['control.statement_set', 'control.attachment_added']));
  });

  it("limits a referent's export to their member", async () => {
    const zip = await exportBundle(refIvry, WIDE);
    const files = await readZip(zip);
    expect((await manifestOf(zip)).scope).toEqual({ members: ['ivry'] });
    expect([...files.keys()].filter((p) => p.startsWith('registers/') && p.includes('vitry'))).toEqual([]);
    for (const [path, body] of files) {
      if (
        path.endsWith('.pdf') ||
        path.startsWith('frameworks/') ||
        path === 'manifest.sig' ||
        path === 'public-key.pem'
      )
        continue;
      const text = body.toString();
      expect({ path, vitry: /vitry/i.test(text) }).toEqual({ path, vitry: false });
    }
    expect(files.get('incidents/incident-log.csv')!.toString()).toContain('Phishing campaign on Ivry webmail');
    const forbidden = await refIvry.post('/api/v1/evidence/exports', { ...WIDE, member: 'vitry' });
    expect(forbidden.status).toBe(404);
  });

  it('lists the exports each caller may see: their own, newest first; every one for an admin', async () => {
    const mine = await auditor.post('/api/v1/evidence/exports', { from: '2001-01-01', to: '2001-01-02' });
    const theirs = await refIvry.post('/api/v1/evidence/exports', { from: '2001-01-01', to: '2001-01-03' });
    expect([mine.status, theirs.status]).toEqual([202, 202]);
    const ids = async (who: ApiClient) => {
      const r = await who.get('/api/v1/evidence/exports');
      expect(r.status).toBe(200);
      return (r.body as Array<{ id: string; createdAt: string }>).map((j) => j.id);
    };
    const auditorSees = await ids(auditor);
    expect(auditorSees).toContain(mine.body.id);
    expect(auditorSees).not.toContain(theirs.body.id);
    const refSees = await ids(refIvry);
    expect(refSees).toContain(theirs.body.id);
    expect(refSees).not.toContain(mine.body.id);
    const all = await admin.get('/api/v1/evidence/exports');
    const adminSees = (all.body as Array<{ id: string; createdAt: string }>).map((j) => j.id);
    expect(adminSees).toEqual(expect.arrayContaining([mine.body.id, theirs.body.id]));
    const times = (all.body as Array<{ createdAt: string }>).map((j) => j.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    const dpo = await login('dpo1', USER_PASSWORD);
    expect((await dpo.get('/api/v1/evidence/exports')).status).toBe(403);
  });

  it('answers a clear error for a bad member code or period, and refuses roles without the right', async () => {
    const bad = await auditor.post('/api/v1/evidence/exports', { ...PAST, member: 'nowhere' });
    expect(bad.status).toBe(404);
    expect(bad.body).toMatchObject({ code: 'unknown_member', fields: [{ field: 'member' }] });
    expect(bad.body.message).toContain('nowhere');
    const period = await auditor.post('/api/v1/evidence/exports', { from: '2026-01-01', to: '2025-01-01' });
    expect(period.status).toBe(400);
    expect(period.body.code).toBe('invalid_period');
    const dpo = await login('dpo1', USER_PASSWORD);
    expect((await dpo.post('/api/v1/evidence/exports', PAST)).status).toBe(403);
  });

  it('gives a valid bundle saying "no data" for an empty period, and the CLI verifies it offline', async () => {
    const zip = await exportBundle(auditor, { from: '2001-01-01', to: '2001-02-01' });
    const m = await manifestOf(zip);
    for (const id of [
      'incident-log',
      'alert-stats',
      'audit-trail',
      'breach-registers',
      'corrective-actions',
      'log-sources',
    ])
      expect({ id, status: m.items.find((i) => i.id === id)!.status }).toEqual({ id, status: 'no-data' });
    const dir = mkdtempSync(join(tmpdir(), 'vigie-evidence-'));
    const file = join(dir, 'bundle.zip');
    writeFileSync(file, zip);
    writeFileSync(join(dir, 'key.pem'), (await readZip(zip)).get('public-key.pem')!);
    const run = async (args: string[]) => {
      const lines: string[] = [];
      const ctx = new CliContext(() => 'embedded');
      ctx.out = (x: string) => void lines.push(x);
      ctx.err = (x: string) => void lines.push(x);
      process.exitCode = undefined;
      await buildProgram(ctx).parseAsync(['node', 'vigie', 'evidence', 'verify', ...args]);
      const code = process.exitCode ?? 0;
      process.exitCode = undefined;
      return { code, out: lines.join('\n') };
    };
    const good = await run([file, '--public-key', join(dir, 'key.pem')]);
    expect(good).toMatchObject({ code: 0, out: expect.stringContaining('OK') });
    expect(good.out).toContain('key given with --public-key');
    const files = await readZip(zip);
    files.set('access/users.csv', Buffer.concat([files.get('access/users.csv')!, Buffer.from('x')]));
    writeFileSync(file, await writeZip([...files].map(([path, b]) => ({ path, body: b }))));
    const bad = await run([file]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('FAILED: file changed: access/users.csv');
  });
});
