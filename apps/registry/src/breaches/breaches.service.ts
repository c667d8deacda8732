import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@vigie/audit';
import { canSeeMember, memberScope, RequestContext } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import {
  checkNotification,
  controllerDeadline,
  decideBreach,
  isLate,
  NotificationContents,
  sortDeadlines,
} from '@vigie/isms';
import { DataSource, EntityManager } from 'typeorm';
import { Incident } from '../incidents/incident.types';
import { IncidentsRepository } from '../incidents/incidents.repository';
import { IncidentsService } from '../incidents/incidents.service';
import { IsmsClock } from '../incidents/isms-clock';
import { Queryable } from '../incidents/sql-values';
import { TimelineRepository } from '../incidents/timeline.repository';
import { Breach, BreachController, BreachNotice, BreachNotification, BreachView, ControllerView } from './breach.types';
import { BreachesRepository } from './breaches.repository';
import {
  AwarenessDto,
  NoticeDto,
  NotificationDto,
  OpenBreachDto,
  RiskAssessmentDto,
  SubjectCommunicationDto,
  UpdateBreachDto,
} from './dto/breach.dto';

/** The personal-data breach workflow of an incident: processor notices, controller deadlines, risk, notifications. */
@Injectable()
export class BreachesService {
  constructor(
    private readonly repo: BreachesRepository,
    private readonly incidents: IncidentsService,
    private readonly incidentsRepo: IncidentsRepository,
    private readonly timeline: TimelineRepository,
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

  private async requireBreach(
    idOrRef: string,
    m: Queryable,
    lock = false,
  ): Promise<{ incident: Incident; breach: Breach }> {
    const incident = await this.incidents.require(idOrRef, m, lock);
    const breach = await this.repo.byIncident(incident.id, m, lock);
    if (!breach)
      throw new DomainError(
        'not_found',
        'breach_not_found',
        `${incident.reference} has no personal data breach record`,
      );
    return { incident, breach };
  }

  /** Controller views of some breaches, in the caller's scope. */
  async controllerViews(
    breachIds: string[],
    m: Queryable = this.dataSource,
    scope = this.scope(),
  ): Promise<Map<string, ControllerView[]>> {
    const [controllers, notices, notifications] = await Promise.all([
      this.repo.controllers(m, breachIds, scope),
      this.repo.notices(m, breachIds, scope),
      this.repo.notifications(m, breachIds, scope),
    ]);
    const now = this.clock.now();
    const out = new Map<string, ControllerView[]>();
    for (const c of controllers) {
      const mine = <T extends { breachId: string; member: string }>(l: T[]) =>
        l.filter((x) => x.breachId === c.breachId && x.member === c.member);
      const sent = mine(notifications);
      const decision = c.assessment
        ? decideBreach(c.assessment.risk, {
            encrypted: c.assessment.encrypted,
            mitigated: c.assessment.mitigated,
            disproportionateEffort: c.assessment.disproportionateEffort,
          })
        : null;
      const { breachId, ...controller } = c;
      const view: ControllerView = {
        ...controller,
        decision,
        deadline: controllerDeadline(
          {
            member: c.member,
            awareAt: c.awareAt,
            notifiedAt: sent[0]?.sentAt ?? null,
            notificationRequired: decision?.cnilNotificationRequired ?? null,
          },
          now,
        ),
        notices: mine(notices).map(({ breachId: _b, ...n }) => n),
        notifications: sent.map(({ breachId: _b, ...n }) => n),
      };
      out.set(breachId, [...(out.get(breachId) ?? []), view]);
    }
    return out;
  }

  async get(idOrRef: string, m: Queryable = this.dataSource): Promise<BreachView> {
    const { incident, breach } = await this.requireBreach(idOrRef, m);
    return {
      ...breach,
      incident: incident.reference,
      controllers: (await this.controllerViews([breach.id], m)).get(breach.id) ?? [],
    };
  }

  private async checkMembers(m: Queryable, codes: string[], field: string): Promise<void> {
    const unknown = await this.incidentsRepo.unknownMembers(m, codes);
    if (unknown.length)
      throw new DomainError(
        'unprocessable',
        'unknown_member',
        `Unknown member(s): ${unknown.join(', ')}`,
        unknown.map((u) => ({
          field: field.includes('[') ? field.replace('[]', `[${codes.indexOf(u)}]`) : field,
          problem: `no member ${u}`,
        })),
      );
  }

  private async requireController(
    m: Queryable,
    breach: Breach,
    member: string,
    field?: string,
  ): Promise<BreachController> {
    const c = (await this.repo.controllers(m, [breach.id], [member]))[0];
    if (!c) {
      if (field)
        throw new DomainError('unprocessable', 'not_a_controller', `${member} is not a controller of this breach`, [
          { field, problem: 'is not a controller of this breach (record a notice to it first)' },
        ]);
      throw new DomainError('not_found', 'controller_not_found', `${member} is not a controller of this breach`);
    }
    return c;
  }

  /** `outer`: the caller's transaction (escalation of an alert), else a new one. */
  async open(idOrRef: string, dto: OpenBreachDto, outer?: EntityManager): Promise<BreachView> {
    const actor = this.actor();
    const run = <T>(fn: (m: EntityManager) => Promise<T>) => (outer ? fn(outer) : this.dataSource.transaction(fn));
    return run(async (m) => {
      const incident = await this.incidents.require(idOrRef, m, true);
      if (await this.repo.byIncident(incident.id, m))
        throw new DomainError(
          'conflict',
          'breach_exists',
          `${incident.reference} already has a personal data breach record`,
        );
      let members = dto.members;
      if (members) await this.checkMembers(m, members, 'members[]');
      else members = ((await this.incidentsRepo.members(m, [incident.id])).get(incident.id) ?? []).map((x) => x.member);
      const breach = await this.repo.insert(m, {
        incidentId: incident.id,
        consortiumAwareAt: dto.consortiumAwareAt,
        nature: dto.nature,
        subjectsApprox: dto.subjectsApprox ?? null,
        recordsApprox: dto.recordsApprox ?? null,
        openedBy: actor,
      });
      for (const member of members) await this.repo.addController(m, breach.id, member);
      await this.incidentsRepo.addManualMembers(m, incident.id, dto.members ?? []);
      await this.incidentsRepo.update(m, incident.id, { personal_data_suspected: true });
      await this.timeline.append(m, incident.id, {
        kind: 'decision',
        status: incident.status,
        body: `Personal data breach: the consortium became aware at ${dto.consortiumAwareAt}. Controllers: ${members.join(', ') || 'none yet'}. ${dto.nature}`,
        author: actor,
        occurredAt: dto.consortiumAwareAt,
      });
      const view = await this.get(incident.id, m);
      await this.audit.record(
        {
          action: 'breach.opened',
          entityType: 'breach',
          entityId: incident.reference,
          member: members[0] ?? null,
          after: view,
        },
        m,
      );
      return view;
    });
  }

  async update(idOrRef: string, dto: UpdateBreachDto): Promise<BreachView> {
    return this.dataSource.transaction(async (m) => {
      const { incident, breach } = await this.requireBreach(idOrRef, m, true);
      const values: Record<string, unknown> = {};
      if (dto.consortiumAwareAt !== undefined) values.consortium_aware_at = dto.consortiumAwareAt;
      if (dto.nature !== undefined) values.nature = dto.nature;
      if (dto.subjectsApprox !== undefined) values.subjects_approx = dto.subjectsApprox;
      if (dto.recordsApprox !== undefined) values.records_approx = dto.recordsApprox;
      const after = await this.repo.update(m, breach.id, values);
      await this.audit.record(
        { action: 'breach.updated', entityType: 'breach', entityId: incident.reference, before: breach, after },
        m,
      );
      return this.get(incident.id, m);
    });
  }

  /** The processor (the consortium) tells a controller; the controller is aware from then unless told otherwise. */
  async addNotice(idOrRef: string, dto: NoticeDto): Promise<BreachNotice> {
    const actor = this.actor();
    return this.dataSource.transaction(async (m) => {
      const { incident, breach } = await this.requireBreach(idOrRef, m, true);
      await this.checkMembers(m, [dto.member], 'member');
      await this.repo.addController(m, breach.id, dto.member);
      await this.incidentsRepo.addManualMembers(m, incident.id, [dto.member]);
      const notice = await this.repo.insertNotice(m, {
        breachId: breach.id,
        member: dto.member,
        sentAt: dto.sentAt,
        sentBy: dto.sentBy ?? actor,
        channel: dto.channel ?? null,
        content: dto.content,
        recordedBy: actor,
      });
      const c = await this.requireController(m, breach, dto.member);
      if (!c.awareAt || dto.controllerAwareAt)
        await this.repo.updateController(m, breach.id, dto.member, {
          aware_at: dto.controllerAwareAt ?? dto.sentAt,
          aware_recorded_by: actor,
        });
      await this.timeline.append(m, incident.id, {
        kind: 'communication',
        status: incident.status,
        body: `Processor notice to controller ${dto.member}${dto.channel ? ` (${dto.channel})` : ''}: ${dto.content}`,
        author: actor,
        occurredAt: dto.sentAt,
      });
      await this.audit.record(
        {
          action: 'breach.notice_sent',
          entityType: 'breach',
          entityId: incident.reference,
          member: dto.member,
          after: notice,
        },
        m,
      );
      return notice;
    });
  }

  async setAwareness(idOrRef: string, member: string, dto: AwarenessDto): Promise<BreachView> {
    const actor = this.actor();
    return this.dataSource.transaction(async (m) => {
      const { incident, breach } = await this.requireBreach(idOrRef, m, true);
      const before = await this.requireController(m, breach, member);
      await this.repo.updateController(m, breach.id, member, { aware_at: dto.awareAt, aware_recorded_by: actor });
      await this.timeline.append(m, incident.id, {
        kind: 'observation',
        status: incident.status,
        body: `Controller ${member} aware of the breach at ${dto.awareAt}: CNIL deadline ${new Date(new Date(dto.awareAt).getTime() + 72 * 3_600_000).toISOString()}`,
        author: actor,
      });
      await this.audit.record(
        {
          action: 'breach.awareness_recorded',
          entityType: 'breach',
          entityId: incident.reference,
          member,
          before: { awareAt: before.awareAt },
          after: { awareAt: dto.awareAt },
        },
        m,
      );
      return this.get(incident.id, m);
    });
  }

  async assessRisk(idOrRef: string, dto: RiskAssessmentDto): Promise<BreachView> {
    const actor = this.actor();
    return this.dataSource.transaction(async (m) => {
      const { incident, breach } = await this.requireBreach(idOrRef, m, true);
      const all = (await this.repo.controllers(m, [breach.id], undefined)).map((c) => c.member);
      const members = dto.members ?? all;
      dto.members?.forEach((mb, i) => {
        if (!all.includes(mb))
          throw new DomainError('unprocessable', 'not_a_controller', `${mb} is not a controller of this breach`, [
            { field: `members[${i}]`, problem: 'is not a controller of this breach' },
          ]);
      });
      if (!members.length)
        throw new DomainError(
          'unprocessable',
          'no_controllers',
          'The breach has no controller yet: record a notice to a controller first',
          [{ field: 'members', problem: 'no controller to assess' }],
        );
      const at = this.clock.now().toISOString();
      for (const member of members)
        await this.repo.updateController(m, breach.id, member, {
          risk: dto.risk,
          risk_rationale: dto.rationale,
          encrypted: dto.encrypted ?? false,
          mitigated: dto.mitigated ?? false,
          disproportionate_effort: dto.disproportionateEffort ?? false,
          assessed_by: actor,
          assessed_at: at,
        });
      const decision = decideBreach(dto.risk, dto);
      await this.timeline.append(m, incident.id, {
        kind: 'decision',
        status: incident.status,
        body: `Risk assessment for ${members.join(', ')}: ${dto.risk}. ${decision.reasons.join('; ')}. ${dto.rationale}`,
        author: actor,
      });
      for (const member of members)
        await this.audit.record(
          {
            action: 'breach.risk_assessed',
            entityType: 'breach',
            entityId: incident.reference,
            member,
            after: { risk: dto.risk, decision },
          },
          m,
        );
      return this.get(incident.id, m);
    });
  }

  /** A notification to the CNIL; phased ones complete each other, and the first one past 72 h needs reasons. */
  async notify(idOrRef: string, dto: NotificationDto): Promise<BreachNotification> {
    const actor = this.actor();
    return this.dataSource.transaction(async (m) => {
      const { incident, breach } = await this.requireBreach(idOrRef, m, true);
      const c = await this.requireController(m, breach, dto.member, 'member');
      if (!c.awareAt)
        throw new DomainError('unprocessable', 'awareness_required', `Record when ${dto.member} became aware first`, [
          { field: 'member', problem: 'has no awareness time: record the processor notice or the awareness first' },
        ]);
      const previous = await this.repo.notifications(m, [breach.id], [dto.member]);
      if (dto.phase === 'additional' && !previous.length)
        throw new DomainError(
          'unprocessable',
          'initial_required',
          'An additional notification follows an initial one',
          [{ field: 'phase', problem: 'no earlier notification for this controller' }],
        );
      const late = previous.length === 0 && isLate(c.awareAt, dto.sentAt);
      // Phased notifications (Art. 33(4)): what earlier phases said counts for completeness.
      const own = {
        nature: dto.nature ?? null,
        subjectsApprox: dto.subjectsApprox ?? null,
        recordsApprox: dto.recordsApprox ?? null,
        dpoContact: dto.dpoContact ?? null,
        consequences: dto.consequences ?? null,
        measures: dto.measures ?? null,
      };
      const merged: NotificationContents = { ...own };
      for (const p of [...previous].reverse())
        for (const k of Object.keys(merged) as Array<keyof NotificationContents>)
          if (merged[k] == null) (merged as Record<string, unknown>)[k] = p[k];
      const problems = checkNotification(dto.phase, merged, late, dto.lateJustification);
      if (problems.length)
        throw new DomainError(
          'unprocessable',
          'incomplete_notification',
          `Notification not acceptable: ${problems.map((p) => p.field).join(', ')}`,
          problems,
          {
            late,
            deadline: new Date(new Date(c.awareAt).getTime() + 72 * 3_600_000).toISOString(),
          },
        );
      const n = await this.repo.insertNotification(m, {
        breachId: breach.id,
        member: dto.member,
        phase: dto.phase,
        sentAt: dto.sentAt,
        cnilReference: dto.cnilReference ?? null,
        ...own,
        late,
        lateJustification: dto.lateJustification ?? null,
        recordedBy: actor,
      });
      await this.timeline.append(m, incident.id, {
        kind: 'communication',
        status: incident.status,
        body: `CNIL notification (${dto.phase}) for ${dto.member}${dto.cnilReference ? `, reference ${dto.cnilReference}` : ''}${late ? `, late: ${dto.lateJustification}` : ''}`,
        author: actor,
        occurredAt: dto.sentAt,
      });
      await this.audit.record(
        { action: 'breach.notified', entityType: 'breach', entityId: incident.reference, member: dto.member, after: n },
        m,
      );
      return n;
    });
  }

  async communicateSubjects(idOrRef: string, member: string, dto: SubjectCommunicationDto): Promise<BreachView> {
    const actor = this.actor();
    return this.dataSource.transaction(async (m) => {
      const { incident, breach } = await this.requireBreach(idOrRef, m, true);
      await this.requireController(m, breach, member);
      await this.repo.updateController(m, breach.id, member, {
        subjects_told_at: dto.sentAt,
        subjects_told_method: dto.method,
        subjects_told_content: dto.content,
      });
      await this.timeline.append(m, incident.id, {
        kind: 'communication',
        status: incident.status,
        body: `Data subjects of ${member} told (${dto.method}, Art. 34): ${dto.content}`,
        author: actor,
        occurredAt: dto.sentAt,
      });
      await this.audit.record(
        { action: 'breach.subjects_told', entityType: 'breach', entityId: incident.reference, member, after: dto },
        m,
      );
      return this.get(incident.id, m);
    });
  }

  /** Every controller's 72 h deadline in my scope: overdue first, then the closest. */
  async deadlines(): Promise<
    Array<ControllerView['deadline'] & { incident: string; incidentId: string; title: string; risk: string | null }>
  > {
    const scope = this.scope();
    const breaches = await this.repo.breachesOfMembers(scope);
    const views = await this.controllerViews(
      breaches.map((b) => b.id),
      this.dataSource,
      scope,
    );
    const titles = new Map<string, string>();
    for (const b of breaches) titles.set(b.id, (await this.incidentsRepo.find(b.incidentId, undefined))?.title ?? '');
    return sortDeadlines(
      breaches.flatMap((b) =>
        (views.get(b.id) ?? []).map((c) => ({
          ...c.deadline,
          incident: b.reference,
          incidentId: b.incidentId,
          title: titles.get(b.id) ?? '',
          risk: c.assessment?.risk ?? null,
        })),
      ),
    );
  }

  /** Art. 33(5): every breach of a controller, notified or not, with the reason when not. */
  async register(member: string) {
    const p = RequestContext.requirePrincipal();
    if (!canSeeMember(p, member) || (await this.incidentsRepo.unknownMembers(this.dataSource, [member])).length)
      throw new DomainError('not_found', 'member_not_found', `No member ${member}`);
    const breaches = await this.repo.breachesOfMembers([member]);
    const views = await this.controllerViews(
      breaches.map((b) => b.id),
      this.dataSource,
      [member],
    );
    const entries = [];
    for (const b of breaches) {
      const c = views.get(b.id)?.[0];
      if (!c) continue;
      const incident = (await this.incidentsRepo.find(b.incidentId, undefined))!;
      const actions: Array<{ id: string; title: string; status: string }> = await this.dataSource.query(
        'SELECT id, title, status FROM vigie_corrective_actions WHERE incident_id = $1 ORDER BY created_at',
        [b.incidentId],
      );
      const last = <K extends keyof BreachNotification>(k: K) =>
        [...c.notifications].reverse().find((n) => n[k] != null)?.[k] ?? null;
      const notified = c.notifications.length > 0;
      entries.push({
        incident: b.reference,
        incidentId: b.incidentId,
        title: incident.title,
        category: incident.category,
        incidentStatus: incident.status,
        detectedAt: incident.detectedAt,
        consortiumAwareAt: b.consortiumAwareAt,
        controllerAwareAt: c.awareAt,
        facts: b.nature,
        subjectsApprox: last('subjectsApprox') ?? b.subjectsApprox,
        recordsApprox: last('recordsApprox') ?? b.recordsApprox,
        effects: last('consequences'),
        remedialActions: {
          measures: last('measures'),
          correctiveActions: actions.map((a) => ({ id: String(a.id), title: a.title, status: a.status })),
        },
        risk: c.assessment?.risk ?? null,
        riskRationale: c.assessment?.rationale ?? null,
        cnilNotificationRequired: c.decision?.cnilNotificationRequired ?? null,
        subjectCommunication: c.decision?.subjectCommunication ?? null,
        subjectsToldAt: c.subjectCommunication?.sentAt ?? null,
        notified,
        notifications: c.notifications.map((n) => ({
          phase: n.phase,
          sentAt: n.sentAt,
          cnilReference: n.cnilReference,
          late: n.late,
        })),
        firstNotifiedAt: c.notifications[0]?.sentAt ?? null,
        late: c.notifications[0]?.late ?? false,
        lateJustification: c.notifications[0]?.lateJustification ?? null,
        notNotifiedReason: notified ? null : this.notNotifiedReason(c),
        deadline: c.deadline,
      });
    }
    return { member, generatedAt: this.clock.now().toISOString(), entries };
  }

  private notNotifiedReason(c: ControllerView): string {
    if (!c.assessment) return 'Risk not assessed yet';
    if (!c.decision?.cnilNotificationRequired)
      return `Not notified: unlikely to result in a risk (Art. 33(1)): ${c.assessment.rationale}`;
    return c.deadline.state === 'overdue' ? 'Notification required and overdue' : 'Notification required, not sent yet';
  }
}
