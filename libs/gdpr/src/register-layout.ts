import { FieldIssue } from './field-problem';
import { CNIL_DPIA_TYPES, EDPB_CRITERIA } from './dpia';
import { ActivityContent, ActivityStatus, DPIA_STATUSES, DpiaStatus, normaliseContent, RETENTION_FATES, RetentionFate } from './record';
import { fold, ReferenceKind, ReferenceLookup } from './reference';

export type Cell = string | number | null;

/** One sheet of a workbook, or one CSV file: a header and rows. */
export interface Sheet {
  name: string;
  columns: string[];
  rows: Cell[][];
}

/** A record as exported: its content plus what identifies and dates it. */
export interface RegisterRecord extends ActivityContent {
  reference: string;
  status: ActivityStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  controllerName: string;
  applications: Array<{ id: string; name: string; vendor: string; domain: string }>;
  dpiaRequired: boolean;
}

export const SHEETS = {
  activities: 'Traitements',
  jointControllers: 'Responsables conjoints',
  subjects: 'Personnes concernées',
  categories: 'Catégories de données',
  recipients: 'Destinataires',
  transfers: 'Transferts hors UE',
  measures: 'Mesures de sécurité',
  applications: 'Applications',
} as const;

/** The CNIL model's record sheet, in its column order, then Vigie's additions (DPIA, review). */
export const ACTIVITY_COLUMNS = [
  'Référence',
  'Nom du traitement',
  'Statut',
  'Version',
  'Date de création',
  'Date de mise à jour',
  'Responsable du traitement',
  'Délégué à la protection des données',
  'Contact du DPO',
  'Finalité principale',
  'Sous-finalités',
  'Base légale',
  'Justification de la base légale',
  "Condition de l'article 9.2",
  'Source des données',
  'Collecte obligatoire',
  'Décision automatisée',
  'Précisions sur la décision automatisée',
  'Exercice des droits',
  'AIPD requise',
  'Critères AIPD déclarés',
  'Types de la liste CNIL',
  'Statut AIPD',
  'Date AIPD',
  'Référence AIPD',
  'Prochaine revue',
] as const;

const CHILD_COLUMNS: Record<Exclude<keyof typeof SHEETS, 'activities'>, string[]> = {
  jointControllers: ['Référence', 'Nom', 'Contact'],
  subjects: ['Référence', 'Catégorie de personnes', 'Volume'],
  categories: ['Référence', 'Catégorie de données', 'Description', 'Durée de conservation', 'Sort final'],
  recipients: ['Référence', 'Type de destinataire', 'Destinataire', 'Interne'],
  transfers: ['Référence', 'Destinataire', 'Pays', 'Garantie', 'Documentation'],
  measures: ['Référence', 'Type de mesure', 'Description'],
  applications: ['Référence', 'Application', 'Éditeur', 'Domaine', 'Identifiant'],
};

const FATES: Record<RetentionFate, string> = { delete: 'Suppression', archive: 'Archivage', anonymise: 'Anonymisation' };
const DPIA_LABELS: Record<DpiaStatus, string> = {
  not_assessed: 'Non évaluée',
  not_required: 'Non requise',
  planned: 'Prévue',
  in_progress: 'En cours',
  done: 'Réalisée',
};
const yesNo = (v: boolean | null | undefined) => (v === null || v === undefined ? null : v ? 'Oui' : 'Non');
const list = (v: string[]) => (v.length ? v.join('\n') : null);
const dateOnly = (iso: string) => iso.slice(0, 10);

