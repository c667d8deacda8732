import { ADMIN_PASSWORD, ApiClient, startEmbeddedApp, TestApp, USER_PASSWORD } from '@vigie/testing';
import { ApplicationsService } from '@vigie/registry/applications/applications.service';

/** Fills what the CNIL model needs on a drafted record. */
const COMPLETION = {
  purposes: ['Gestion des dossiers des patients du centre municipal de santé'],
  legalBasis: 'public_task',
  legalBasisJustification: 'Code de la santé publique, art. L. 6323-1 (centres de santé)',
  art9Condition: 'health_social_care',
  dpo: { name: 'DPO mutualisé SIIM 94 / EPT GOSB', contact: 'dpo@siim94.net' },
  recipients: [{ type: 'internal_service', name: 'Équipe soignante du CMS', internal: true }],
  securityMeasures: [{ type: 'access_control', description: 'Comptes nominatifs, carte CPS' }],
  dataSource: 'Le patient et les professionnels de santé',
  collectionMandatory: false,
  automatedDecision: false,
  rightsExercise: 'Auprès du DPO (dpo@siim94.net) ou à l’accueil du CMS',
};

describe('GDPR registry (embedded, seeded on first start)', () => {
  let t: TestApp;
  let admin: ApiClient;
  let dpo: ApiClient;
  let refIvry: ApiClient;
  let auditor: ApiClient;

  beforeAll(async () => {
    process.env.VIGIE_ADMIN_PASSWORD = ADMIN_PASSWORD;
    process.env.VIGIE_SEED_DEMO = '1';
    try {
      t = await startEmbeddedApp();
    } finally {
      delete process.env.VIGIE_SEED_DEMO;
    }
    const anon = new ApiClient(t.baseUrl);
    admin = await anon.login('admin', ADMIN_PASSWORD);
    for (const [username, roles, memberScopes] of [
      ['dpo', ['dpo'], []],
      ['ref-ivry', ['referent'], ['ivry']],
      ['auditor1', ['auditor'], []],
    ] as const) {
      const r = await admin.post('/api/v1/users', { username, password: USER_PASSWORD, roles, memberScopes });
      expect(r.status).toBe(201);
    }
    dpo = await anon.login('dpo', USER_PASSWORD);
    refIvry = await anon.login('ref-ivry', USER_PASSWORD);
    auditor = await anon.login('auditor1', USER_PASSWORD);
  });
  afterAll(() => t?.close());

  it('serves the reference data seeded by the migration', async () => {
    const cats = await dpo.get('/api/v1/reference/data-categories');
    expect(cats.status).toBe(200);
    const byCode = Object.fromEntries(cats.body.map((c: { code: string }) => [c.code, c]));
    expect(byCode.health).toMatchObject({ sensitive: true, article: '9(1)' });
    expect(byCode.criminal_offences).toMatchObject({ sensitive: true, article: '10' });
    expect(byCode.nir).toMatchObject({ regulated: true, sensitive: false });
    expect(byCode.identity).toMatchObject({ sensitive: false, group: 'common' });
    const bases = await dpo.get('/api/v1/reference/legal-bases');
    expect(bases.body.map((b: { article: string }) => b.article)).toEqual(['6(1)(a)', '6(1)(b)', '6(1)(c)', '6(1)(d)', '6(1)(e)', '6(1)(f)']);
    expect((await dpo.get('/api/v1/reference/art9-conditions')).body).toHaveLength(10);
    expect((await dpo.get('/api/v1/reference/transfer-safeguards')).body.map((s: { code: string }) => s.code)).toEqual(
      expect.arrayContaining(['adequacy_decision', 'standard_contractual_clauses', 'binding_corporate_rules', 'art49_derogation']),
    );
    expect((await dpo.get('/api/v1/reference/dpia-criteria')).body).toHaveLength(9);
    expect((await dpo.get('/api/v1/reference/planets')).status).toBe(404);
    expect((await dpo.get('/api/v1/applications/hosts/nowhere-host/impact')).status).toBe(404);
  });

  it('loaded the consortium’s members and catalogue on first start, with suggestions to confirm', async () => {
    const members = (await admin.get('/api/v1/members')).body.map((m: { code: string }) => m.code);
    expect(members).toEqual(expect.arrayContaining(['arcueil', 'gentilly', 'ivry', 'villejuif', 'vitry', 'gosb', 'valdevy', 'coop-ivry']));
    const apps = (await dpo.get('/api/v1/applications')).body;
    expect(apps.length).toBeGreaterThanOrEqual(55);
    const crossway = apps.find((a: { name: string }) => a.name === 'CROSSWAY');
    expect(crossway).toMatchObject({ vendor: 'CEGEDIM', domain: 'Santé', hosting: 'member', members: ['villejuif'] });
    expect(crossway.dataCategories).toEqual(expect.arrayContaining([{ code: 'health', volume: null, toConfirm: true }]));
    const sedit = apps.find((a: { name: string }) => a.name === 'SEDIT WEB2');
    expect(sedit.dataCategories.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['nir', 'professional_life']));
    const social = apps.find((a: { name: string }) => a.name === 'BL SOCIAL');
    expect(social.functions).toHaveLength(5);
    expect(social.dataSubjects.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['social_aid_beneficiaries', 'vulnerable_persons']));
    expect(apps.some((a: { name: string }) => a.name === 'Mélodie')).toBe(true);
    // a referent sees only applications of their members
    const mine = (await refIvry.get('/api/v1/applications')).body;
    expect(mine.length).toBeGreaterThan(10);
    expect(mine.every((a: { members: string[] }) => a.members.every((m) => m === 'ivry'))).toBe(true);
    expect(mine.some((a: { name: string }) => a.name === 'CROSSWAY')).toBe(false);
  });

  let ivryRecords: Array<{ id: string; name: string; applications: Array<{ name: string }>; version: number }>;
  let elisaRecord: { id: string };

  it('creates a member’s register from the seed: one draft per application it uses', async () => {
    const r = await refIvry.post('/api/v1/members/ivry/processing-activities/drafts-from-applications', {});
    expect(r.status).toBe(201);
    ivryRecords = r.body;
    expect(ivryRecords.length).toBeGreaterThan(10);
    const again = await refIvry.post('/api/v1/members/ivry/processing-activities/drafts-from-applications', {});
    expect(again.body).toEqual([]);
    elisaRecord = ivryRecords.find((x) => x.applications.some((a) => a.name === 'Elisa'))!;
    const got = await refIvry.get(`/api/v1/members/ivry/processing-activities/${elisaRecord.id}`);
    expect(got.body).toMatchObject({ status: 'draft', version: 1, controller: { code: 'ivry' } });
    expect(got.body.dataCategories.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['health', 'nir']));
    expect(got.body.completeness.complete).toBe(false);
    expect(got.body.dpiaAssessment.required).toBe(true);
    const list = await refIvry.get('/api/v1/members/ivry/processing-activities');
    expect(list.body).toHaveLength(ivryRecords.length);
  });

  it('refuses to validate an incomplete record, listing the missing fields (422)', async () => {
    const r = await dpo.post(`/api/v1/members/ivry/processing-activities/${elisaRecord.id}/validate`, {});
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('incomplete_record');
    const fields = r.body.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['legalBasis', 'dpo.name', 'recipients', 'rightsExercise', 'dataCategories[0].retentionPeriod', 'art9Condition']));
    const still = await dpo.get(`/api/v1/members/ivry/processing-activities/${elisaRecord.id}`);
    expect(still.body.status).toBe('draft');
  });

  it('answers 422 naming the field for an unknown data category, and saves nothing', async () => {
    const r = await refIvry.patch(`/api/v1/members/ivry/processing-activities/${elisaRecord.id}`, {
      dataCategories: [{ code: 'health' }, { code: 'horoscope' }],
    });
    expect(r.status).toBe(422);
    expect(r.body.fields).toEqual([expect.objectContaining({ field: 'dataCategories[1].code' })]);
    const c = await refIvry.post('/api/v1/members/ivry/processing-activities', { name: 'X', legalBasis: 'because' });
    expect(c.status).toBe(422);
    expect(c.body.fields.map((f: { field: string }) => f.field)).toEqual(['legalBasis']);
    expect((await refIvry.get(`/api/v1/members/ivry/processing-activities/${elisaRecord.id}`)).body.version).toBe(1);
  });

  it('completes, submits and validates a record; editing it sends it back to review; diffs versions', async () => {
    const base = `/api/v1/members/ivry/processing-activities/${elisaRecord.id}`;
    const current = (await refIvry.get(base)).body;
    const dataCategories = current.dataCategories.map((d: { code: string }) => ({
      code: d.code,
      retentionPeriod: '20 ans après le dernier passage',
      retentionFate: 'archive',
    }));
    const u = await refIvry.patch(base, { ...COMPLETION, dataCategories });
    expect(u.status).toBe(200);
    expect(u.body).toMatchObject({ version: 2, status: 'draft', completeness: { complete: true, missing: [] } });
    expect((await refIvry.post(`${base}/validate`, {})).status).toBe(403);
    const s = await refIvry.post(`${base}/submit`, { comment: 'relu' });
    expect(s.status).toBe(200);
    expect(s.body.status).toBe('in_review');
    const v = await dpo.post(`${base}/validate`, {});
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({ status: 'validated', version: 4, validatedBy: 'dpo' });
    expect(v.body.nextReviewDate > new Date().toISOString().slice(0, 10)).toBe(true);
    const e = await refIvry.patch(base, {
      dataCategories: dataCategories.map((d: { code: string }) => (d.code === 'health' ? { ...d, retentionPeriod: '25 ans' } : d)),
    });
    expect(e.body).toMatchObject({ status: 'in_review', version: 5 });
    const history = (await auditor.get(`${base}/history`)).body;
    expect(history.map((h: { changeKind: string }) => h.changeKind)).toEqual([
      'drafted_from_map',
      'updated',
      'submitted',
      'validated',
      'sent_back_to_review',
    ]);
    expect(history[4]).toMatchObject({ changedBy: 'ref-ivry', changedFields: ['status', 'dataCategories[health].retentionPeriod'] });
    const d = await auditor.get(`${base}/diff?from=4&to=5`);
    expect(d.status).toBe(200);
    expect(d.body.changes).toEqual([
      { field: 'status', before: 'validated', after: 'in_review' },
      { field: 'dataCategories[health].retentionPeriod', before: '20 ans après le dernier passage', after: '25 ans' },
    ]);
    expect(d.body.to).toMatchObject({ version: 5, changedBy: 'ref-ivry' });
    const wide = await auditor.get(`${base}/diff?from=1&to=5`);
    expect(wide.body.changes.map((c: { field: string }) => c.field)).toEqual(expect.arrayContaining(['legalBasis', 'rightsExercise', 'dpo']));
    expect(wide.body.authors.sort()).toEqual(['dpo', 'ref-ivry']);
    expect((await auditor.get(`${base}/diff?from=1&to=99`)).status).toBe(400);
    expect((await auditor.patch(base, { name: 'nope' })).status).toBe(403);
  });

  it('derives the processor register from consortium-hosted applications', async () => {
    const r = await dpo.get('/api/v1/processor-register/ivry');
    expect(r.status).toBe(200);
    expect(r.body.controller).toMatchObject({ code: 'ivry' });
    expect(r.body.processor.name).toContain('SIIM');
    const elisa = r.body.processing.find((p: { activityId: string }) => p.activityId === elisaRecord.id);
    expect(elisa.applications.map((a: { name: string }) => a.name)).toEqual(['Elisa']);
    expect(elisa.dataCategories).toContain('health');
    expect(r.body.securityMeasures).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'access_control' })]));
    // DOCTOLIB is SaaS: not processing done by the consortium
    expect(r.body.processing.some((p: { applications: Array<{ name: string }> }) => p.applications.some((a) => a.name === 'DOCTOLIB'))).toBe(false);
    const all = await refIvry.get('/api/v1/processor-register');
    expect(all.body.map((x: { controller: { code: string } }) => x.controller.code)).toEqual(['ivry']);
    expect((await refIvry.get('/api/v1/processor-register/vitry')).status).toBe(404);
  });

  it('maps hosts for the SIEM and answers the impact query', async () => {
    const elisa = (await dpo.get('/api/v1/applications?q=elisa')).body.find((a: { name: string }) => a.name === 'Elisa');
    const p = await admin.patch(`/api/v1/applications/${elisa.id}`, { hosts: [{ hostname: 'srv-cms01.siim94.local', ip: '10.20.4.17' }] });
    expect(p.status).toBe(200);
    const bad = await admin.patch(`/api/v1/applications/${elisa.id}`, { hosts: [{ ip: '10.20.4.300' }] });
    expect(bad.status).toBe(422);
    expect(bad.body.fields[0].field).toBe('hosts[0].ip');
    const map = await t.app.get(ApplicationsService).assetMap();
    expect(map.get('10.20.4.17')).toMatchObject({ applicationId: elisa.id, applicationName: 'Elisa', members: ['ivry'], personalData: true });
    expect(map.get('srv-cms01.siim94.local')?.applicationId).toBe(elisa.id);
    const impact = await dpo.get('/api/v1/applications/hosts/srv-cms01/impact');
    expect(impact.status).toBe(200);
    expect(impact.body.members).toEqual(['ivry']);
    expect(impact.body.activities.map((a: { id: string }) => a.id)).toContain(elisaRecord.id);
    expect(impact.body.dataCategories.map((c: { code: string }) => c.code)).toContain('health');
    expect(impact.body.dataSubjects.map((c: { code: string }) => c.code)).toContain('patients');
    const matrix = await dpo.get('/api/v1/applications/matrix');
    const row = matrix.body.rows.find((r: { applicationId: string }) => r.applicationId === elisa.id);
    expect(row.cells.health).toBe('to_confirm');
    const confirmed = await dpo.post(`/api/v1/applications/${elisa.id}/confirm-suggestions`, { dataCategories: ['health'] });
    expect(confirmed.body.dataCategories.find((d: { code: string }) => d.code === 'health').toConfirm).toBe(false);
  });

  it('searches activities and applications in full text, accents ignored', async () => {
    const apps = await dpo.get('/api/v1/applications?q=' + encodeURIComponent('medecine'));
    expect(apps.body.map((a: { name: string }) => a.name)).toContain('SEDIT e-médecine');
    const acts = await dpo.get('/api/v1/processing-activities?q=' + encodeURIComponent('SANTÉ patients'));
    expect(acts.body.map((a: { id: string }) => a.id)).toContain(elisaRecord.id);
    const none = await refIvry.get('/api/v1/members/ivry/processing-activities?q=zzzzqqq');
    expect(none.body).toEqual([]);
  });

  it('lists activities needing a DPIA without one, and overdue reviews', async () => {
    const missing = await dpo.get('/api/v1/processing-activities/dpia-missing');
    expect(missing.body.map((a: { id: string }) => a.id)).toContain(elisaRecord.id);
    const base = `/api/v1/members/ivry/processing-activities/${elisaRecord.id}`;
    await dpo.patch(base, { dpia: { status: 'done', date: '2024-05-02', reference: 'AIPD-CMS-2024', cnilTypes: ['health_care_establishment'] } });
    const after = await dpo.get('/api/v1/processing-activities/dpia-missing');
    expect(after.body.map((a: { id: string }) => a.id)).not.toContain(elisaRecord.id);
    const rec = (await dpo.get(base)).body;
    expect(rec.dpiaAssessment.reasons.join(' ')).toContain('CNIL list');
    await dpo.patch(base, { nextReviewDate: '2020-01-01' });
    const overdue = await dpo.get('/api/v1/processing-activities/overdue');
    expect(overdue.body.map((a: { id: string }) => a.id)).toContain(elisaRecord.id);
  });
});
