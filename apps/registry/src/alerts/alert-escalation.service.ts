import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@vigie/audit';
import { memberScope, RequestContext } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import { INCIDENT_CATEGORIES, IncidentCategory, Level } from '@vigie/isms';
import { DataSource, EntityManager } from 'typeorm';
import { IncidentView } from '../incidents/incident.types';
import { IncidentsService } from '../incidents/incidents.service';
import { BreachesRepository } from '../breaches/breaches.repository';
import { BreachesService } from '../breaches/breaches.service';
import { AlertIndexer } from './alert-indexer';
import { Alert } from './alert.types';
import { AlertsRepository } from './alerts.repository';
import { EscalateDto } from './dto/update-alert.dto';

/** ISMS category suggested by a rule's ATT&CK tactic tags. */
export function categoryFor(tags: readonly string[]): IncidentCategory {
  const t = tags.map((x) => x.toLowerCase());
  if (t.some((x) => x === 'attack.impact' || x.startsWith('attack.t1486') || x.startsWith('attack.t1204')))
    return 'malware';
  if (t.some((x) => x === 'attack.exfiltration' || x === 'attack.collection')) return 'data_leak';
  if (t.some((x) => x.startsWith('attack.t1498') || x.startsWith('attack.t1499'))) return 'denial_of_service';
  if (t.some((x) => x.startsWith('attack.t1566'))) return 'phishing';
  if (
    t.some((x) =>
      [
        'attack.credential-access',
        'attack.initial-access',
        'attack.privilege-escalation',
        'attack.persistence',
        'attack.lateral-movement',
      ].includes(x),
    )
  )
    return 'unauthorised_access';
  if (t.some((x) => x === 'attack.execution' || x === 'attack.defense-evasion')) return 'malware';
  return 'other';
}

const URGENCY: Record<string, Level> = {
  informational: 'low',
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'high',
};

/**
 * Escalation of an alert to the ISMS incident log, through the incident service: a new incident (source `alert`)
 * or a link on an existing one, carrying the alert's members, hosts, application and personal-data flag (which
 * marks the incident as a suspected personal-data breach and opens its breach record, the start of the breach
 * assessment). Everything is written in one transaction, the services' audit records included.
 */
@Injectable()
export class AlertEscalationService {
  constructor(
    private readonly repo: AlertsRepository,
    private readonly incidents: IncidentsService,
    private readonly breaches: BreachesService,
    private readonly breachesRepo: BreachesRepository,
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly indexer: AlertIndexer,
  ) {}