/** The register as sheets, one per record type, in the CNIL model's layout. */
export function registerSheets(records: RegisterRecord[], ref: ReferenceLookup): Sheet[] {
  const label = (kind: ReferenceKind, code: string | null | undefined) => (code ? ref.label(kind, code) : null);
  const sheet = (key: keyof typeof CHILD_COLUMNS, rows: Cell[][]): Sheet => ({ name: SHEETS[key], columns: CHILD_COLUMNS[key], rows });
  return [
    {
      name: SHEETS.activities,
      columns: [...ACTIVITY_COLUMNS],
      rows: records.map((r) => [
        r.reference,
        r.name,
        r.status,
        r.version,
        dateOnly(r.createdAt),
        dateOnly(r.updatedAt),
        r.controllerName,
        r.dpo?.name ?? null,
        r.dpo?.contact ?? null,
        r.purposes[0] ?? null,
        list(r.purposes.slice(1)),
        label('legal-bases', r.legalBasis),
        r.legalBasisJustification ?? null,
        label('art9-conditions', r.art9Condition),
        r.dataSource ?? null,
        yesNo(r.collectionMandatory),
        yesNo(r.automatedDecision),
        r.automatedDecisionDetails ?? null,
        r.rightsExercise ?? null,
        r.dpiaRequired ? 'Oui' : 'Non',
        list(r.dpia.criteria.map((c) => EDPB_CRITERIA.find((x) => x.code === c)?.label ?? c)),
        list(r.dpia.cnilTypes.map((c) => CNIL_DPIA_TYPES.find((x) => x.code === c)?.label ?? c)),
        DPIA_LABELS[r.dpia.status],
        r.dpia.date ?? null,
        r.dpia.reference ?? null,
        r.nextReviewDate ?? null,
      ]),
    },
    sheet('jointControllers', records.flatMap((r) => r.jointControllers.map((j) => [r.reference, j.name, j.contact ?? null]))),
    sheet('subjects', records.flatMap((r) => r.dataSubjects.map((s) => [r.reference, label('data-subject-categories', s.code), s.volume ?? null]))),
    sheet(
      'categories',
      records.flatMap((r) =>
        r.dataCategories.map((d) => [
          r.reference,
          label('data-categories', d.code),
          d.description ?? null,
          d.retentionPeriod ?? null,
          d.retentionFate ? FATES[d.retentionFate] : null,
        ]),
      ),
    ),
    sheet('recipients', records.flatMap((r) => r.recipients.map((x) => [r.reference, label('recipient-types', x.type), x.name, x.internal ? 'Oui' : 'Non']))),
    sheet(
      'transfers',
      records.flatMap((r) => r.transfers.map((t) => [r.reference, t.recipient, t.country, label('transfer-safeguards', t.safeguard), t.documentation ?? null])),
    ),
    sheet('measures', records.flatMap((r) => r.securityMeasures.map((s) => [r.reference, label('security-measures', s.type), s.description]))),
    sheet('applications', records.flatMap((r) => r.applications.map((a) => [r.reference, a.name, a.vendor, a.domain, a.id]))),
  ];
}

/** A problem in an imported workbook: sheet, Excel row number, column header. */
export interface ImportIssue {
  sheet: string;
  row: number;
  column: string;
  problem: string;
}

export interface ImportResult {
  /** Content by reference, in the order of the record sheet. */
  records: Array<ActivityContent & { reference: string }>;
  errors: ImportIssue[];
}

export interface KnownApplication {
  id: string;
  name: string;
  vendor: string;
  domain: string;
}

/**
 * Reads sheets in the layout of `registerSheets` back into record contents,
 * validating every cell. Labels or codes are accepted for reference data.
 * Nothing is returned as importable when any error is found.
 */
