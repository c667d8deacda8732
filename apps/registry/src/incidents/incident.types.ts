import { CiaLevel, Decision, IncidentCategory, IncidentSource, IncidentStatus, Level, Severity } from '@vigie/isms';
import { iso, isoOrNull, strOrNull } from './sql-values';

export interface IncidentMemberLink {
  member: string;
  /** Linked by hand. */
  manual: boolean;
  /** Derived from the affected applications and hosts through the GDPR registry. */
  derived: boolean;
}

export interface IncidentLinks {
  applications: string[];
  hosts: string[];
  alerts: string[];
}

export interface Incident {
  id: string;
  reference: string;
  title: string;
  description: string;
  occurredAt: string | null;
  detectedAt: string;
  reportedAt: string | null;
  resolvedAt: string | null;
  reporter: string;
  source: IncidentSource;
  sourceRef: string | null;
  category: IncidentCategory;
  impact: Level;
  urgency: Level;
  severity: Severity;
  cia: { confidentiality: CiaLevel; integrity: CiaLevel; availability: CiaLevel };
  personalDataSuspected: boolean;
  status: IncidentStatus;
  decision: { decision: Decision; by: string; at: string; rationale: string } | null;
  rootCause: string | null;
  lessonsLearned: string | null;
  triagedAt: string | null;
  containedAt: string | null;
  eradicatedAt: string | null;
  recoveredAt: string | null;
  closedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface IncidentView extends Incident {
  members: IncidentMemberLink[];
  links: IncidentLinks;
  allowedNextStates: IncidentStatus[];
}

export const INCIDENT_COLUMNS = `id, reference, title, description, occurred_at, detected_at, reported_at, resolved_at, reporter, source,
  source_ref, category, impact, urgency, severity, confidentiality, integrity, availability, personal_data_suspected, status,
  decision, decision_by, decision_at, decision_rationale, root_cause, lessons_learned, triaged_at, contained_at, eradicated_at,
  recovered_at, closed_at, created_by, created_at, updated_at`;

export function toIncident(r: Record<string, unknown>): Incident {
  return {
    id: String(r.id),
    reference: String(r.reference),
    title: String(r.title),
    description: String(r.description ?? ''),
    occurredAt: isoOrNull(r.occurred_at),
    detectedAt: iso(r.detected_at),
    reportedAt: isoOrNull(r.reported_at),
    resolvedAt: isoOrNull(r.resolved_at),
    reporter: String(r.reporter),
    source: r.source as IncidentSource,
    sourceRef: strOrNull(r.source_ref),
    category: r.category as IncidentCategory,
    impact: r.impact as Level,
    urgency: r.urgency as Level,
    severity: r.severity as Severity,
    cia: {
      confidentiality: r.confidentiality as CiaLevel,
      integrity: r.integrity as CiaLevel,
      availability: r.availability as CiaLevel,
    },
    personalDataSuspected: Boolean(r.personal_data_suspected),
    status: r.status as IncidentStatus,
    decision: r.decision
      ? {
          decision: r.decision as Decision,
          by: String(r.decision_by),
          at: iso(r.decision_at),
          rationale: String(r.decision_rationale ?? ''),
        }
      : null,
    rootCause: strOrNull(r.root_cause),
    lessonsLearned: strOrNull(r.lessons_learned),
    triagedAt: isoOrNull(r.triaged_at),
    containedAt: isoOrNull(r.contained_at),
    eradicatedAt: isoOrNull(r.eradicated_at),
    recoveredAt: isoOrNull(r.recovered_at),
    closedAt: isoOrNull(r.closed_at),
    createdBy: String(r.created_by),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}
