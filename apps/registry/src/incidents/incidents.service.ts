import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@vigie/audit';
import { memberScope, RequestContext } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import { allowedNextStates, canDecide, checkTransition, impactFromCia, IncidentStatus, severityOf } from '@vigie/isms';
import { DataSource, EntityManager } from 'typeorm';
import {
  CreateIncidentDto,
  DecisionDto,
  IncidentQueryDto,
  IncidentTransitionDto,
  UpdateIncidentDto,
} from './dto/incident.dto';
import { LinkKind, LinksDto } from './dto/links.dto';
import { Impact } from './impact/impact.types';
import { RegistryImpactSource } from './impact/registry-impact.source';
import { Incident, IncidentLinks, IncidentView } from './incident.types';
import { IsmsClock } from './isms-clock';
import { IncidentsRepository } from './incidents.repository';
import { Queryable } from './sql-values';
import { TimelineRepository } from './timeline.repository';

const STATUS_TIME: Partial<Record<IncidentStatus, string>> = {
  triage: 'triaged_at',
  contained: 'contained_at',
  eradicated: 'eradicated_at',
  recovered: 'recovered_at',
  closed: 'closed_at',
};

const LINK_KIND = { applications: 'application', hosts: 'host', alerts: 'alert' } as const;

function notFound(id: string): DomainError {
  return new DomainError('not_found', 'incident_not_found', `No incident ${id}`);
}