export function readRegisterSheets(sheets: Sheet[], ref: ReferenceLookup, apps: KnownApplication[]): ImportResult {
  const errors: ImportIssue[] = [];
  const byName = new Map(sheets.map((s) => [fold(s.name), s]));
  const records = new Map<string, ActivityContent & { reference: string }>();
  const text = (v: Cell) => (v === null || v === undefined ? '' : String(v).trim());
  const opt = (v: Cell) => text(v) || null;

  const rowsOf = (name: string, columns: readonly string[], required: boolean) => {
    const s = byName.get(fold(name));
    if (!s) {
      if (required) errors.push({ sheet: name, row: 0, column: '', problem: 'sheet missing' });
      return [];
    }
    const index = new Map(s.columns.map((c, i) => [fold(c), i]));
    const missing = columns.filter((c) => !index.has(fold(c)));
    for (const c of missing) errors.push({ sheet: name, row: 1, column: c, problem: 'column missing from the header row' });
    if (missing.length) return [];
    return s.rows
      .map((cells, i) => ({ row: i + 2, get: (col: string) => cells[index.get(fold(col))!] ?? null, cells }))
      .filter((r) => r.cells.some((c) => text(c) !== ''));
  };

  const code = (sheet: string, row: number, column: string, kind: ReferenceKind, v: Cell, required: boolean): string | null => {
    const t = text(v);
    if (!t) {
      if (required) errors.push({ sheet, row, column, problem: 'is required' });
      return null;
    }
    const c = ref.resolve(kind, t);
    if (!c) errors.push({ sheet, row, column, problem: `unknown value ${JSON.stringify(t)}` });
    return c ?? null;
  };
  const bool = (sheet: string, row: number, column: string, v: Cell): boolean | null => {
    const t = fold(text(v));
    if (!t) return null;
    if (['oui', 'yes', 'true', '1', 'o'].includes(t)) return true;
    if (['non', 'no', 'false', '0', 'n'].includes(t)) return false;
    errors.push({ sheet, row, column, problem: `expected Oui or Non, got ${JSON.stringify(text(v))}` });
    return null;
  };
  const date = (sheet: string, row: number, column: string, v: Cell): string | null => {
    const t = text(v);
    if (!t) return null;
    if (/^\d{4}-\d{2}-\d{2}$/.test(t) && !Number.isNaN(Date.parse(t))) return t;
    errors.push({ sheet, row, column, problem: `expected a date YYYY-MM-DD, got ${JSON.stringify(t)}` });
    return null;
  };
  const fromList = <T extends { code: string; label: string }>(sheet: string, row: number, column: string, v: Cell, items: readonly T[]): string[] =>
    text(v)
      .split('\n')
      .map((x) => x.trim())
      .filter(Boolean)
      .flatMap((x) => {
        const hit = items.find((i) => fold(i.code) === fold(x) || fold(i.label) === fold(x));
        if (!hit) errors.push({ sheet, row, column, problem: `unknown value ${JSON.stringify(x)}` });
        return hit ? [hit.code] : [];
      });

  const A = SHEETS.activities;
  const before = errors.length;
  const mainRows = rowsOf(A, ACTIVITY_COLUMNS, true);
  /** Without a readable record sheet, the other sheets' references cannot be checked. */
  const mainReadable = errors.length === before;
  for (const r of mainRows) {
    const reference = text(r.get('Référence'));
    if (!reference) errors.push({ sheet: A, row: r.row, column: 'Référence', problem: 'is required' });
    else if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/.test(reference))
      errors.push({ sheet: A, row: r.row, column: 'Référence', problem: 'must be 1-60 letters, digits, . _ or -' });
    else if (records.has(reference)) errors.push({ sheet: A, row: r.row, column: 'Référence', problem: `${reference} appears twice` });
    const name = text(r.get('Nom du traitement'));
    if (!name) errors.push({ sheet: A, row: r.row, column: 'Nom du traitement', problem: 'is required' });
    const dpoName = opt(r.get('Délégué à la protection des données'));
    const statusText = fold(text(r.get('Statut AIPD')));
    let dpiaStatus: DpiaStatus = 'not_assessed';
    if (statusText) {
      const hit = DPIA_STATUSES.find((s) => fold(DPIA_LABELS[s]) === statusText || s === statusText);
      if (hit) dpiaStatus = hit;
      else errors.push({ sheet: A, row: r.row, column: 'Statut AIPD', problem: `unknown value ${JSON.stringify(text(r.get('Statut AIPD')))}` });
    }
    const main = opt(r.get('Finalité principale'));
    const content = normaliseContent({
      reference,
      name,
      purposes: [...(main ? [main] : []), ...text(r.get('Sous-finalités')).split('\n').map((x) => x.trim()).filter(Boolean)],
      legalBasis: code(A, r.row, 'Base légale', 'legal-bases', r.get('Base légale'), false),
      legalBasisJustification: opt(r.get('Justification de la base légale')),
      art9Condition: code(A, r.row, "Condition de l'article 9.2", 'art9-conditions', r.get("Condition de l'article 9.2"), false),
      dpo: dpoName ? { name: dpoName, contact: opt(r.get('Contact du DPO')) } : null,
      dataSource: opt(r.get('Source des données')),
      collectionMandatory: bool(A, r.row, 'Collecte obligatoire', r.get('Collecte obligatoire')),
      automatedDecision: bool(A, r.row, 'Décision automatisée', r.get('Décision automatisée')),
      automatedDecisionDetails: opt(r.get('Précisions sur la décision automatisée')),
      rightsExercise: opt(r.get('Exercice des droits')),
      dpia: {
        criteria: fromList(A, r.row, 'Critères AIPD déclarés', r.get('Critères AIPD déclarés'), EDPB_CRITERIA),
        cnilTypes: fromList(A, r.row, 'Types de la liste CNIL', r.get('Types de la liste CNIL'), CNIL_DPIA_TYPES),
        status: dpiaStatus,
        date: date(A, r.row, 'Date AIPD', r.get('Date AIPD')),
        reference: opt(r.get('Référence AIPD')),
      },
      nextReviewDate: date(A, r.row, 'Prochaine revue', r.get('Prochaine revue')),
    });
    if (reference && !records.has(reference)) records.set(reference, { ...content, reference });
  }

  const each = (key: keyof typeof CHILD_COLUMNS, fn: (rec: ActivityContent, get: (c: string) => Cell, row: number, sheet: string) => void) => {
    const sheet = SHEETS[key];
    const rows = rowsOf(sheet, CHILD_COLUMNS[key], false);
    if (!mainReadable) return;
    for (const r of rows) {
      const reference = text(r.get('Référence'));
      const rec = records.get(reference);
      if (!rec) {
        errors.push({ sheet, row: r.row, column: 'Référence', problem: `no record ${JSON.stringify(reference)} in sheet ${SHEETS.activities}` });
        continue;
      }
      fn(rec, r.get, r.row, sheet);
    }
  };
  each('jointControllers', (rec, get, row, sheet) => {
    const name = text(get('Nom'));
    if (!name) errors.push({ sheet, row, column: 'Nom', problem: 'is required' });
    rec.jointControllers.push({ name, contact: opt(get('Contact')) });
  });
  each('subjects', (rec, get, row, sheet) => {
    const c = code(sheet, row, 'Catégorie de personnes', 'data-subject-categories', get('Catégorie de personnes'), true);
    if (c) rec.dataSubjects.push({ code: c, volume: opt(get('Volume')) });
  });
  each('categories', (rec, get, row, sheet) => {
    const c = code(sheet, row, 'Catégorie de données', 'data-categories', get('Catégorie de données'), true);
    const fateText = fold(text(get('Sort final')));
    let fate: RetentionFate | null = null;
    if (fateText) {
      fate = RETENTION_FATES.find((f) => fold(FATES[f]) === fateText || f === fateText) ?? null;
      if (!fate) errors.push({ sheet, row, column: 'Sort final', problem: `expected Suppression, Archivage or Anonymisation, got ${JSON.stringify(text(get('Sort final')))}` });
    }
    if (c && rec.dataCategories.some((d) => d.code === c)) errors.push({ sheet, row, column: 'Catégorie de données', problem: `${c} is listed twice for this record` });
    else if (c) rec.dataCategories.push({ code: c, description: opt(get('Description')), retentionPeriod: opt(get('Durée de conservation')), retentionFate: fate });
  });
  each('recipients', (rec, get, row, sheet) => {
    const t = code(sheet, row, 'Type de destinataire', 'recipient-types', get('Type de destinataire'), true);
    const name = text(get('Destinataire'));
    if (!name) errors.push({ sheet, row, column: 'Destinataire', problem: 'is required' });
    const internal = bool(sheet, row, 'Interne', get('Interne'));
    if (t && name) rec.recipients.push({ type: t, name, internal: internal ?? false });
  });
  each('transfers', (rec, get, row, sheet) => {
    const recipient = text(get('Destinataire'));
    if (!recipient) errors.push({ sheet, row, column: 'Destinataire', problem: 'is required' });
    const country = text(get('Pays')).toUpperCase();
    if (!/^[A-Z]{2}$/.test(country)) errors.push({ sheet, row, column: 'Pays', problem: 'expected an ISO 3166-1 alpha-2 code (e.g. US)' });
    const safeguard = code(sheet, row, 'Garantie', 'transfer-safeguards', get('Garantie'), false);
    rec.transfers.push({ recipient, country, safeguard, documentation: opt(get('Documentation')) });
  });
  each('measures', (rec, get, row, sheet) => {
    const t = code(sheet, row, 'Type de mesure', 'security-measures', get('Type de mesure'), true);
    const description = text(get('Description'));
    if (!description) errors.push({ sheet, row, column: 'Description', problem: 'is required' });
    if (t) rec.securityMeasures.push({ type: t, description });
  });
  each('applications', (rec, get, row, sheet) => {
    const id = text(get('Identifiant'));
    const name = fold(text(get('Application')));
    const hit = id
      ? apps.find((a) => a.id === id)
      : (() => {
          const named = apps.filter((a) => fold(a.name) === name && (!text(get('Domaine')) || fold(a.domain) === fold(text(get('Domaine')))));
          return named.length === 1 ? named[0] : undefined;
        })();
    if (!hit) errors.push({ sheet, row, column: id ? 'Identifiant' : 'Application', problem: `unknown or ambiguous application ${JSON.stringify(id || text(get('Application')))}` });
    else if (!rec.applicationIds.includes(hit.id)) rec.applicationIds.push(hit.id);
  });
  return { records: errors.length ? [] : [...records.values()], errors };
}

/** Field problems of reference checks, told as import issues of the record's row. */
export function issuesOfRecord(reference: string, row: number, problems: FieldIssue[]): ImportIssue[] {
  return problems.map((p) => ({ sheet: SHEETS.activities, row, column: p.field, problem: `${reference}: ${p.problem}` }));
}
