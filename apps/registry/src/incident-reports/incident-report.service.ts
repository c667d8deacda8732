import { Injectable } from '@nestjs/common';
import { RequestContext } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import { PHASES } from '@vigie/isms';
import { BreachesService } from '../breaches/breaches.service';
import { CorrectiveActionsService } from '../corrective-actions/corrective-actions.service';
import { IncidentsService } from '../incidents/incidents.service';
import { IsmsClock } from '../incidents/isms-clock';
import { TimelineService } from '../incidents/timeline.service';
import { IncidentReport, PHASE_LABELS } from './incident-report.types';

/** Gathers an incident's report: record, impact, timeline by phase, evidence, breach notifications, actions. */
@Injectable()
export class IncidentReportService {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly timeline: TimelineService,
    private readonly breaches: BreachesService,
    private readonly actions: CorrectiveActionsService,
    private readonly clock: IsmsClock,
  ) {}

  async build(idOrRef: string): Promise<IncidentReport> {
    const incident = await this.incidents.get(idOrRef);
    const [impact, entries, evidence, actions] = await Promise.all([
      this.incidents.impact(incident.id),
      this.timeline.list(incident.id),
      this.timeline.listEvidence(incident.id),
      this.actions.list({ incident: incident.id }),
    ]);
    let breach = null;
    try {
      breach = await this.breaches.get(incident.id);
    } catch (e) {
      if (!(e instanceof DomainError && e.kind === 'not_found')) throw e;
    }
    const { incident: _ref, ...impactOnly } = impact;
    return {
      generatedAt: this.clock.now().toISOString(),
      generatedBy: RequestContext.requirePrincipal().name,
      incident,
      impact: impactOnly,
      timeline: PHASES.map((phase) => ({
        phase,
        label: PHASE_LABELS[phase],
        entries: entries.filter((e) => e.phase === phase),
      })).filter((g) => g.entries.length > 0),
      evidence,
      breach,
      correctiveActions: actions,
    };
  }
}