/** The incident log: records, lifecycle, the event-vs-incident decision and links. */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly repo: IncidentsRepository,
    private readonly timeline: TimelineRepository,
    private readonly impactSource: RegistryImpactSource,
    private readonly clock: IsmsClock,
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  private scope(): string[] | undefined {
    return memberScope(RequestContext.requirePrincipal());
  }

  private actor(): string {
    return RequestContext.requirePrincipal().name;
  }

  /** An incident in the caller's scope, or 404. */
  async require(idOrRef: string, m: Queryable = this.dataSource, lock = false): Promise<Incident> {
    const found = await this.repo.find(idOrRef, this.scope(), m, lock);
    if (!found) throw notFound(idOrRef);
    return found;
  }

  async views(list: Incident[], m: Queryable = this.dataSource): Promise<IncidentView[]> {
    const ids = list.map((i) => i.id);
    const members = await this.repo.members(m, ids);
    const links = await this.repo.links(m, ids);
    return list.map((i) => ({
      ...i,
      members: members.get(i.id) ?? [],
      links: links.get(i.id) ?? { applications: [], hosts: [], alerts: [] },
      allowedNextStates: allowedNextStates(i.status, i.decision?.decision ?? null),
    }));
  }

  async list(q: IncidentQueryDto): Promise<IncidentView[]> {
    return this.views(await this.repo.list(q, this.scope()));
  }

  async get(idOrRef: string, m: Queryable = this.dataSource): Promise<IncidentView> {
    return (await this.views([await this.require(idOrRef, m)], m))[0];
  }

  private async checkMembers(m: Queryable, codes: string[] | undefined): Promise<void> {
    const unknown = await this.repo.unknownMembers(m, codes ?? []);
    if (unknown.length)
      throw new DomainError(
        'unprocessable',
        'unknown_member',
        `Unknown member(s): ${unknown.join(', ')}`,
        unknown.map((u) => ({ field: `members[${(codes ?? []).indexOf(u)}]`, problem: `no member ${u}` })),
      );
  }

  /** Run in the caller's transaction when given (one transaction across services), else in a new one. */
  private inTransaction<T>(outer: EntityManager | undefined, fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return outer ? fn(outer) : this.dataSource.transaction(fn);
  }

  async create(dto: CreateIncidentDto, outer?: EntityManager): Promise<IncidentView> {
    const actor = this.actor();
    const detectedAt = dto.detectedAt ? new Date(dto.detectedAt) : this.clock.now();
    if (dto.occurredAt && new Date(dto.occurredAt) > detectedAt)
      throw new DomainError('unprocessable', 'invalid_times', 'An incident cannot occur after its detection', [
        { field: 'occurredAt', problem: 'is after detectedAt' },
      ]);
    const cia = {
      confidentiality: dto.confidentiality ?? 'none',
      integrity: dto.integrity ?? 'none',
      availability: dto.availability ?? 'none',
    } as const;
    const impact = dto.impact ?? impactFromCia(cia);
    const urgency = dto.urgency ?? 'medium';
    return this.inTransaction(outer, async (m) => {
      await this.checkMembers(m, dto.members);
      const reference = await this.repo.nextReference(m, detectedAt.getUTCFullYear());
      const created = await this.repo.insert(m, {
        reference,
        title: dto.title,
        description: dto.description ?? '',
        occurred_at: dto.occurredAt ?? null,
        detected_at: detectedAt.toISOString(),
        reported_at: dto.reportedAt ?? null,
        resolved_at: dto.resolvedAt ?? null,
        reporter: dto.reporter ?? actor,
        source: dto.source,
        source_ref: dto.sourceRef ?? null,
        category: dto.category,
        impact,
        urgency,
        severity: severityOf(impact, urgency),
        ...cia,
        personal_data_suspected: dto.personalDataSuspected ?? false,
        created_by: actor,
      });
      await this.repo.addManualMembers(m, created.id, dto.members ?? []);
      for (const kind of ['applications', 'hosts', 'alerts'] as const)
        for (const ref of new Set(dto[kind] ?? [])) await this.repo.addLink(m, created.id, LINK_KIND[kind], ref, actor);
      await this.timeline.append(m, created.id, {
        kind: 'observation',
        status: 'new',
        body: `Incident recorded (${dto.source}${dto.sourceRef ? ` ${dto.sourceRef}` : ''}): ${dto.title}`,
        author: actor,
        occurredAt: detectedAt.toISOString(),
      });
      await this.rederive(m, created.id);
      const view = await this.get(created.id, m);
      await this.audit.record(
        {
          action: 'incident.created',
          entityType: 'incident',
          entityId: view.reference,
          member: view.members[0]?.member ?? null,
          after: view,
        },
        m,
      );
      return view;
    });
  }

  async update(idOrRef: string, dto: UpdateIncidentDto, outer?: EntityManager): Promise<IncidentView> {
    return this.inTransaction(outer, async (m) => {
      const before = await this.require(idOrRef, m, true);
      if (before.status === 'closed')
        throw new DomainError('conflict', 'incident_closed', `${before.reference} is closed`);
      const cia = {
        confidentiality: dto.confidentiality ?? before.cia.confidentiality,
        integrity: dto.integrity ?? before.cia.integrity,
        availability: dto.availability ?? before.cia.availability,
      };
      const impact =
        dto.impact ?? (dto.confidentiality || dto.integrity || dto.availability ? impactFromCia(cia) : before.impact);
      const urgency = dto.urgency ?? before.urgency;
      const occurred = dto.occurredAt ?? before.occurredAt;
      const detected = dto.detectedAt ?? before.detectedAt;
      if (occurred && new Date(occurred) > new Date(detected))
        throw new DomainError('unprocessable', 'invalid_times', 'An incident cannot occur after its detection', [
          { field: 'occurredAt', problem: 'is after detectedAt' },
        ]);
      const values: Record<string, unknown> = { impact, urgency, severity: severityOf(impact, urgency), ...cia };
      const columns: Record<string, string> = {
        title: 'title',
        description: 'description',
        occurredAt: 'occurred_at',
        detectedAt: 'detected_at',
        reportedAt: 'reported_at',
        resolvedAt: 'resolved_at',
        reporter: 'reporter',
        source: 'source',
        sourceRef: 'source_ref',
        category: 'category',
        personalDataSuspected: 'personal_data_suspected',
        rootCause: 'root_cause',
        lessonsLearned: 'lessons_learned',
      };
      for (const [k, col] of Object.entries(columns)) {
        const v = (dto as Record<string, unknown>)[k];
        if (v !== undefined) values[col] = v;
      }
      await this.repo.update(m, before.id, values);
      const after = await this.get(before.id, m);
      await this.audit.record(
        {
          action: 'incident.updated',
          entityType: 'incident',
          entityId: after.reference,
          member: after.members[0]?.member ?? null,
          before,
          after,
        },
        m,
      );
      return after;
    });
  }

  async transition(idOrRef: string, dto: IncidentTransitionDto): Promise<IncidentView> {
    const actor = this.actor();
    return this.dataSource.transaction(async (m) => {
      const before = await this.require(idOrRef, m, true);
      const rootCause = dto.rootCause ?? before.rootCause;
      const lessonsLearned = dto.lessonsLearned ?? before.lessonsLearned;
      const check = checkTransition(before.status, dto.status, {
        decision: before.decision?.decision ?? null,
        rootCause,
        lessonsLearned,
      });
      if (!check.ok) {
        if (check.reason === 'not_allowed')
          throw new DomainError(
            'conflict',
            'invalid_transition',
            `${before.reference} cannot go from ${before.status} to ${dto.status}; allowed next states: ${check.allowed.join(', ') || 'none'}`,
            [{ field: 'status', problem: `allowed next states: ${check.allowed.join(', ') || 'none'}` }],
            { from: before.status, to: dto.status, allowed: check.allowed },
          );
        if (check.reason === 'decision_required')
          throw new DomainError(
            'unprocessable',
            'decision_required',
            `Record the event-vs-incident decision before leaving triage (POST .../decision)`,
            [{ field: 'decision', problem: 'is required to leave triage' }],
            { allowed: check.allowed },
          );
        throw new DomainError(
          'unprocessable',
          'close_requirements',
          `Closing ${before.reference} requires ${check.fields.join(' and ')}`,
          check.fields.map((f) => ({ field: f, problem: 'is required to close an incident' })),
        );
      }
      const values: Record<string, unknown> = {
        status: dto.status,
        root_cause: rootCause,
        lessons_learned: lessonsLearned,
      };
      const at = this.clock.now().toISOString();
      const col = STATUS_TIME[dto.status];
      if (col) values[col] = at;
      if ((dto.status === 'recovered' || dto.status === 'closed') && !before.resolvedAt) values.resolved_at = at;
      await this.repo.update(m, before.id, values);
      await this.timeline.append(m, before.id, {
        kind: 'decision',
        status: dto.status,
        body: `Status ${before.status} → ${dto.status}${dto.note ? `: ${dto.note}` : ''}`,
        author: actor,
        occurredAt: at,
      });
      const after = await this.get(before.id, m);
      await this.audit.record(
        {
          action: 'incident.status_changed',
          entityType: 'incident',
          entityId: after.reference,
          member: after.members[0]?.member ?? null,
          before: { status: before.status },
          after: { status: after.status, rootCause, lessonsLearned },
        },
        m,
      );
      return after;
    });
  }

  async decide(idOrRef: string, dto: DecisionDto): Promise<IncidentView> {
    const actor = this.actor();
    return this.dataSource.transaction(async (m) => {
      const before = await this.require(idOrRef, m, true);
      if (!canDecide(before.status))
        throw new DomainError(
          'conflict',
          'decision_closed',
          `The event-vs-incident decision is taken at triage; ${before.reference} is ${before.status}`,
        );
      const at = this.clock.now().toISOString();
      await this.repo.update(m, before.id, {
        decision: dto.decision,
        decision_by: actor,
        decision_at: at,
        decision_rationale: dto.rationale,
      });
      await this.timeline.append(m, before.id, {
        kind: 'decision',
        status: before.status,
        body: `Classified as ${dto.decision === 'incident' ? 'an information security incident' : 'an event, not an incident'}: ${dto.rationale}`,
        author: actor,
        occurredAt: at,
      });
      const after = await this.get(before.id, m);
      await this.audit.record(
        {
          action: 'incident.decided',
          entityType: 'incident',
          entityId: after.reference,
          member: after.members[0]?.member ?? null,
          before: { decision: before.decision },
          after: { decision: after.decision },
        },
        m,
      );
      return after;
    });
  }

  async links(idOrRef: string): Promise<IncidentLinks & { members: IncidentView['members'] }> {
    const v = await this.get(idOrRef);
    return { members: v.members, ...v.links };
  }

  async addLinks(
    idOrRef: string,
    dto: LinksDto,
    outer?: EntityManager,
  ): Promise<IncidentLinks & { members: IncidentView['members'] }> {
    const actor = this.actor();
    return this.inTransaction(outer, async (m) => {
      const inc = await this.require(idOrRef, m, true);
      await this.checkMembers(m, dto.members);
      await this.repo.addManualMembers(m, inc.id, dto.members ?? []);
      const added: string[] = (dto.members ?? []).map((x) => `member ${x}`);
      for (const kind of ['applications', 'hosts', 'alerts'] as const)
        for (const ref of new Set(dto[kind] ?? []))
          if (await this.repo.addLink(m, inc.id, LINK_KIND[kind], ref, actor)) added.push(`${LINK_KIND[kind]} ${ref}`);
      if (added.length)
        await this.timeline.append(m, inc.id, {
          kind: 'observation',
          status: inc.status,
          body: `Linked: ${added.join(', ')}`,
          author: actor,
        });
      await this.rederive(m, inc.id);
      const v = await this.get(inc.id, m);
      await this.audit.record(
        {
          action: 'incident.linked',
          entityType: 'incident',
          entityId: v.reference,
          member: v.members[0]?.member ?? null,
          details: { added },
        },
        m,
      );
      return { members: v.members, ...v.links };
    });
  }

  async removeLink(
    idOrRef: string,
    kind: LinkKind,
    ref: string,
  ): Promise<IncidentLinks & { members: IncidentView['members'] }> {
    const actor = this.actor();
    return this.dataSource.transaction(async (m) => {
      const inc = await this.require(idOrRef, m, true);
      const removed =
        kind === 'members'
          ? await this.repo.removeManualMember(m, inc.id, ref)
          : await this.repo.removeLink(m, inc.id, LINK_KIND[kind], ref);
      if (!removed) throw new DomainError('not_found', 'link_not_found', `No ${kind} link ${ref} on ${inc.reference}`);
      await this.timeline.append(m, inc.id, {
        kind: 'observation',
        status: inc.status,
        body: `Unlinked ${kind} ${ref}`,
        author: actor,
      });
      await this.rederive(m, inc.id);
      const v = await this.get(inc.id, m);
      await this.audit.record(
        {
          action: 'incident.unlinked',
          entityType: 'incident',
          entityId: v.reference,
          member: v.members[0]?.member ?? null,
          details: { kind, ref },
        },
        m,
      );
      return { members: v.members, ...v.links };
    });
  }

  /** The live impact: controllers, processing activities and data at stake, from the registry. */
  async impact(idOrRef: string): Promise<Impact & { incident: string }> {
    const inc = await this.require(idOrRef);
    const links = (await this.repo.links(this.dataSource, [inc.id])).get(inc.id)!;
    return { incident: inc.reference, ...(await this.impactSource.impactOf(links.applications, links.hosts)) };
  }

  /** Refreshes the members derived from the registry, and the personal-data suspicion. */
  private async rederive(m: Queryable, incidentId: string): Promise<Impact> {
    const links = (await this.repo.links(m, [incidentId])).get(incidentId)!;
    const impact = await this.impactSource.impactOf(links.applications, links.hosts, m);
    await this.repo.syncDerivedMembers(
      m,
      incidentId,
      impact.controllers.map((c) => c.member),
    );
    if (impact.personalDataBreachSuspected) await this.repo.update(m, incidentId, { personal_data_suspected: true });
    return impact;
  }

  /** Re-reads the registry for an incident (POST .../impact/refresh). */
  async refreshImpact(idOrRef: string): Promise<Impact & { incident: string }> {
    return this.dataSource.transaction(async (m) => {
      const inc = await this.require(idOrRef, m, true);
      const impact = await this.rederive(m, inc.id);
      await this.audit.record(
        {
          action: 'incident.impact_refreshed',
          entityType: 'incident',
          entityId: inc.reference,
          member: impact.controllers[0]?.member ?? null,
          details: { controllers: impact.controllers.map((c) => c.member) },
        },
        m,
      );
      return { incident: inc.reference, ...impact };
    });
  }
}
