/*
 * Response types of the alert detail, taken type-only from the server's own services (erased at build time,
 * checked by `tsc -p apps/console`).
 */
import type { AlertsService } from '../../../../registry/src/alerts/alerts.service';
import type { AlertEscalationService } from '../../../../registry/src/alerts/alert-escalation.service';
import type { ExceptionsService } from '../../../../registry/src/exceptions/exceptions.service';
import type { IncidentsService } from '../../../../registry/src/incidents/incidents.service';
import type { RulesService } from '../../../../registry/src/rules/rules.service';
import type { Schemas } from '../../api/responses';

type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

export type RelatedEventsPage = Result<AlertsService['events']>;
export type RelatedEvent = RelatedEventsPage['items'][number];
export type ExceptionView = Result<ExceptionsService['create']>;
export type Escalation = Result<AlertEscalationService['escalate']>;
export type IncidentSummary = Result<IncidentsService['list']>[number];
export type CreateExceptionBody = Schemas['CreateExceptionDto'];
export type EscalateBody = Schemas['EscalateDto'];
export type ExceptionList = Result<ExceptionsService['list']>;
export type UpdateExceptionBody = Schemas['UpdateExceptionDto'];
export type RuleList = Result<RulesService['list']>;
