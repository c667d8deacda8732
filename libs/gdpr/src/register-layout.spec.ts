import { normaliseContent } from './record';
import { ACTIVITY_COLUMNS, readRegisterSheets, RegisterRecord, registerSheets, SHEETS } from './register-layout';
import { testLookup } from './test-reference';

const ref = testLookup();
const app = { id: '6f1c1c52-8f5e-4a57-9d4c-1f4a1ad0c001', name: 'Elisa', vendor: 'CORILUS', domain: 'Santé' };

const record = (): RegisterRecord => ({
  ...normaliseContent({
    reference: 'ivry-T001',
    name: 'Dossiers patients',
    purposes: ['Soins', 'Facturation'],
    legalBasis: 'public_task',
    legalBasisJustification: 'CSP',
    art9Condition: 'health_social_care',
    jointControllers: [{ name: 'CPAM', contact: null }],
    dpo: { name: 'DPO', contact: 'dpo@x.fr' },
    dataSubjects: [{ code: 'patients', volume: '12 000' }],
    dataCategories: [{ code: 'health', description: null, retentionPeriod: '20 ans', retentionFate: 'archive' }],
    recipients: [{ type: 'internal_service', name: 'Soignants', internal: true }],
    transfers: [{ recipient: 'Support', country: 'MA', safeguard: 'standard_contractual_clauses', documentation: null }],
    securityMeasures: [{ type: 'access_control', description: 'CPS' }],
    applicationIds: [app.id],
    dataSource: 'Patient',
    collectionMandatory: false,
    automatedDecision: false,
    rightsExercise: 'DPO',
    dpia: { criteria: ['large_scale'], cnilTypes: ['health_care_establishment'], status: 'done', date: '2024-01-02', reference: 'AIPD-1' },
    nextReviewDate: '2026-01-01',
  }),
  reference: 'ivry-T001',
  status: 'validated',
  version: 3,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-02-01T00:00:00.000Z',
  controllerName: 'Ville d’Ivry-sur-Seine',
  applications: [app],
  dpiaRequired: true,
});

describe('register layout', () => {
  it('writes the record sheet in the CNIL column order and labels, not codes', () => {
    const [main, , , categories] = registerSheets([record()], ref);
    expect(main.columns).toEqual([...ACTIVITY_COLUMNS]);
    expect(main.rows[0].slice(0, 3)).toEqual(['ivry-T001', 'Dossiers patients', 'validated']);
    expect(main.rows[0][ACTIVITY_COLUMNS.indexOf('Base légale')]).toBe('Mission d’intérêt public');
    expect(categories.rows).toEqual([['ivry-T001', 'Santé', null, '20 ans', 'Archivage']]);
  });

  it('reads its own sheets back into the same content', () => {
    const r = record();
    const back = readRegisterSheets(registerSheets([r], ref), ref, [app]);
    expect(back.errors).toEqual([]);
    const { status: _s, version: _v, createdAt: _c, updatedAt: _u, controllerName: _n, applications: _a, dpiaRequired: _d, ...content } = r;
    expect(back.records).toEqual([content]);
  });

  it('reports every bad cell by sheet, row and column and returns no record', () => {
    const sheets = registerSheets([record()], ref);
    sheets[0].rows[0][ACTIVITY_COLUMNS.indexOf('Prochaine revue')] = '31/12/2026';
    sheets.find((s) => s.name === SHEETS.subjects)!.rows.push(['ivry-T001', 'Martiens', null]);
    sheets.find((s) => s.name === SHEETS.applications)!.rows[0][4] = 'nope';
    const back = readRegisterSheets(sheets, ref, [app]);
    expect(back.records).toEqual([]);
    expect(back.errors.map((e) => `${e.sheet}:${e.row}:${e.column}`)).toEqual([
      'Traitements:2:Prochaine revue',
      'Personnes concernées:3:Catégorie de personnes',
      'Applications:2:Identifiant',
    ]);
  });

  it('names a missing sheet or column', () => {
    const sheets = registerSheets([record()], ref).slice(1);
    expect(readRegisterSheets(sheets, ref, []).errors[0]).toEqual({ sheet: 'Traitements', row: 0, column: '', problem: 'sheet missing' });
    const cut = registerSheets([record()], ref);
    cut[0].columns = cut[0].columns.filter((c) => c !== 'Base légale');
    expect(readRegisterSheets(cut, ref, [app]).errors).toEqual([{ sheet: 'Traitements', row: 1, column: 'Base légale', problem: 'column missing from the header row' }]);
  });
});
