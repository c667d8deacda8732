import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { PDFParse } from 'pdf-parse';
import { ACTIVITY_COLUMNS } from '@vigie/gdpr';
import { ADMIN_PASSWORD, ApiClient, startEmbeddedApp, TestApp, USER_PASSWORD } from '@vigie/testing';

async function download(c: ApiClient, path: string): Promise<{ status: number; type: string; disposition: string; body: Buffer }> {
  const res = await fetch(c.baseUrl + path, { headers: { authorization: `Bearer ${(c as unknown as { token: string }).token}` } });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    disposition: res.headers.get('content-disposition') ?? '',
    body: Buffer.from(await res.arrayBuffer()),
  };
}

async function pdfText(buf: Buffer): Promise<{ text: string; pages: number }> {
  const p = new PDFParse({ data: new Uint8Array(buf) });
  try {
    const r = await p.getText();
    return { text: r.text, pages: r.total };
  } finally {
    await p.destroy();
  }
}

const CONTENT_FIELDS = [
  'reference', 'name', 'purposes', 'legalBasis', 'legalBasisJustification', 'art9Condition', 'jointControllers', 'dpo', 'dataSubjects',
  'dataCategories', 'recipients', 'transfers', 'securityMeasures', 'applicationIds', 'dataSource', 'collectionMandatory',
  'automatedDecision', 'automatedDecisionDetails', 'rightsExercise', 'dpia', 'nextReviewDate',
] as const;
const contentOf = (r: Record<string, unknown>) => Object.fromEntries(CONTENT_FIELDS.map((f) => [f, r[f]]));

