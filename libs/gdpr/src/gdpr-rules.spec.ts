import { missingFields } from './completeness';
import { assessDpia } from './dpia';
import { normaliseContent } from './record';
import { checkReferences } from './references-check';
import { testLookup } from './test-reference';
import { nextReviewAfterValidation, nextStatus } from './workflow';

const ref = testLookup();

const complete = () =>
  normaliseContent({
    name: 'Dossiers patients',
    purposes: ['Soins'],
    legalBasis: 'public_task',
    legalBasisJustification: 'CSP L.6323-1',
    art9Condition: 'health_social_care',
    dpo: { name: 'DPO' },
    dataSubjects: [{ code: 'patients' }],
    dataCategories: [
      { code: 'identity', retentionPeriod: '20 ans', retentionFate: 'archive' },
      { code: 'health', retentionPeriod: '20 ans', retentionFate: 'archive' },
    ],
    recipients: [{ type: 'internal_service', name: 'Soignants', internal: true }],
    securityMeasures: [{ type: 'access_control', description: 'CPS' }],
    dataSource: 'Patient',
    collectionMandatory: false,
    automatedDecision: false,
    rightsExercise: 'DPO',
  });

describe('CNIL model completeness', () => {
  it('finds nothing missing on a complete record', () => {
    expect(missingFields(complete(), ref)).toEqual([]);
  });

  it('names every missing field of an empty draft', () => {
    const fields = missingFields(normaliseContent({ name: 'x' }), ref).map((f) => f.field);
    expect(fields).toEqual([
      'purposes',
      'legalBasis',
      'legalBasisJustification',
      'dpo.name',
      'dataSubjects',
      'dataCategories',
      'recipients',
      'securityMeasures',
      'dataSource',
      'collectionMandatory',
      'automatedDecision',
      'rightsExercise',
    ]);
  });

  it('needs retention and fate per category, an Art. 9(2) condition for health data, a safeguard outside the EEA', () => {
    const c = complete();
    c.dataCategories[1].retentionFate = null;
    c.art9Condition = null;
    c.transfers = [
      { recipient: 'Support', country: 'US', safeguard: null, documentation: null },
      { recipient: 'Hébergeur', country: 'DE', safeguard: null, documentation: null },
    ];
    c.automatedDecision = true;
    expect(missingFields(c, ref).map((f) => f.field)).toEqual([
      'dataCategories[1].retentionFate',
      'art9Condition',
      'transfers[0].safeguard',
      'automatedDecisionDetails',
    ]);
  });

  it('does not ask an Art. 9(2) condition for Art. 10 or NIR data', () => {
    const c = complete();
    c.art9Condition = null;
    c.dataCategories = [
      { code: 'criminal_offences', retentionPeriod: '1 an', retentionFate: 'delete' },
      { code: 'nir', retentionPeriod: '1 an', retentionFate: 'delete' },
    ];
    expect(missingFields(c, ref)).toEqual([]);
  });
});

describe('reference checks', () => {
  it('names unknown codes by their path', () => {
    const c = complete();
    c.dataCategories.push({ code: 'horoscope', retentionPeriod: null, retentionFate: null });
    c.legalBasis = 'whim';
    c.applicationIds = ['00000000-0000-0000-0000-000000000001'];
    c.transfers = [{ recipient: 'x', country: 'usa', safeguard: 'pinky_swear' }];
    expect(checkReferences(c, ref, new Set()).map((p) => p.field)).toEqual([
      'legalBasis',
      'dataCategories[2].code',
      'transfers[0].safeguard',
      'transfers[0].country',
      'applicationIds[0]',
    ]);
  });

  it('refuses a data category listed twice', () => {
    const c = complete();
    c.dataCategories.push({ code: 'health' });
    expect(checkReferences(c, ref, new Set())).toEqual([{ field: 'dataCategories[2].code', problem: 'health is listed twice' }]);
  });
});

describe('DPIA assessment', () => {
  it('requires a DPIA from two derived criteria and says why', () => {
    const a = assessDpia(complete(), ref);
    expect(a.required).toBe(true);
    expect(a.criteria.map((c) => [c.code, c.source])).toEqual([
      ['sensitive_data', 'derived'],
      ['vulnerable_subjects', 'derived'],
    ]);
    expect(a.reasons[0]).toMatch(/^2 EDPB criteria met: .*Santé.*Patients/);
    expect(a.missing).toBe(true);
  });

  it('does not require one for a single criterion, requires one for a CNIL list type', () => {
    const c = complete();
    c.dataSubjects = [{ code: 'residents' }];
    expect(assessDpia(c, ref)).toMatchObject({ required: false, reasons: [], missing: false });
    c.dpia.cnilTypes = ['social_housing'];
    const a = assessDpia(c, ref);
    expect(a.required).toBe(true);
    expect(a.reasons).toEqual(['on the CNIL list of processing requiring a DPIA: Instruction des demandes et gestion des logements sociaux']);
  });

  it('counts declared criteria once and is satisfied by a DPIA done', () => {
    const c = complete();
    c.dpia = { criteria: ['sensitive_data', 'large_scale'], cnilTypes: [], status: 'done', date: '2024-01-01', reference: 'AIPD-1' };
    const a = assessDpia(c, ref);
    expect(a.criteria.map((x) => `${x.code}:${x.source}`)).toEqual(['sensitive_data:declared', 'large_scale:declared', 'vulnerable_subjects:derived']);
    expect(a.missing).toBe(false);
  });
});

describe('workflow', () => {
  it('goes draft → in review → validated → archived; editing a validated record sends it back to review', () => {
    expect(nextStatus('draft', 'submit')).toBe('in_review');
    expect(nextStatus('in_review', 'validate')).toBe('validated');
    expect(nextStatus('draft', 'validate')).toBe('validated');
    expect(nextStatus('validated', 'edit')).toBe('in_review');
    expect(nextStatus('draft', 'edit')).toBe('draft');
    expect(nextStatus('validated', 'archive')).toBe('archived');
    expect(nextStatus('archived', 'reopen')).toBe('draft');
  });

  it('refuses impossible transitions', () => {
    expect(() => nextStatus('archived', 'edit')).toThrow('cannot edit a record that is archived');
    expect(() => nextStatus('validated', 'submit')).toThrow('cannot submit');
    expect(() => nextStatus('archived', 'validate')).toThrow();
    expect(() => nextStatus('draft', 'reopen')).toThrow();
  });

  it('schedules the next review a year after validation unless a later date is set', () => {
    const now = new Date('2025-03-10T10:00:00Z');
    expect(nextReviewAfterValidation(now, null)).toBe('2026-03-10');
    expect(nextReviewAfterValidation(now, '2024-01-01')).toBe('2026-03-10');
    expect(nextReviewAfterValidation(now, '2025-09-01')).toBe('2025-09-01');
  });
});
