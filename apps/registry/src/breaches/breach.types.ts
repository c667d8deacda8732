import { BreachDecision, ControllerDeadline, NotificationPhase, RiskLevel } from '@vigie/isms';

export interface BreachNotice {
  id: string;
  member: string;
  sentAt: string;
  sentBy: string;
  channel: string | null;
  content: string;
  recordedBy: string;
  recordedAt: string;
}

export interface BreachNotification {
  id: string;
  member: string;
  phase: NotificationPhase;
  sentAt: string;
  cnilReference: string | null;
  nature: string | null;
  subjectsApprox: number | null;
  recordsApprox: number | null;
  dpoContact: string | null;
  consequences: string | null;
  measures: string | null;
  late: boolean;
  lateJustification: string | null;
  recordedBy: string;
  recordedAt: string;
}

export interface RiskAssessment {
  risk: RiskLevel;
  rationale: string;
  encrypted: boolean;
  mitigated: boolean;
  disproportionateEffort: boolean;
  assessedBy: string;
  assessedAt: string;
}

export interface SubjectCommunication {
  sentAt: string;
  method: string;
  content: string;
}

export interface BreachController {
  member: string;
  awareAt: string | null;
  awareRecordedBy: string | null;
  assessment: RiskAssessment | null;
  subjectCommunication: SubjectCommunication | null;
}

export interface Breach {
  id: string;
  incidentId: string;
  consortiumAwareAt: string;
  nature: string;
  subjectsApprox: number | null;
  recordsApprox: number | null;
  openedBy: string;
  openedAt: string;
  updatedAt: string;
}

export interface ControllerView extends BreachController {
  decision: BreachDecision | null;
  deadline: ControllerDeadline;
  notices: BreachNotice[];
  notifications: BreachNotification[];
}

export interface BreachView extends Breach {
  incident: string;
  controllers: ControllerView[];
}
