import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@vigie/audit';
import { memberScope, RequestContext } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import { INCIDENT_CATEGORIES, IncidentCategory, Level } from '@vigie/isms';
import { DataSource } from 'typeorm';
import { IncidentView } from '../incidents/incident.types';
import { IncidentsService } from '../incidents/incidents.service';
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
 * marks the incident as a suspected personal-data breach, the start of the breach assessment). The incident is
 * written first (its own transaction and audit), then the alert records the link in its history.
 */
@Injectable()
export class AlertEscalationService {
  constructor(
    private readonly repo: AlertsRepository,
    private readonly incidents: IncidentsService,
    private readonly breaches: BreachesService,
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly indexer: AlertIndexer,
  ) {}

  async escalate(id: string, dto: EscalateDto): Promise<{ alert: Alert; incident: IncidentView; created: boolean }> {
    const p = RequestContext.requirePrincipal();
    const scope = memberScope(p);
    const alert = await this.repo.get(id, scope);
    if (!alert) throw new DomainError('not_found', 'alert_not_found', `No alert ${id}`);
    if (alert.incidentId && !dto.incident)
      throw new DomainError(
        'conflict',
        'already_escalated',
        `Alert already escalated to incident ${alert.incidentId}`,
        [{ field: 'incident', problem: 'the alert is linked to an incident; name it to attach again' }],
      );
    if (dto.category !== undefined && !(INCIDENT_CATEGORIES as readonly string[]).includes(dto.category))
      throw new DomainError('unprocessable', 'invalid_category', `Unknown category ${dto.category}`, [
        { field: 'category', problem: `one of ${INCIDENT_CATEGORIES.join(', ')}` },
      ]);
    const known: Array<{ code: string }> = await this.dataSource.query(
      'SELECT code FROM vigie_members WHERE code = ANY($1)',
      [alert.members],
    );
    const members = alert.members.filter((m) => known.some((k) => k.code === m));
    const applications = alert.application?.id ? [alert.application.id] : [];
    const where = alert.hosts.length ? ` on ${alert.hosts.slice(0, 3).join(', ')}` : '';

    let incident: IncidentView;
    let created = false;
    if (dto.incident) {
      await this.incidents.addLinks(dto.incident, { members, hosts: alert.hosts, applications, alerts: [alert.id] });
      if (alert.personalData) await this.incidents.update(dto.incident, { personalDataSuspected: true });
      incident = await this.incidents.get(dto.incident);
    } else {
      const detectedAt = alert.createdAt;
      incident = await this.incidents.create({
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
      });
      created = true;
    }

    const after = await this.dataSource.transaction(async (m) => {
      const before = await this.repo.get(alert.id, scope, m, true);
      if (!before) throw new DomainError('not_found', 'alert_not_found', `No alert ${id}`);
      const cols: Record<string, unknown> = { incident_id: incident.id };
      if (before.status === 'open' || before.status === 'acknowledged') {
        cols.status = 'in_progress';
        cols.acknowledged_at = before.acknowledgedAt ?? new Date().toISOString();
      }
      const updated = await this.repo.set(m, before.id, cols);
      await this.repo.addHistory(m, before.id, {
        actor: p.name,
        action: 'escalated',
        field: 'incident',
        from: before.incidentId,
        to: incident.reference,
        comment: dto.comment ?? (created ? 'Incident created' : 'Attached to the incident'),
      });
      if (updated.status !== before.status)
        await this.repo.addHistory(m, before.id, {
          actor: p.name,
          action: 'status',
          field: 'status',
          from: before.status,
          to: updated.status,
          comment: `Escalated to ${incident.reference}`,
        });
      await this.audit.record(
        {
          action: 'alert.escalated',
          entityType: 'alert',
          entityId: before.id,
          member: before.member,
          before,
          after: updated,
          details: { incident: incident.reference, created },
        },
        m,
      );
      return updated;
    });
    if (alert.personalData) await this.startBreachAssessment(incident, alert);
    await this.indexer.indexQuietly([after.id]);
    return { alert: after, incident, created };
  }

  /**
   * Personal data is at stake: open the incident's breach record, so the 72 h
   * clock of each controller can be followed. The consortium's awareness is
   * the escalation time; the risk assessment is left to the DPO.
   */
  private async startBreachAssessment(incident: IncidentView, alert: Alert): Promise<void> {
    try {
      await this.breaches.open(incident.id, {
        consortiumAwareAt: new Date().toISOString(),
        nature:
          `To assess: alert "${alert.rule.title}" (${alert.count} event(s)) on hosts of ` +
          `${alert.application?.name ?? 'an application'} that process personal data.`,
      });
    } catch (e) {
      if (!(e instanceof DomainError && e.code === 'breach_exists')) throw e;
    }
  }
}
