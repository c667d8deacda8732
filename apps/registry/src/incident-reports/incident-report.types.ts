import { Phase } from '@vigie/isms';
import { BreachView } from '../breaches/breach.types';
import { ActionView } from '../corrective-actions/corrective-actions.service';
import { Evidence } from '../incidents/evidence.repository';
import { Impact } from '../incidents/impact/impact.types';
import { IncidentView } from '../incidents/incident.types';
import { TimelineEntry } from '../incidents/timeline.repository';

export interface PhaseGroup {
  phase: Phase;
  label: string;
  entries: TimelineEntry[];
}

/** Everything an incident report shows: JSON as is, PDF rendered from it. */
export interface IncidentReport {
  generatedAt: string;
  generatedBy: string;
  incident: IncidentView;
  impact: Impact;
  timeline: PhaseGroup[];
  evidence: Evidence[];
  breach: BreachView | null;
  correctiveActions: ActionView[];
}

export const PHASE_LABELS: Record<Phase, string> = {
  detection: 'Detection and triage',
  analysis: 'Analysis',
  containment: 'Containment',
  eradication: 'Eradication',
  recovery: 'Recovery',
  post_incident: 'Post-incident',
};