describe('GDPR registry exports and import (embedded)', () => {
  let t: TestApp;
  let dpo: ApiClient;
  let admin: ApiClient;
  let appIds: { cms: string; paie: string };

  beforeAll(async () => {
    process.env.VIGIE_ADMIN_PASSWORD = ADMIN_PASSWORD;
    t = await startEmbeddedApp();
    const anon = new ApiClient(t.baseUrl);
    admin = await anon.login('admin', ADMIN_PASSWORD);
    for (const code of ['ivry', 'arcueil', 'gentilly'])
      expect((await admin.post('/api/v1/members', { code, name: `Ville de ${code}`, type: 'city', siren: code === 'ivry' ? '219400413' : undefined })).status).toBe(201);
    expect((await admin.post('/api/v1/users', { username: 'dpo', password: USER_PASSWORD, roles: ['dpo'] })).status).toBe(201);
    dpo = await anon.login('dpo', USER_PASSWORD);
    const cms = await admin.post('/api/v1/applications', {
      name: 'Elisa', vendor: 'CORILUS INFOSANTE', domain: 'Santé', functions: ['Dossier administratif patient'], members: ['ivry'],
      hosting: 'consortium', vendorRole: 'sub_processor', dpaReference: 'Contrat 2021-12',
      securityMeasures: [{ type: 'backup', description: 'Sauvegarde quotidienne chiffrée, copie hors site' }],
    });
    const paie = await admin.post('/api/v1/applications', {
      name: 'SEDIT WEB2', vendor: 'BERGER-LEVRAULT', domain: 'RH', functions: ['Cœur RH'], members: ['ivry'], hosting: 'saas', dataLocation: 'FR',
    });
    appIds = { cms: cms.body.id, paie: paie.body.id };
    const base = '/api/v1/members/ivry/processing-activities';
    const common = {
      legalBasis: 'public_task',
      dpo: { name: 'DPO mutualisé', contact: 'dpo@siim94.net' },
      recipients: [{ type: 'internal_service', name: 'Service instructeur', internal: true }, { type: 'processor', name: 'SIIM 94', internal: false }],
      securityMeasures: [{ type: 'access_control', description: 'Comptes nominatifs; profils' }, { type: 'traceability', description: 'Journaux "accès" 6 mois' }],
      dataSource: 'La personne concernée',
      collectionMandatory: true,
      automatedDecision: false,
      rightsExercise: 'Par courriel au DPO',
    };
    const a = await dpo.post(base, {
      ...common,
      reference: 'ivry-T001',
      name: 'Dossiers des patients du CMS',
      purposes: ['Prise en charge des patients', 'Facturation à l’Assurance maladie', 'Statistiques d’activité, anonymes'],
      legalBasisJustification: 'Code de la santé publique, L. 6323-1',
      art9Condition: 'health_social_care',
      jointControllers: [{ name: 'CPAM du Val-de-Marne', contact: 'dpo@cpam94.fr' }],
      dataSubjects: [{ code: 'patients', volume: '12 000' }],
      dataCategories: [
        { code: 'identity', retentionPeriod: '20 ans', retentionFate: 'archive', description: 'Nom, prénom, adresse' },
        { code: 'health', retentionPeriod: '20 ans après le dernier passage', retentionFate: 'archive' },
        { code: 'nir', retentionPeriod: '20 ans', retentionFate: 'delete' },
      ],
      transfers: [{ recipient: 'Support éditeur', country: 'MA', safeguard: 'standard_contractual_clauses', documentation: 'Annexe 4' }],
      applicationIds: [appIds.cms],
      dpia: { criteria: ['large_scale'], cnilTypes: ['health_care_establishment'], status: 'done', date: '2023-06-01', reference: 'AIPD-CMS' },
    });
    expect(a.status).toBe(201);
    expect((await dpo.post(`${base}/${a.body.id}/validate`, {})).status).toBe(200);
    const b = await dpo.post(base, {
      ...common,
      reference: 'ivry-T002',
      name: 'Paie des agents',
      purposes: ['Calcul et versement de la paie'],
      legalBasis: 'legal_obligation',
      legalBasisJustification: 'Code général de la fonction publique',
      dataSubjects: [{ code: 'agents', volume: '2 400' }],
      dataCategories: [{ code: 'nir', retentionPeriod: '5 ans', retentionFate: 'delete' }, { code: 'economic_financial', retentionPeriod: '5 ans', retentionFate: 'delete' }],
      applicationIds: [appIds.paie],
      nextReviewDate: '2027-01-31',
    });
    expect(b.status).toBe(201);
    const c = await dpo.post(base, { name: 'Brouillon incomplet', reference: 'ivry-T003', purposes: ['À définir'] });
    expect(c.status).toBe(201);
  });
  afterAll(() => t?.close());

  it('serves the whole register with a version and a summary', async () => {
    const r = await dpo.get('/api/v1/members/ivry/register');
    expect(r.status).toBe(200);
    expect(r.body.controller).toEqual({ code: 'ivry', name: 'Ville de ivry', siren: '219400413' });
    expect(r.body.summary).toMatchObject({ records: 3, byStatus: { validated: 1, draft: 2 }, incomplete: 1 });
    expect(r.body.version).toBe(4);
  });

  it('exports CSV in UTF-8 with a BOM, one row per record, CNIL columns first', async () => {
    const f = await download(dpo, '/api/v1/members/ivry/register/export?format=csv');
    expect(f.status).toBe(200);
    expect(f.type).toContain('text/csv');
    expect(f.disposition).toMatch(/attachment; filename="registre-ivry-\d{4}-\d{2}-\d{2}-v4\.csv"/);
    expect([...f.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(f.body, { bom: true, relax_column_count: false });
    expect(rows[0].slice(0, ACTIVITY_COLUMNS.length)).toEqual([...ACTIVITY_COLUMNS]);
    expect(rows).toHaveLength(4);
    const cms = rows.find((r) => r[0] === 'ivry-T001')!;
    expect(cms[1]).toBe('Dossiers des patients du CMS');
    expect(cms[rows[0].indexOf('Sous-finalités')]).toBe('Facturation à l’Assurance maladie\nStatistiques d’activité, anonymes');
    expect(cms[rows[0].indexOf('Condition de l\'article 9.2')]).toMatch(/médecine du travail/i);
    expect(cms[rows[0].indexOf('Catégories de données')]).toContain('Données concernant la santé | 20 ans après le dernier passage | Archivage');
    const paie = rows.find((r) => r[0] === 'ivry-T002')!;
    expect(paie[rows[0].indexOf('Mesures de sécurité')]).toContain('Journaux "accès" 6 mois');
  });

  it('exports XLSX with one sheet per record type in the CNIL column order', async () => {
    const f = await download(dpo, '/api/v1/members/ivry/register/export?format=xlsx');
    expect(f.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(f.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Traitements', 'Responsables conjoints', 'Personnes concernées', 'Catégories de données', 'Destinataires', 'Transferts hors UE',
      'Mesures de sécurité', 'Applications', 'Informations',
    ]);
    const main = wb.getWorksheet('Traitements')!;
    expect((main.getRow(1).values as unknown[]).slice(1)).toEqual([...ACTIVITY_COLUMNS]);
    expect(main.rowCount).toBe(4);
    const cats = wb.getWorksheet('Catégories de données')!;
    expect(cats.rowCount).toBe(1 + 3 + 2);
    expect(cats.getRow(3).values).toEqual([undefined, 'ivry-T001', 'Données concernant la santé', undefined, '20 ans après le dernier passage', 'Archivage']);
    expect(wb.getWorksheet('Transferts hors UE')!.getRow(2).getCell(3).value).toBe('MA');
  });

  it('exports JSON', async () => {
    const f = await download(dpo, '/api/v1/members/ivry/register/export?format=json');
    const j = JSON.parse(f.body.toString('utf8'));
    expect(j.activities.map((a: { reference: string }) => a.reference)).toEqual(['ivry-T001', 'ivry-T002', 'ivry-T003']);
    expect(j.activities[0].dpiaAssessment.required).toBe(true);
    expect((await download(dpo, '/api/v1/members/ivry/register/export?format=docx')).status).toBe(400);
  });

  it('exports a printable PDF: cover, table of contents, one page per record, date and version', async () => {
    const f = await download(dpo, '/api/v1/members/ivry/register/export?format=pdf');
    expect(f.status).toBe(200);
    expect(f.body.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages } = await pdfText(f.body);
    expect(pages).toBe(5);
    expect(text).toContain('Registre des activités de traitement');
    expect(text).toContain('Table des matières');
    expect(text).toContain('Ville de ivry');
    expect(text).toContain('Version : 4');
    expect(text).toMatch(/ivry-T001 - Dossiers des patients du CMS\s+3/);
    expect(text).toMatch(/ivry-T003 - Brouillon incomplet\s+5/);
    expect(text).toContain('CPAM du Val-de-Marne');
    expect(text).toContain(`page 5/5`);
  });

  it('exports the derived processor register in every format', async () => {
    const json = JSON.parse((await download(dpo, '/api/v1/processor-register/ivry/export?format=json')).body.toString());
    expect(json[0].processing.map((p: { reference: string }) => p.reference)).toEqual(['ivry-T001']);
    expect(json[0].subProcessors).toEqual([{ vendor: 'CORILUS INFOSANTE', application: 'Elisa', role: 'sub_processor', dpaReference: 'Contrat 2021-12' }]);
    const csv: string[][] = parse((await download(dpo, '/api/v1/processor-register/export?format=csv')).body, { bom: true });
    expect(csv[0][0]).toBe('Responsable du traitement');
    expect(csv.slice(1).map((r) => r[2])).toEqual(['ivry-T001']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(dpo, '/api/v1/processor-register/export?format=xlsx')).body as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Mesures de sécurité')!.getColumn(3).values).toContain('Sauvegarde quotidienne chiffrée, copie hors site');
    const { text } = await pdfText((await download(dpo, '/api/v1/processor-register/export?format=pdf')).body);
    expect(text).toContain('Registre des activités de traitement du sous-traitant');
    expect(text).toContain('Pour le compte de Ville de ivry');
    expect(text).toContain('CORILUS INFOSANTE - Elisa - Contrat 2021-12');
  });

  it('round-trips: XLSX export → import into another member → identical records; re-import changes nothing', async () => {
    const xlsx = (await download(dpo, '/api/v1/members/ivry/register/export?format=xlsx')).body;
    const r = await dpo.post('/api/v1/members/arcueil/register/import', { contentBase64: xlsx.toString('base64') });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ records: 3, created: ['ivry-T001', 'ivry-T002', 'ivry-T003'], updated: [], unchanged: [] });
    const src = (await dpo.get('/api/v1/members/ivry/processing-activities')).body;
    const dst = (await dpo.get('/api/v1/members/arcueil/processing-activities')).body;
    expect(dst.map(contentOf)).toEqual(src.map(contentOf));
    expect(dst.every((a: { status: string; controller: { code: string } }) => a.status === 'draft' && a.controller.code === 'arcueil')).toBe(true);
    const again = await dpo.post('/api/v1/members/ivry/register/import', { contentBase64: xlsx.toString('base64') });
    expect(again.body).toMatchObject({ created: [], updated: [], unchanged: ['ivry-T001', 'ivry-T002', 'ivry-T003'] });
    expect((await dpo.get('/api/v1/members/ivry/register')).body.version).toBe(4);
  });

  it('accepts a multipart upload and a dry run', async () => {
    const xlsx = (await download(dpo, '/api/v1/members/ivry/register/export?format=xlsx')).body;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(xlsx)]), 'registre.xlsx');
    const res = await fetch(`${t.baseUrl}/api/v1/members/gentilly/register/import?dryRun=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${(dpo as unknown as { token: string }).token}` },
      body: form,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ dryRun: true, records: 3, created: ['ivry-T001', 'ivry-T002', 'ivry-T003'] });
    expect((await dpo.get('/api/v1/members/gentilly/processing-activities')).body).toEqual([]);
  });

  it('imports nothing from a workbook with errors and lists them all by sheet, row and column', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(dpo, '/api/v1/members/ivry/register/export?format=xlsx')).body as unknown as ArrayBuffer);
    const main = wb.getWorksheet('Traitements')!;
    main.getRow(3).getCell(ACTIVITY_COLUMNS.indexOf('Collecte obligatoire') + 1).value = 'Peut-être';
    main.getRow(4).getCell(ACTIVITY_COLUMNS.indexOf('Base légale') + 1).value = 'Bon plaisir';
    wb.getWorksheet('Catégories de données')!.getRow(3).getCell(2).value = 'Horoscope';
    wb.getWorksheet('Transferts hors UE')!.getRow(2).getCell(3).value = 'Maroc';
    wb.getWorksheet('Destinataires')!.addRow(['ivry-T999', 'Service interne', 'Fantôme', 'Oui']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await dpo.post('/api/v1/members/gentilly/register/import', { contentBase64: buf.toString('base64') });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('import_invalid');
    expect(r.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: 'Traitements', row: 3, column: 'Collecte obligatoire' }),
        expect.objectContaining({ sheet: 'Traitements', row: 4, column: 'Base légale', problem: 'unknown value "Bon plaisir"' }),
        expect.objectContaining({ sheet: 'Catégories de données', row: 3, column: 'Catégorie de données', problem: 'unknown value "Horoscope"' }),
        expect.objectContaining({ sheet: 'Transferts hors UE', row: 2, column: 'Pays' }),
        expect.objectContaining({ sheet: 'Destinataires', column: 'Référence' }),
      ]),
    );
    expect(r.body.errors).toHaveLength(5);
    expect((await dpo.get('/api/v1/members/gentilly/processing-activities')).body).toEqual([]);
    const notXlsx = await dpo.post('/api/v1/members/gentilly/register/import', { contentBase64: Buffer.from('hello').toString('base64') });
    expect(notXlsx.status).toBe(422);
    expect((await dpo.post('/api/v1/members/gentilly/register/import', {})).status).toBe(400);
  });
});