  async escalate(id: string, dto: EscalateDto): Promise<{ alert: Alert; incident: IncidentView; created: boolean }> {
    const p = RequestContext.requirePrincipal();
    const scope = memberScope(p);
    if (dto.category !== undefined && !(INCIDENT_CATEGORIES as readonly string[]).includes(dto.category))
      throw new DomainError('unprocessable', 'invalid_category', `Unknown category ${dto.category}`, [
        { field: 'category', problem: `one of ${INCIDENT_CATEGORIES.join(', ')}` },
      ]);
    // One transaction: the incident (created or linked), the breach record when personal data is at stake, the
    // alert's link, status and history, and every audit record are committed together, or none is.
    const result = await this.dataSource.transaction(async (m) => {
      const alert = await this.repo.get(id, scope, m, true);
      if (!alert) throw new DomainError('not_found', 'alert_not_found', `No alert ${id}`);
      if (alert.incidentId && !dto.incident)
        throw new DomainError(
          'conflict',
          'already_escalated',
          `Alert already escalated to incident ${alert.incidentId}`,
          [{ field: 'incident', problem: 'the alert is linked to an incident; name it to attach again' }],
        );
      const known: Array<{ code: string }> = await m.query('SELECT code FROM vigie_members WHERE code = ANY($1)', [
        alert.members,
      ]);
      const members = alert.members.filter((x) => known.some((k) => k.code === x));
      const applications = alert.application?.id ? [alert.application.id] : [];
      const where = alert.hosts.length ? ` on ${alert.hosts.slice(0, 3).join(', ')}` : '';

      let incidentId: string;
      let created = false;
      if (dto.incident) {
        const target = await this.incidents.get(dto.incident, m);
        if (target.status === 'closed')
          throw new DomainError('conflict', 'incident_closed', `${target.reference} is closed`, [
            { field: 'incident', problem: 'closed incidents take no new alert' },
          ]);
        await this.incidents.addLinks(
          dto.incident,
          { members, hosts: alert.hosts, applications, alerts: [alert.id] },
          m,
        );
        if (alert.personalData) await this.incidents.update(dto.incident, { personalDataSuspected: true }, m);
        incidentId = target.id;
      } else {
        const detectedAt = alert.createdAt;
        const view = await this.incidents.create(
          {
            title: dto.title ?? `${alert.rule.title}${where}`.slice(0, 300),
            description:
              `Escalated from alert ${alert.id} (rule ${alert.rule.id}, level ${alert.rule.level}): ${alert.count} event(s) ` +
              `from ${alert.firstSeen} to ${alert.lastSeen}; group ${alert.groupKey}.` +
              (alert.personalData ? ' The hosts process personal data: personal-data breach assessment to run.' : '') +
              (dto.comment ? `\n\n${dto.comment}` : ''),
            source: 'alert',
            sourceRef: alert.id,
            category: (dto.category as IncidentCategory | undefined) ?? categoryFor(alert.rule.tags),
            urgency: URGENCY[alert.rule.level] ?? 'medium',
            detectedAt,
            occurredAt: Date.parse(alert.firstSeen) <= Date.parse(detectedAt) ? alert.firstSeen : detectedAt,
            personalDataSuspected: alert.personalData,
            members,
            hosts: alert.hosts,
            applications,
            alerts: [alert.id],
          },
          m,
        );
        created = true;
        incidentId = view.id;
      }
      if (alert.personalData) await this.startBreachAssessment(m, incidentId, alert);
      const incident = await this.incidents.get(incidentId, m);

      const cols: Record<string, unknown> = { incident_id: incident.id };
      if (alert.status === 'open' || alert.status === 'acknowledged') {
        cols.status = 'in_progress';
        cols.acknowledged_at = alert.acknowledgedAt ?? new Date().toISOString();
      }
      const updated = await this.repo.set(m, alert.id, cols);
      await this.repo.addHistory(m, alert.id, {
        actor: p.name,
        action: 'escalated',
        field: 'incident',
        from: alert.incidentId,
        to: incident.reference,
        comment: dto.comment ?? (created ? 'Incident created' : 'Attached to the incident'),
      });
      if (updated.status !== alert.status)
        await this.repo.addHistory(m, alert.id, {
          actor: p.name,
          action: 'status',
          field: 'status',
          from: alert.status,
          to: updated.status,
          comment: `Escalated to ${incident.reference}`,
        });
      await this.audit.record(
        {
          action: 'alert.escalated',
          entityType: 'alert',
          entityId: alert.id,
          member: alert.member,
          before: alert,
          after: updated,
          details: { incident: incident.reference, created },
        },
        m,
      );
      return { alert: updated, incident, created };
    });
    await this.indexer.indexQuietly([result.alert.id]);
    return result;
  }

  /**
   * Personal data is at stake: open the incident's breach record, so the 72 h
   * clock of each controller can be followed. The consortium's awareness is
   * the escalation time; the risk assessment is left to the DPO.
   */
  private async startBreachAssessment(m: EntityManager, incident: string, alert: Alert): Promise<void> {
    if (await this.breachesRepo.byIncident(incident, m)) return;
    await this.breaches.open(
      incident,
      {
        consortiumAwareAt: new Date().toISOString(),
        nature:
          `To assess: alert "${alert.rule.title}" (${alert.count} event(s)) on hosts of ` +
          `${alert.application?.name ?? 'an application'} that process personal data.`,
      },
      m,
    );
  }
}
