import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@vigie/audit';
import { memberScope, RequestContext } from '@vigie/auth';
import { DomainError, FieldProblem } from '@vigie/contracts';
import ipaddr from 'ipaddr.js';
import { DataSource } from 'typeorm';
import { CreateMemberDto, UpdateMemberDto } from './dto/member.dto';
import { Member, MembersRepository } from './members.repository';

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

@Injectable()
export class MembersService {
  constructor(
    private readonly repo: MembersRepository,
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  list(): Promise<Member[]> {
    return this.repo.list(memberScope(RequestContext.requirePrincipal()));
  }

  async get(code: string): Promise<Member> {
    const m = await this.repo.get(code, memberScope(RequestContext.requirePrincipal()));
    if (!m) throw new DomainError('not_found', 'member_not_found', `No member ${code}`);
    return m;
  }

  private check(dto: Partial<CreateMemberDto>): void {
    const problems: FieldProblem[] = [];
    (dto.networks ?? []).forEach((n, i) => {
      try {
        ipaddr.parseCIDR(n);
      } catch {
        problems.push({
          field: `networks[${i}]`,
          problem: `${JSON.stringify(n)} is not a CIDR network (e.g. 10.20.0.0/16)`,
        });
      }
    });
    if (dto.timeZone && !validTimeZone(dto.timeZone))
      problems.push({ field: 'timeZone', problem: `${dto.timeZone} is not an IANA time zone` });
    if (problems.length) throw new DomainError('unprocessable', 'invalid_member', 'Invalid member', problems);
  }

  async create(dto: CreateMemberDto): Promise<Member> {
    this.check(dto);
    return this.dataSource.transaction(async (m) => {
      if (await this.repo.get(dto.code, undefined, m)) {
        throw new DomainError('conflict', 'member_exists', `Member ${dto.code} already exists`, [
          { field: 'code', problem: 'is already used' },
        ]);
      }
      const created = await this.repo.insert(m, {
        code: dto.code,
        name: dto.name,
        type: dto.type,
        siren: dto.siren ?? null,
        networks: dto.networks ?? [],
        timeZone: dto.timeZone ?? 'Europe/Paris',
        retentionDays: dto.retentionDays ?? 365,
      });
      await this.audit.record(
        {
          action: 'member.created',
          entityType: 'member',
          entityId: created.code,
          member: created.code,
          after: created,
        },
        m,
      );
      return created;
    });
  }

  async update(code: string, dto: UpdateMemberDto): Promise<Member> {
    this.check(dto);
    return this.dataSource.transaction(async (m) => {
      const before = await this.repo.get(code, memberScope(RequestContext.requirePrincipal()), m);
      if (!before) throw new DomainError('not_found', 'member_not_found', `No member ${code}`);
      if (dto.code && dto.code !== code && (await this.repo.get(dto.code, undefined, m))) {
        throw new DomainError('conflict', 'member_exists', `Member ${dto.code} already exists`, [
          { field: 'code', problem: 'is already used' },
        ]);
      }
      const after = await this.repo.update(m, code, {
        code: dto.code ?? before.code,
        name: dto.name ?? before.name,
        type: dto.type ?? before.type,
        siren: dto.siren === undefined ? before.siren : dto.siren, // null clears it
        networks: dto.networks ?? before.networks,
        timeZone: dto.timeZone ?? before.timeZone,
        retentionDays: dto.retentionDays ?? before.retentionDays,
      });
      await this.audit.record(
        { action: 'member.updated', entityType: 'member', entityId: after.code, member: after.code, before, after },
        m,
      );
      return after;
    });
  }
}
