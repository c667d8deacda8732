/*
 * Response types of the register screens, taken from the server's own code by
 * type-only imports (erased at build time, checked by `tsc -p apps/console`).
 */
import type { ProcessingActivitiesService } from '../../../../registry/src/processing-activities/processing-activities.service';
import type { ProcessingActivity } from '../../../../registry/src/processing-activities/processing-activity';
import type { REGISTER_EDITORS } from '../../../../registry/src/processing-activities/processing-activities.controller';
import type { Application } from '../../../../registry/src/applications/application';
import type {
  ActivityContent,
  ActivityStatus,
  ChecklistItem,
  FieldIssue,
  ReferenceItem,
  ReferenceKind,
} from '../../../../../libs/gdpr/src';

type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

export type {
  ProcessingActivity,
  Application,
  ActivityContent,
  ActivityStatus,
  ChecklistItem,
  FieldIssue,
  ReferenceItem,
  ReferenceKind,
};
export type HistoryEntry = Result<ProcessingActivitiesService['history']>[number];
export type ActivityVersion = Result<ProcessingActivitiesService['version']>;
export type VersionDiff = Result<ProcessingActivitiesService['diff']>;
export type RegisterEditorRole = (typeof REGISTER_EDITORS)[number];
export type WorkflowAction = 'submit' | 'validate' | 'archive' | 'reopen';

/** Extra fields of a refused transition (409 invalid_transition). */
export interface TransitionRefusal {
  status?: ActivityStatus;
  allowed?: ActivityStatus[];
  allowedActions?: WorkflowAction[];
}
