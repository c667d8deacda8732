import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@vigie/audit';
import { canSeeMember, memberScope, RequestContext } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import { allowedActionStates, checkActionTransition, isActionOverdue } from '@vigie/isms';
import { DataSource } from 'typeorm';
import { IncidentsRepository } from '../incidents/incidents.repository';
import { IncidentsService } from '../incidents/incidents.service';
import { IsmsClock } from '../incidents/isms-clock';
import { Queryable } from '../incidents/sql-values';
import { TimelineRepository } from '../incidents/timeline.repository';
import { CorrectiveAction, CorrectiveActionsRepository } from './corrective-actions.repository';
import {
  ActionQueryDto,
  ActionStatusDto,
  CreateCorrectiveActionDto,
  ReviewDto,
  UpdateCorrectiveActionDto,
} from './dto/corrective-action.dto';

export type ActionView = CorrectiveAction & { overdue: boolean; allowedNextStates: string[] };

/** ISO 27001 clause 10.2: nonconformities, corrective actions and their effectiveness review. */
@Injectable()
export class CorrectiveActionsService {
  constructor(
    private readonly repo: CorrectiveActionsRepository,
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

  private view(a: CorrectiveAction): ActionView {
    return { ...a, overdue: isActionOverdue(a, this.clock.now()), allowedNextStates: allowedActionStates(a.status) };
  }

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  async list(q: ActionQueryDto): Promise<ActionView[]> {
    const incidentId = q.incident ? (await this.incidents.require(q.incident)).id : undefined;
    const list = await this.repo.list(
      { status: q.status, incidentId, member: q.member, overdueOn: q.overdue === 'true' ? this.today() : undefined },
      this.scope(),
    );
    const views = list.map((a) => this.view(a));
    return q.overdue === 'false' ? views.filter((v) => !v.overdue) : views;
  }

  /** Overdue actions, the most overdue first. */
  overdue(): Promise<ActionView[]> {
    return this.list({ overdue: 'true' });
  }

  async get(id: string, m: Queryable = this.dataSource, lock = false): Promise<ActionView> {
    const a = await this.repo.find(id, this.scope(), m, lock);
    if (!a) throw new DomainError('not_found', 'corrective_action_not_found', `No corrective action ${id}`);
    return this.view(a);
  }

  private async checkMember(m: Queryable, member: string | undefined): Promise<void> {
    if (!member) return;
    if (
      (await this.incidentsRepo.unknownMembers(m, [member])).length ||
      !canSeeMember(RequestContext.requirePrincipal(), member)
    )
      throw new DomainError('unprocessable', 'unknown_member', `No member ${member}`, [
        { field: 'member', problem: `no member ${member}` },
      ]);
  }

  async create(dto: CreateCorrectiveActionDto): Promise<ActionView> {
    const actor = RequestContext.requirePrincipal().name;
    if (dto.source === 'incident' && !dto.incident)
      throw new DomainError('unprocessable', 'incident_required', 'An action from an incident names the incident', [
        { field: 'incident', problem: 'is required when source is incident' },
      ]);
    return this.dataSource.transaction(async (m) => {
      await this.checkMember(m, dto.member);
      let incident;
      if (dto.incident) {
        incident = await this.incidentsRepo.find(dto.incident, this.scope(), m, true);
        if (!incident)
          throw new DomainError('unprocessable', 'unknown_incident', `No incident ${dto.incident}`, [
            { field: 'incident', problem: 'no such incident' },
          ]);
      }
      const id = await this.repo.insert(m, {
        source: dto.source,
        incident_id: incident?.id ?? null,
        member: dto.member ?? null,
        title: dto.title,
        nonconformity: dto.nonconformity,
        correction: dto.correction ?? null,
        root_cause: dto.rootCause ?? null,
        action: dto.action,
        owner: dto.owner,
        due_date: dto.dueDate ?? null,
        created_by: actor,
      });
      if (incident)
        await this.timeline.append(m, incident.id, {
          kind: 'action',
          status: incident.status,
          body: `Corrective action planned: ${dto.title} (owner ${dto.owner}${dto.dueDate ? `, due ${dto.dueDate}` : ''})`,
          author: actor,
        });
      const created = await this.get(id, m);
      await this.audit.record(
        {
          action: 'corrective_action.created',
          entityType: 'corrective_action',
          entityId: id,
          member: await this.memberOf(m, created),
          after: created,
        },
        m,
      );
      return created;
    });
  }

  private async memberOf(m: Queryable, a: CorrectiveAction): Promise<string | null> {
    if (a.member) return a.member;
    if (!a.incidentId) return null;
    return (await this.incidentsRepo.members(m, [a.incidentId])).get(a.incidentId)?.[0]?.member ?? null;
  }

  async update(id: string, dto: UpdateCorrectiveActionDto): Promise<ActionView> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.get(id, m, true);
      if (before.status === 'closed' || before.status === 'cancelled')
        throw new DomainError('conflict', 'corrective_action_closed', `The action is ${before.status}`);
      await this.checkMember(m, dto.member);
      const columns: Record<string, string> = {
        title: 'title',
        nonconformity: 'nonconformity',
        correction: 'correction',
        rootCause: 'root_cause',
        action: 'action',
        owner: 'owner',
        dueDate: 'due_date',
        member: 'member',
      };
      const values: Record<string, unknown> = {};
      for (const [k, col] of Object.entries(columns)) {
        const v = (dto as Record<string, unknown>)[k];
        if (v !== undefined) values[col] = v;
      }
      if (Object.keys(values).length) await this.repo.update(m, id, values);
      const after = await this.get(id, m);
      await this.audit.record(
        {
          action: 'corrective_action.updated',
          entityType: 'corrective_action',
          entityId: id,
          member: await this.memberOf(m, after),
          before,
          after,
        },
        m,
      );
      return after;
    });
  }

  async review(id: string, dto: ReviewDto): Promise<ActionView> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.get(id, m, true);
      if (before.status !== 'implemented')
        throw new DomainError(
          'conflict',
          'not_implemented',
          `Review effectiveness once the action is implemented (it is ${before.status})`,
          [{ field: 'status', problem: `is ${before.status}, not implemented` }],
        );
      await this.repo.update(m, id, {
        review_date: dto.date,
        review_method: dto.method,
        review_result: dto.result,
        reviewer: dto.reviewer,
        review_notes: dto.notes ?? null,
      });
      const after = await this.get(id, m);
      await this.audit.record(
        {
          action: 'corrective_action.reviewed',
          entityType: 'corrective_action',
          entityId: id,
          member: await this.memberOf(m, after),
          before,
          after,
        },
        m,
      );
      return after;
    });
  }

  async transition(id: string, dto: ActionStatusDto): Promise<ActionView> {
    const actor = RequestContext.requirePrincipal().name;
    return this.dataSource.transaction(async (m) => {
      const before = await this.get(id, m, true);
      const check = checkActionTransition(before.status, dto.status, { review: before.review });
      if (!check.ok) {
        if (check.reason === 'not_allowed')
          throw new DomainError(
            'conflict',
            'invalid_transition',
            `The action cannot go from ${before.status} to ${dto.status}; allowed next states: ${check.allowed.join(', ') || 'none'}`,
            [{ field: 'status', problem: `allowed next states: ${check.allowed.join(', ') || 'none'}` }],
            { from: before.status, to: dto.status, allowed: check.allowed },
          );
        throw new DomainError(
          'unprocessable',
          check.reason,
          check.reason === 'review_required'
            ? 'An action is closed only after its effectiveness review (date, method, result, reviewer)'
            : 'The effectiveness review found the action ineffective: rework it before closing',
          [
            {
              field: 'review',
              problem: check.reason === 'review_required' ? 'is required to close' : 'result is ineffective',
            },
          ],
        );
      }
      const values: Record<string, unknown> = { status: dto.status };
      if (dto.status === 'closed') values.closed_at = this.clock.now().toISOString();
      // Back to work after an ineffective review: the next review starts afresh.
      if (before.status === 'implemented' && dto.status === 'in_progress')
        Object.assign(values, {
          review_date: null,
          review_method: null,
          review_result: null,
          reviewer: null,
          review_notes: null,
        });
      await this.repo.update(m, id, values);
      const after = await this.get(id, m);
      if (after.incidentId) {
        const inc = await this.incidentsRepo.find(after.incidentId, undefined, m);
        if (inc)
          await this.timeline.append(m, inc.id, {
            kind: 'action',
            status: inc.status,
            body: `Corrective action "${after.title}": ${before.status} → ${after.status}`,
            author: actor,
          });
      }
      await this.audit.record(
        {
          action: 'corrective_action.status_changed',
          entityType: 'corrective_action',
          entityId: id,
          member: await this.memberOf(m, after),
          before: { status: before.status, review: before.review },
          after: { status: after.status },
        },
        m,
      );
      return after;
    });
  }
}
