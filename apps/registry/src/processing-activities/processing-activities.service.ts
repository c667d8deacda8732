import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@vigie/audit';
import { memberScope, Principal, RequestContext } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import {
  ActivityContent,
  assessDpia,
  checkReferences,
  diffVersions,
  missingFields,
  nextReviewAfterValidation,
  nextStatus,
  normaliseContent,
  ReferenceLookup,
  suggestForApplication,
  WorkflowAction,
  WorkflowError,
} from '@vigie/gdpr';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationsRepository } from '../applications/applications.repository';
import { ReferenceDataRepository } from '../reference-data/reference-data.repository';
import { CreateActivityDto, UpdateActivityDto } from './dto/processing-activity.dto';
import { ActivityFilter, ProcessingActivitiesRepository } from './processing-activities.repository';
import { ActivityRow, Controller, ProcessingActivity, VersionSnapshot } from './processing-activity';

const today = () => new Date().toISOString().slice(0, 10);

const notFound = (what: string) => new DomainError('not_found', 'processing_activity_not_found', `No processing activity ${what}`);

@Injectable()
export class ProcessingActivitiesService {
  constructor(
    private readonly repo: ProcessingActivitiesRepository,
    private readonly apps: ApplicationsRepository,
    private readonly reference: ReferenceDataRepository,
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  private principal(): Principal {
    return RequestContext.requirePrincipal();
  }

  /** The member as controller, if in the caller's scope; 404 otherwise. */
  async controllerOf(member: string, m?: EntityManager): Promise<Controller> {
    const c = await this.repo.controller(member, memberScope(this.principal()), m);
    if (!c) throw new DomainError('not_found', 'member_not_found', `No member ${member}`);
    return c;
  }

  async list(member: string, f: ActivityFilter): Promise<ProcessingActivity[]> {
    const controller = await this.controllerOf(member);
    const rows = await this.repo.list([member], f);
    return this.presentAll(rows, new Map([[member, controller]]));
  }

  /** Search and list across the members in scope. */
  async search(f: ActivityFilter): Promise<ProcessingActivity[]> {
    const rows = await this.repo.list(memberScope(this.principal()), f);
    return this.presentAll(rows);
  }

  async get(member: string, id: string): Promise<ProcessingActivity> {
    const controller = await this.controllerOf(member);
    const row = await this.repo.get(member, id);
    if (!row) throw notFound(id);
    return (await this.presentAll([row], new Map([[member, controller]])))[0];
  }

  async create(member: string, dto: CreateActivityDto): Promise<ProcessingActivity> {
    const created = await this.dataSource.transaction(async (m) => {
      await this.controllerOf(member, m);
      const content = await this.checked(normaliseContent(strip(dto) as ActivityContent), m, 'create');
      return this.insert(m, member, content);
    });
    return this.get(member, created.id);
  }

  /** Insert a checked record as a draft, with its first version and audit record. */
  async insert(m: EntityManager, member: string, content: ActivityContent, changeKind = 'created'): Promise<ActivityRow> {
    const actor = this.principal().name;
    if (content.reference) {
      if (await this.repo.getByReference(member, content.reference, m))
        throw new DomainError('conflict', 'reference_exists', `Reference ${content.reference} is already used`, [
          { field: 'reference', problem: 'is already used by another record of this member' },
        ]);
    } else content.reference = await this.repo.nextReference(member, m);
    const row = await this.repo.insert(m, member, 'draft', content, actor);
    await this.repo.addVersion(m, row.id, { version: 1, status: 'draft', changeKind, snapshot: snapshot(row), changedBy: actor, comment: null });
    await this.audit.record(
      { action: 'processing_activity.created', entityType: 'processing_activity', entityId: row.id, member, after: snapshot(row) },
      m,
    );
    return row;
  }

  async update(member: string, id: string, dto: UpdateActivityDto): Promise<ProcessingActivity> {
    await this.dataSource.transaction(async (m) => {
      await this.controllerOf(member, m);
      const before = await this.repo.get(member, id, m, true);
      if (!before) throw notFound(id);
      if (dto.expectedVersion && dto.expectedVersion !== before.version)
        throw new DomainError('conflict', 'version_mismatch', `The record is at version ${before.version}, not ${dto.expectedVersion}`);
      const { expectedVersion: _ignored, ...changes } = strip(dto) as UpdateActivityDto;
      const merged = normaliseContent({ ...before.content, ...changes } as ActivityContent);
      const content = await this.checked(merged, m, 'update');
      if (content.reference !== before.content.reference && (await this.repo.getByReference(member, content.reference!, m)))
        throw new DomainError('conflict', 'reference_exists', `Reference ${content.reference} is already used`, [{ field: 'reference', problem: 'is already used' }]);
      if (JSON.stringify(content) === JSON.stringify(before.content)) return;
      const status = this.transition(before, 'edit');
      await this.save(m, before, content, status, before.status === 'validated' ? 'sent_back_to_review' : 'updated');
    });
    return this.get(member, id);
  }

  async transitionTo(member: string, id: string, action: Exclude<WorkflowAction, 'edit'>, comment?: string): Promise<ProcessingActivity> {
    await this.dataSource.transaction(async (m) => {
      await this.controllerOf(member, m);
      const before = await this.repo.get(member, id, m, true);
      if (!before) throw notFound(id);
      if (action === 'validate' || action === 'submit') {
        const missing = missingFields(before.content, await this.reference.lookup(m));
        if (missing.length)
          throw new DomainError(
            'unprocessable',
            'incomplete_record',
            `The record misses ${missing.length} field(s) of the CNIL model; it stays ${before.status.replace('_', ' ')}`,
            missing,
          );
      }
      const status = this.transition(before, action);
      const content = { ...before.content };
      if (action === 'validate') content.nextReviewDate = nextReviewAfterValidation(new Date(), content.nextReviewDate);
      const kind = { submit: 'submitted', validate: 'validated', archive: 'archived', reopen: 'reopened' }[action];
      await this.save(m, before, content, status, kind, comment, action === 'validate');
    });
    return this.get(member, id);
  }

  async delete(member: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.controllerOf(member, m);
      const before = await this.repo.get(member, id, m, true);
      if (!before) throw notFound(id);
      if (before.status !== 'draft' || before.validatedAt)
        throw new DomainError('conflict', 'not_deletable', 'Only a draft that was never validated can be deleted; archive it instead');
      await this.repo.delete(m, id);
      await this.audit.record(
        { action: 'processing_activity.deleted', entityType: 'processing_activity', entityId: id, member, before: snapshot(before) },
        m,
      );
    });
  }

  async completeness(member: string, id: string) {
    const a = await this.get(member, id);
    return { id: a.id, status: a.status, ...a.completeness };
  }

  async history(member: string, id: string) {
    await this.get(member, id);
    const versions = await this.repo.versions(id);
    return versions.map((v, i) => ({
      version: v.version,
      status: v.status,
      changeKind: v.changeKind,
      changedBy: v.changedBy,
      changedAt: v.changedAt,
      comment: v.comment,
      changedFields: i ? diffVersions(versions[i - 1].snapshot, v.snapshot).map((c) => c.field) : [],
    }));
  }

  async version(member: string, id: string, version: number) {
    await this.get(member, id);
    const v = (await this.repo.versions(id)).find((x) => x.version === version);
    if (!v) throw new DomainError('not_found', 'version_not_found', `No version ${version} of ${id}`);
    return v;
  }

  /** Field-level diff between two versions (default: the previous and the current one). */
  async diff(member: string, id: string, from?: number, to?: number) {
    const current = await this.get(member, id);
    const versions = await this.repo.versions(id);
    const toV = to ?? current.version;
    const fromV = from ?? Math.max(1, toV - 1);
    const a = versions.find((v) => v.version === fromV);
    const b = versions.find((v) => v.version === toV);
    const problems = [
      ...(a ? [] : [{ field: 'from', problem: `no version ${fromV} (1-${current.version})` }]),
      ...(b ? [] : [{ field: 'to', problem: `no version ${toV} (1-${current.version})` }]),
    ];
    if (problems.length || !a || !b) throw new DomainError('invalid', 'invalid_versions', 'Unknown version', problems);
    const meta = (v: typeof a) => ({ version: v.version, status: v.status, changeKind: v.changeKind, changedBy: v.changedBy, changedAt: v.changedAt });
    const between = versions.filter((v) => v.version > Math.min(fromV, toV) && v.version <= Math.max(fromV, toV));
    return {
      id,
      from: meta(a),
      to: meta(b),
      changes: diffVersions(a.snapshot, b.snapshot),
      authors: [...new Set(between.map((v) => v.changedBy))],
    };
  }

  /** Records whose review date has passed, across the members in scope. */
  async overdue(): Promise<ProcessingActivity[]> {
    const rows = (await this.repo.list(memberScope(this.principal()))).filter((r) => r.nextReviewDate && r.nextReviewDate < today());
    return this.presentAll(rows);
  }

  /** Records that need a DPIA and have none planned, in progress or done. */
  async dpiaMissing(): Promise<ProcessingActivity[]> {
    const rows = await this.repo.list(memberScope(this.principal()));
    return (await this.presentAll(rows)).filter((a) => a.dpiaAssessment.missing);
  }

  /**
   * Draft records of a member from the applications it uses: one per
   * application no record covers yet, with the map's categories and subjects.
   */
  async draftsFromApplications(member: string, applicationIds?: string[]): Promise<ProcessingActivity[]> {
    const ids = await this.dataSource.transaction(async (m) => {
      await this.controllerOf(member, m);
      const used = await this.apps.list([member], {}, m);
      const existing = await this.repo.list([member], { includeArchived: true }, m);
      const covered = new Set(existing.flatMap((r) => r.content.applicationIds));
      const problems = (applicationIds ?? []).flatMap((id, i) =>
        used.some((a) => a.id === id) ? [] : [{ field: `applicationIds[${i}]`, problem: `${id} is not an application used by ${member}` }],
      );
      if (problems.length) throw new DomainError('unprocessable', 'invalid_reference', 'Unknown applications', problems);
      const chosen = applicationIds ? used.filter((a) => applicationIds.includes(a.id)) : used.filter((a) => !covered.has(a.id));
      const out: string[] = [];
      for (const a of chosen) {
        const suggestion = suggestForApplication(a.domain, a.functions, a.name);
        const categories = a.dataCategories.length ? a.dataCategories.map((d) => d.code) : suggestion.dataCategories;
        const subjects = a.dataSubjects.length ? a.dataSubjects : suggestion.dataSubjects.map((code) => ({ code, volume: null }));
        const content = normaliseContent({
          name: `${a.domain ? a.domain + ' : ' : ''}${a.functions.join(', ') || a.name}`,
          purposes: a.functions.map((f) => `${f} (${a.name})`),
          applicationIds: [a.id],
          dataCategories: categories.map((code) => ({ code })),
          dataSubjects: subjects.map((s) => ({ code: s.code, volume: s.volume ?? null })),
          securityMeasures: a.securityMeasures,
        });
        const row = await this.insert(m, member, await this.checked(content, m, 'create'), 'drafted_from_map');
        out.push(row.id);
      }
      return out;
    });
    const controller = await this.controllerOf(member);
    const rows = (await this.repo.list([member], { includeArchived: true })).filter((r) => ids.includes(r.id));
    return this.presentAll(rows, new Map([[member, controller]]));
  }

  /**
   * Import one record's content (within the caller's transaction): a new
   * reference is created as a draft; an existing one is edited (a validated
   * record goes back to review); identical content changes nothing.
   */
  async importContent(m: EntityManager, member: string, imported: ActivityContent): Promise<'created' | 'updated' | 'unchanged'> {
    const content = normaliseContent(imported);
    const before = await this.repo.getByReference(member, content.reference!, m);
    if (!before) {
      await this.insert(m, member, content, 'imported');
      return 'created';
    }
    if (JSON.stringify(normaliseContent(before.content)) === JSON.stringify(content)) return 'unchanged';
    await this.save(m, before, content, this.transition(before, 'edit'), 'imported');
    return 'updated';
  }

  /** Present rows with their controller, applications, completeness and DPIA assessment. */
  async presentAll(rows: ActivityRow[], controllers?: Map<string, Controller>, ref?: ReferenceLookup): Promise<ProcessingActivity[]> {
    const lookup = ref ?? (await this.reference.lookup());
    const ctrl = controllers ?? (await this.repo.controllers([...new Set(rows.map((r) => r.member))]));
    const apps = await this.repo.applications([...new Set(rows.flatMap((r) => r.content.applicationIds))]);
    const now = today();
    return rows.map((r) => {
      const content = normaliseContent(r.content);
      const linked = content.applicationIds.map((id) => apps.get(id)).filter((a): a is NonNullable<typeof a> => !!a);
      const listed = new Set(content.dataCategories.map((d) => d.code));
      const suggested = [...new Set(linked.flatMap((a) => a.dataCategories.map((d) => d.code)))].filter((c) => !listed.has(c));
      const missing = missingFields(content, lookup);
      const { content: _c, ...meta } = r;
      return {
        ...meta,
        ...content,
        reference: r.reference,
        name: r.name,
        controller: ctrl.get(r.member) ?? { code: r.member, name: r.member, siren: null },
        applications: linked.map(({ id, name, vendor, domain, hosting }) => ({ id, name, vendor, domain, hosting })),
        suggestedDataCategories: suggested,
        completeness: { complete: missing.length === 0, missing },
        dpiaAssessment: assessDpia(content, lookup),
        reviewOverdue: !!(r.status !== 'archived' && r.nextReviewDate && r.nextReviewDate < now),
      };
    });
  }

  /** Check references (422 naming the fields) and return the content ready to store. */
  async checked(content: ActivityContent, m: EntityManager, _why: 'create' | 'update'): Promise<ActivityContent> {
    const ref = await this.reference.lookup(m);
    const known = await this.apps.existingIds(content.applicationIds, m);
    const problems = checkReferences(content, ref, known);
    if (problems.length)
      throw new DomainError('unprocessable', 'invalid_reference', `Invalid references: ${problems.map((p) => p.field).join(', ')}`, problems);
    return content;
  }

  private transition(row: ActivityRow, action: WorkflowAction) {
    try {
      return nextStatus(row.status, action);
    } catch (e) {
      if (e instanceof WorkflowError) {
        const next = allowedTransitions(row.status);
        throw new DomainError('conflict', 'invalid_transition', e.message, undefined, {
          status: row.status,
          allowed: next.map((n) => n.status),
          allowedActions: next.map((n) => n.action),
        });
      }
      throw e;
    }
  }

  private async save(
    m: EntityManager,
    before: ActivityRow,
    content: ActivityContent,
    status: ActivityRow['status'],
    changeKind: string,
    comment?: string,
    validated = false,
  ): Promise<ActivityRow> {
    const actor = this.principal().name;
    const version = before.version + 1;
    const after = await this.repo.update(m, before.id, { status, version, content, actor, validated });
    await this.repo.addVersion(m, before.id, { version, status, changeKind, snapshot: snapshot(after), changedBy: actor, comment: comment ?? null });
    await this.audit.record(
      {
        action: `processing_activity.${changeKind}`,
        entityType: 'processing_activity',
        entityId: before.id,
        member: before.member,
        before: snapshot(before),
        after: snapshot(after),
      },
      m,
    );
    return after;
  }
}

const TRANSITIONS = ['submit', 'validate', 'archive', 'reopen'] as const;

/** The workflow actions possible from a status and the status each leads to (told in a 409 on a refused transition). */
export function allowedTransitions(from: ActivityRow['status']): Array<{ action: (typeof TRANSITIONS)[number]; status: ActivityRow['status'] }> {
  return TRANSITIONS.flatMap((action) => {
    try {
      return [{ action, status: nextStatus(from, action) }];
    } catch {
      return [];
    }
  });
}

export function snapshot(r: ActivityRow): VersionSnapshot {
  return { status: r.status, ...normaliseContent(r.content) };
}

function strip<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
