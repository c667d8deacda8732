import { ActivityContent, ActivityStatus, DpiaAssessment, FieldIssue } from '@vigie/gdpr';

/** A stored Art. 30(1) record. */
export interface ActivityRow {
  id: string;
  member: string;
  reference: string;
  name: string;
  status: ActivityStatus;
  version: number;
  content: ActivityContent;
  nextReviewDate: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  validatedAt: string | null;
  validatedBy: string | null;
}

export interface ActivityVersion {
  version: number;
  status: ActivityStatus;
  changeKind: string;
  snapshot: VersionSnapshot;
  changedBy: string;
  changedAt: string;
  comment: string | null;
}

/** What a version keeps: the status and every field of the record. */
export type VersionSnapshot = ActivityContent & { status: ActivityStatus };

export interface Controller {
  code: string;
  name: string;
  siren: string | null;
}

/** A record as the API shows it. */
export type ProcessingActivity = Omit<ActivityRow, 'content'> &
  ActivityContent & {
    controller: Controller;
    applications: Array<{ id: string; name: string; vendor: string; domain: string; hosting: string }>;
    /** Data categories the linked applications process that the record does not list (to consider). */
    suggestedDataCategories: string[];
    completeness: { complete: boolean; missing: FieldIssue[] };
    dpiaAssessment: DpiaAssessment;
    reviewOverdue: boolean;
  };
