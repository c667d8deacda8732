import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@vigie/audit';
import { canSeeMember, memberScope, RequestContext } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import { checkException, FieldMatch } from '@vigie/triage';
import { SigmaFilterSettings } from './sigma-filter.settings';
import { DataSource, EntityManager } from 'typeorm';
import { CreateExceptionDto, UpdateExceptionDto } from './dto/exception.dto';
import { ExceptionValues, ExceptionsRepository } from './exceptions.repository';
import { ExceptionView } from './exception.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A Sigma expression as stored: null when absent or blank, else the text with its trailing blanks removed. */
const sigmaText = (v: string | null | undefined) =>
  v === undefined || v === null || v.trim() === '' ? null : v.trimEnd();
const blank = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v.trim());

/** Suppression rules for alerts: created (often from an alert), edited, revoked, all audited. */
@Injectable()
export class ExceptionsService {
  constructor(
    private readonly repo: ExceptionsRepository,
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly sigma: SigmaFilterSettings,
  ) {}

  list(q: { active?: boolean; rule?: string }): Promise<ExceptionView[]> {
    return this.repo.list(memberScope(RequestContext.requirePrincipal()), q);
  }

  async get(id: string): Promise<ExceptionView & { recentSuppressions: Array<Record<string, unknown>> }> {
    const e = await this.repo.get(id, memberScope(RequestContext.requirePrincipal()));
    if (!e) throw new DomainError('not_found', 'exception_not_found', `No exception ${id}`);
    return { ...e, recentSuppressions: await this.repo.suppressions(id) };
  }

  private validate(v: ExceptionValues): void {
    const problems = checkException(v, Date.now(), this.sigma.options);
    const sigma = problems.filter((x) => x.field === 'sigmaFilter');
    if (sigma.length)
      throw new DomainError('invalid', 'invalid_sigma_filter', `Invalid Sigma filter: ${sigma[0].problem}`, sigma);
    if (problems.length) throw new DomainError('unprocessable', 'invalid_exception', 'Invalid exception', problems);
    const p = RequestContext.requirePrincipal();
    if (v.member !== null && !canSeeMember(p, v.member))
      throw new DomainError('unprocessable', 'member_not_found', `No member ${v.member}`, [
        { field: 'member', problem: 'unknown member' },
      ]);
    if (v.member === null && memberScope(p) !== undefined)
      throw new DomainError('unprocessable', 'member_required', 'An exception must name one of your members', [
        { field: 'member', problem: 'required for a member-scoped account' },
      ]);
  }

  private async memberExists(m: EntityManager, member: string | null): Promise<void> {
    if (member === null) return;
    if (!(await m.query('SELECT 1 FROM vigie_members WHERE code = $1', [member])).length)
      throw new DomainError('unprocessable', 'member_not_found', `No member ${member}`, [
        { field: 'member', problem: 'unknown member' },
      ]);
  }

