/*
 * Response types of the dashboard's panels, taken type-only from the server
 * (erased at build time, checked by `tsc -p apps/console`).
 */
import type { BreachesService } from '../../../../registry/src/breaches/breaches.service';
import type { IncidentsService } from '../../../../registry/src/incidents/incidents.service';
import type { SourcesService } from '../../../../registry/src/sources/sources.service';

type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

export type SourcesResult = Result<SourcesService['list']>;
export type IncidentList = Result<IncidentsService['list']>;
export type IncidentItem = IncidentList[number];
export type DeadlineList = Result<BreachesService['deadlines']>;
export type DeadlineItem = DeadlineList[number];
export type DeadlineState = DeadlineItem['state'];
export type Severity = IncidentItem['severity'];
export type IncidentStatus = IncidentItem['status'];
