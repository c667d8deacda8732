import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@vigie/audit';
import { memberScope, RequestContext } from '@vigie/auth';
import { incidentMetrics } from '@vigie/isms';
import { DataSource } from 'typeorm';
import { BreachesService } from '../breaches/breaches.service';
import { CorrectiveActionsService } from '../corrective-actions/corrective-actions.service';
import { IncidentQueryDto } from '../incidents/dto/incident.dto';
import { IncidentsService } from '../incidents/incidents.service';
import { IsmsClock } from '../incidents/isms-clock';
import { incidentLogCsv, incidentLogXlsx } from './incident-log.export';
import { renderIncidentReportPdf } from './incident-report.pdf';
import { IncidentReport } from './incident-report.types';
import { IncidentReportService } from './incident-report.service';

export interface Rendered {
  content: Buffer;
  contentType: string;
  filename: string;
  sha256: string;
}

/** Reports, exports and metrics of the incident log; every generated file is hashed and audited. */
@Injectable()
export class IncidentReportsService {
  constructor(
    private readonly report: IncidentReportService,
    private readonly incidents: IncidentsService,
    private readonly breaches: BreachesService,
    private readonly actions: CorrectiveActionsService,
    private readonly clock: IsmsClock,
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  private async record(
    action: string,
    entityId: string | null,
    r: Rendered,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await this.audit.record({
      action,
      entityType: 'incident_report',
      entityId,
      details: { filename: r.filename, sha256: r.sha256, ...details },
    });
  }

  private rendered(content: Buffer, contentType: string, filename: string): Rendered {
    return { content, contentType, filename, sha256: createHash('sha256').update(content).digest('hex') };
  }

  async json(idOrRef: string): Promise<IncidentReport> {
    return this.report.build(idOrRef);
  }

  async pdf(idOrRef: string): Promise<Rendered> {
    const r = await this.report.build(idOrRef);
    const out = this.rendered(await renderIncidentReportPdf(r), 'application/pdf', `${r.incident.reference}.pdf`);
    await this.record('incident.report_generated', r.incident.reference, out);
    return out;
  }

  async log(q: IncidentQueryDto, format: 'csv' | 'xlsx'): Promise<Rendered> {
    const list = await this.incidents.list(q);
    const withBreach: Set<string> = new Set(
      list.length
        ? (
            await this.dataSource.query('SELECT incident_id FROM vigie_breaches WHERE incident_id = ANY($1)', [
              list.map((i) => i.id),
            ])
          ).map((r: { incident_id: string }) => String(r.incident_id))
        : [],
    );
    const rows = list.map((i) => ({ ...i, breach: withBreach.has(i.id) }));
    const stamp = this.clock.now().toISOString().slice(0, 10);
    const out =
      format === 'csv'
        ? this.rendered(
            Buffer.from(incidentLogCsv(rows), 'utf8'),
            'text/csv; charset=utf-8',
            `incident-log-${stamp}.csv`,
          )
        : this.rendered(
            await incidentLogXlsx(rows),
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            `incident-log-${stamp}.xlsx`,
          );
    await this.record('incident.log_exported', null, out, { rows: rows.length, filters: { ...q } });
    return out;
  }

  /** MTTD, MTTC, MTTR, incidents per month by category and member, overdue actions and deadlines. */
  async metrics(q: IncidentQueryDto) {
    const scope = memberScope(RequestContext.requirePrincipal());
    const list = await this.incidents.list(q);
    const m = incidentMetrics(
      list.map((i) => ({
        reference: i.reference,
        category: i.category,
        members: i.members.map((x) => x.member).filter((x) => !scope || scope.includes(x)),
        occurredAt: i.occurredAt,
        detectedAt: i.detectedAt,
        containedAt: i.containedAt,
        closedAt: i.closedAt,
        isIncident: i.decision?.decision !== 'event',
      })),
    );
    const overdue = await this.actions.overdue();
    const deadlines = await this.breaches.deadlines();
    return {
      generatedAt: this.clock.now().toISOString(),
      filters: { ...q },
      meanTimeToDetectHours: m.mttd,
      meanTimeToContainHours: m.mttc,
      meanTimeToCloseHours: m.mttr,
      incidents: m.total,
      open: list.filter((i) => i.status !== 'closed').length,
      perMonthByCategory: m.perMonthByCategory,
      perMonthByMember: m.perMonthByMember,
      actionsOverdue: {
        count: overdue.length,
        actions: overdue.map((a) => ({
          id: a.id,
          title: a.title,
          owner: a.owner,
          dueDate: a.dueDate,
          incident: a.incident,
        })),
      },
      breachDeadlinesOverdue: deadlines.filter((d) => d.state === 'overdue').length,
    };
  }
}