  async create(dto: CreateExceptionDto): Promise<ExceptionView> {
    const p = RequestContext.requirePrincipal();
    const scope = memberScope(p);
    return this.dataSource.transaction(async (m) => {
      let fromAlert: { id: string; rule_id: string; members: string[] } | undefined;
      if (dto.fromAlertId) {
        const rows: Array<{ id: string; rule_id: string; members: string[] }> = await m.query(
          `SELECT id, rule_id, members FROM vigie_alerts WHERE id = $1 ${scope ? 'AND members && $2::text[]' : ''}`,
          scope ? [dto.fromAlertId, scope] : [dto.fromAlertId],
        );
        fromAlert = rows[0];
        if (!fromAlert)
          throw new DomainError('not_found', 'alert_not_found', `No alert ${dto.fromAlertId}`, [
            { field: 'fromAlertId', problem: 'unknown alert' },
          ]);
      }
      const onlyMember = fromAlert && fromAlert.members.length === 1 ? fromAlert.members[0] : null;
      const values: ExceptionValues = {
        ruleId: dto.ruleId === undefined ? (fromAlert?.rule_id ?? null) : blank(dto.ruleId),
        member: dto.member === undefined ? onlyMember : blank(dto.member),
        host: blank(dto.host),
        user: blank(dto.user),
        sourceIp: blank(dto.sourceIp),
        match: (dto.match ?? null) as FieldMatch | null,
        sigmaFilter: sigmaText(dto.sigmaFilter),
        reason: dto.reason,
        expiresAt: dto.expiresAt,
      };
      this.validate(values);
      await this.memberExists(m, values.member);
      const created = await this.repo.insert(m, { ...values, fromAlertId: fromAlert?.id ?? null, createdBy: p.name });
      if (fromAlert) {
        await m.query(
          `INSERT INTO vigie_alert_history (alert_id, actor, action, field, to_value, comment) VALUES ($1,$2,'exception_created','exception',$3,$4)`,
          [fromAlert.id, p.name, created.id, created.reason],
        );
      }
      await this.audit.record(
        {
          action: 'exception.created',
          entityType: 'alert_exception',
          entityId: created.id,
          member: created.member,
          after: created,
        },
        m,
      );
      return created;
    });
  }

  async update(id: string, dto: UpdateExceptionDto): Promise<ExceptionView> {
    const scope = memberScope(RequestContext.requirePrincipal());
    return this.dataSource.transaction(async (m) => {
      const before = await this.repo.get(id, scope, m);
      if (!before) throw new DomainError('not_found', 'exception_not_found', `No exception ${id}`);
      if (before.revokedAt !== null)
        throw new DomainError(
          'conflict',
          'exception_revoked',
          'A revoked exception cannot be edited; create a new one',
        );
      const pick = <K extends keyof ExceptionValues>(k: K, v: ExceptionValues[K] | undefined): ExceptionValues[K] =>
        v === undefined ? (before[k as keyof ExceptionView] as ExceptionValues[K]) : v;
      const values: ExceptionValues = {
        ruleId: pick('ruleId', dto.ruleId === undefined ? undefined : blank(dto.ruleId)),
        member: pick('member', dto.member === undefined ? undefined : blank(dto.member)),
        host: pick('host', dto.host === undefined ? undefined : blank(dto.host)),
        user: pick('user', dto.user === undefined ? undefined : blank(dto.user)),
        sourceIp: pick('sourceIp', dto.sourceIp === undefined ? undefined : blank(dto.sourceIp)),
        match: pick('match', dto.match === undefined ? undefined : ((dto.match ?? null) as FieldMatch | null)),
        sigmaFilter: dto.sigmaFilter === undefined ? before.sigmaFilter : sigmaText(dto.sigmaFilter),
        reason: dto.reason?.trim() ?? before.reason,
        expiresAt: dto.expiresAt ?? before.expiresAt,
      };
      this.validate(values);
      await this.memberExists(m, values.member);
      const after = await this.repo.update(m, id, values);
      await this.audit.record(
        {
          action: 'exception.updated',
          entityType: 'alert_exception',
          entityId: id,
          member: after.member,
          before,
          after,
        },
        m,
      );
      return after;
    });
  }

  async revoke(id: string): Promise<ExceptionView> {
    const p = RequestContext.requirePrincipal();
    if (!UUID.test(id)) throw new DomainError('not_found', 'exception_not_found', `No exception ${id}`);
    return this.dataSource.transaction(async (m) => {
      const before = await this.repo.get(id, memberScope(p), m);
      if (!before) throw new DomainError('not_found', 'exception_not_found', `No exception ${id}`);
      const after = await this.repo.revoke(m, id, p.name);
      await this.audit.record(
        {
          action: 'exception.revoked',
          entityType: 'alert_exception',
          entityId: id,
          member: after.member,
          before,
          after,
        },
        m,
      );
      return after;
    });
  }
}
