/*
 * Response types of the evidence screen, taken type-only from the server
 * (erased at build time, checked by `tsc -p apps/console`).
 */
import type { ControlStatementsController } from '../../../../registry/src/evidence/control-statements.controller';
import type { ControlStatementView } from '../../../../registry/src/evidence/control-statements';
import type { EvidenceExportsService } from '../../../../registry/src/evidence/evidence-exports.service';

export type ExportJob = Awaited<ReturnType<EvidenceExportsService['get']>>;
export type ExportStatus = ExportJob['status'];
export type ControlChecklist = Awaited<ReturnType<ControlStatementsController['checklist']>>;
export type ChecklistFramework = ControlChecklist['frameworks'][number];
export type ChecklistControl = ChecklistFramework['sections'][number]['controls'][number];
export type { ControlStatementView };
