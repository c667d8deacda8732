/** Retention fate at the end of the retention period. */
export const RETENTION_FATES = ['delete', 'archive', 'anonymise'] as const;
export type RetentionFate = (typeof RETENTION_FATES)[number];

export const ACTIVITY_STATUSES = ['draft', 'in_review', 'validated', 'archived'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const DPIA_STATUSES = ['not_assessed', 'not_required', 'planned', 'in_progress', 'done'] as const;
export type DpiaStatus = (typeof DPIA_STATUSES)[number];

export interface DataCategoryEntry {
  /** Reference code (`identity`, `health`, `nir`, ...). */
  code: string;
  description?: string | null;
  /** Retention period in words, e.g. "5 ans après la clôture du dossier". */
  retentionPeriod?: string | null;
  retentionFate?: RetentionFate | null;
}

export interface DataSubjectEntry {
  code: string;
  /** Rough number of people, e.g. "12 000". */
  volume?: string | null;
}

export interface RecipientEntry {
  /** Reference code of the recipient type. */
  type: string;
  name: string;
  internal: boolean;
}

export interface TransferEntry {
  recipient: string;
  country: string;
  /** Reference code of the safeguard. */
  safeguard?: string | null;
  documentation?: string | null;
}

export interface SecurityMeasureEntry {
  /** Reference code of the measure type (CNIL model). */
  type: string;
  description: string;
}

export interface PartyEntry {
  name: string;
  contact?: string | null;
}

export interface DpiaEntry {
  /** EDPB criteria declared by the DPO. */
  criteria: string[];
  /** CNIL list processing types that apply. */
  cnilTypes: string[];
  status: DpiaStatus;
  date?: string | null;
  reference?: string | null;
}

/** The editable content of an Art. 30(1) record (everything but identity, status and dates). */
export interface ActivityContent {
  reference?: string | null;
  name: string;
  purposes: string[];
  legalBasis?: string | null;
  legalBasisJustification?: string | null;
  art9Condition?: string | null;
  jointControllers: PartyEntry[];
  dpo?: PartyEntry | null;
  dataSubjects: DataSubjectEntry[];
  dataCategories: DataCategoryEntry[];
  recipients: RecipientEntry[];
  transfers: TransferEntry[];
  securityMeasures: SecurityMeasureEntry[];
  applicationIds: string[];
  dataSource?: string | null;
  collectionMandatory?: boolean | null;
  automatedDecision?: boolean | null;
  automatedDecisionDetails?: string | null;
  rightsExercise?: string | null;
  dpia: DpiaEntry;
  nextReviewDate?: string | null;
}

export const EMPTY_DPIA: DpiaEntry = { criteria: [], cnilTypes: [], status: 'not_assessed', date: null, reference: null };

/** Fill the optional collections of a partial content so every record has the same shape. */
export function normaliseContent(c: Partial<ActivityContent> & { name: string }): ActivityContent {
  return {
    reference: c.reference ?? null,
    name: c.name,
    purposes: c.purposes ?? [],
    legalBasis: c.legalBasis ?? null,
    legalBasisJustification: c.legalBasisJustification ?? null,
    art9Condition: c.art9Condition ?? null,
    jointControllers: (c.jointControllers ?? []).map((j) => ({ name: j.name, contact: j.contact ?? null })),
    dpo: c.dpo ? { name: c.dpo.name, contact: c.dpo.contact ?? null } : null,
    dataSubjects: (c.dataSubjects ?? []).map((s) => ({ code: s.code, volume: s.volume ?? null })),
    dataCategories: (c.dataCategories ?? []).map((d) => ({
      code: d.code,
      description: d.description ?? null,
      retentionPeriod: d.retentionPeriod ?? null,
      retentionFate: d.retentionFate ?? null,
    })),
    recipients: (c.recipients ?? []).map((r) => ({ type: r.type, name: r.name, internal: !!r.internal })),
    transfers: (c.transfers ?? []).map((t) => ({
      recipient: t.recipient,
      country: t.country,
      safeguard: t.safeguard ?? null,
      documentation: t.documentation ?? null,
    })),
    securityMeasures: (c.securityMeasures ?? []).map((s) => ({ type: s.type, description: s.description })),
    applicationIds: [...new Set(c.applicationIds ?? [])],
    dataSource: c.dataSource ?? null,
    collectionMandatory: c.collectionMandatory ?? null,
    automatedDecision: c.automatedDecision ?? null,
    automatedDecisionDetails: c.automatedDecisionDetails ?? null,
    rightsExercise: c.rightsExercise ?? null,
    dpia: {
      criteria: [...(c.dpia?.criteria ?? [])],
      cnilTypes: [...(c.dpia?.cnilTypes ?? [])],
      status: c.dpia?.status ?? 'not_assessed',
      date: c.dpia?.date ?? null,
      reference: c.dpia?.reference ?? null,
    },
    nextReviewDate: c.nextReviewDate ?? null,
  };
}
