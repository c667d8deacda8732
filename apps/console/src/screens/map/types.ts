/*
 * Response types of the application map, taken type-only from the server's
 * own service (erased at build time, checked by `tsc -p apps/console`).
 */
import type { ApplicationsService } from '../../../../registry/src/applications/applications.service';
import type { ReferenceDataRepository } from '../../../../registry/src/reference-data/reference-data.repository';

type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

export type Matrix = Result<ApplicationsService['matrix']>;
export type MatrixCell = Matrix['rows'][number]['cells'][string];
export type Application = Result<ApplicationsService['get']>;
export type ApplicationImpact = Result<ApplicationsService['impactOfApplication']>;
export type HostImpact = Result<ApplicationsService['impactOfHost']>;
export type ReferenceItem = Result<ReferenceDataRepository['list']>[number];
