/*
 * Response types of the incident screens, taken type-only from the server's
 * own services (erased at build time, checked by `tsc -p apps/console`).
 */
import type { IncidentsService } from '../../../../registry/src/incidents/incidents.service';
import type { TimelineService } from '../../../../registry/src/incidents/timeline.service';
import type { BreachesService } from '../../../../registry/src/breaches/breaches.service';
import type { CorrectiveActionsService } from '../../../../registry/src/corrective-actions/corrective-actions.service';
import type { ApplicationsService } from '../../../../registry/src/applications/applications.service';
import type { ReferenceDataRepository } from '../../../../registry/src/reference-data/reference-data.repository';
import type { IncidentReportsService } from '../../../../registry/src/incident-reports/incident-reports.service';
import type { ApiErrorBody, Schemas } from '../../api/responses';

type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

export type IncidentView = Result<IncidentsService['get']>;
export type IncidentList = Result<IncidentsService['list']>;
export type IncidentImpact = Result<IncidentsService['impact']>;
export type IncidentLinks = Result<IncidentsService['links']>;
export type TimelineEntry = Result<TimelineService['append']>;
export type EvidenceFile = Result<TimelineService['getEvidence']>;
export type BreachView = Result<BreachesService['get']>;
export type BreachControllerView = BreachView['controllers'][number];

/** What a form on an open breach is given: the incident, its breach, and what to do once it has saved. */
export interface BreachFormProps {
  incident: IncidentView;
  breach: BreachView;
  onDone(): Promise<void>;
}
export type CorrectiveActionView = Result<CorrectiveActionsService['get']>;
export type ApplicationList = Result<ApplicationsService['list']>;
export type ReferenceItem = Result<ReferenceDataRepository['list']>[number];
export type BreachDeadline = Result<BreachesService['deadlines']>[number];
export type BreachRegister = Result<BreachesService['register']>;
export type BreachRegisterEntry = BreachRegister['entries'][number];
export type BreachNoticeView = Result<BreachesService['addNotice']>;
export type IncidentMetrics = Result<IncidentReportsService['metrics']>;

export type CreateIncidentBody = Schemas['CreateIncidentDto'];
export type TimelineEntryBody = Schemas['TimelineEntryDto'];
export type RiskAssessmentBody = Schemas['RiskAssessmentDto'];
export type NotificationBody = Schemas['NotificationDto'];
export type CreateActionBody = Schemas['CreateCorrectiveActionDto'];
export type ReviewBody = Schemas['ReviewDto'];
export type UpdateIncidentBody = Schemas['UpdateIncidentDto'];
export type NoticeBody = Schemas['NoticeDto'];
export type SubjectCommunicationBody = Schemas['SubjectCommunicationDto'];

export type IncidentStatus = IncidentView['status'];
export type Severity = IncidentView['severity'];
export type ActionStatus = CorrectiveActionView['status'];
export type LinkKind = 'members' | 'applications' | 'hosts' | 'alerts';

/** A 409 on a status change names the states allowed from the current one. */
export type TransitionErrorBody = ApiErrorBody & { allowed?: IncidentStatus[] };
