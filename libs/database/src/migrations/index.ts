import { EventStore1732900000000 } from '@vigie/event-store';
import { Members1732800000000 } from './1732800000000-members';
import { Accounts1733000000000 } from './1733000000000-accounts';
import { Rules1733400000000 } from './1733400000000-rules';
import { Isms1733200000000 } from './1733200000000-isms';
import { GdprRegistry1733100000000 } from './1733100000000-gdpr-registry';
import { Alerts1733300000000 } from './1733300000000-alerts';
import { ControlStatements1733500000000 } from './1733500000000-control-statements';
import { DetectionState1733610000000 } from './1733610000000-detection-state';
import { AlertExceptionSigma1733620000000 } from './1733620000000-alert-exception-sigma';
import { DeadLetterOrigin1733630000000 } from './1733630000000-dead-letter-origin';
import { EvidenceExports1733640000000 } from './1733640000000-evidence-exports';

/**
 * Every migration, in timestamp order (TypeORM runs them in that order). Schema
 * changes are made here only (`synchronize` is off). Add new ones at the end.
 */
export const MIGRATIONS = [
  Members1732800000000,
  EventStore1732900000000,
  Accounts1733000000000,
  GdprRegistry1733100000000,
  Isms1733200000000,
  Alerts1733300000000,
  Rules1733400000000,
  ControlStatements1733500000000,
  DetectionState1733610000000,
  AlertExceptionSigma1733620000000,
  DeadLetterOrigin1733630000000,
  EvidenceExports1733640000000,
];
