import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@vigie/audit';
import { checkPassword, passwordHasher, Role, TokenService } from '@vigie/auth';
import { DomainError, FieldProblem } from '@vigie/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { returnedRows } from '@vigie/database';

export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  roles: Role[];
  memberScopes: string[];
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const COLUMNS =
  'id, username, display_name, email, roles, member_scopes, disabled, locked_until, last_login_at, created_at, updated_at';
const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

function toUser(r: Record<string, unknown>): User {
  return {
    id: String(r.id),
    username: String(r.username),
    displayName: String(r.display_name ?? ''),
    email: (r.email as string | null) ?? null,
    roles: (r.roles as Role[]) ?? [],
    memberScopes: (r.member_scopes as string[]) ?? [],
    disabled: Boolean(r.disabled),
    lockedUntil: iso(r.locked_until),
    lastLoginAt: iso(r.last_login_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

/** Accounts (admin only): create, list, disable, roles and member scopes. Never returns password hashes. */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly tokens: TokenService,
  ) {}

  async list(): Promise<User[]> {
    return (await this.dataSource.query(`SELECT ${COLUMNS} FROM vigie_users ORDER BY username`)).map(toUser);
  }

  async get(id: string, m: EntityManager | DataSource = this.dataSource): Promise<User> {
    const rows = /^[0-9a-f-]{36}$/i.test(id)
      ? await m.query(`SELECT ${COLUMNS} FROM vigie_users WHERE id = $1`, [id])
      : [];
    if (!rows.length) throw new DomainError('not_found', 'user_not_found', `No user ${id}`);
    return toUser(rows[0]);
  }

  private async checkScopes(m: EntityManager, roles: Role[], scopes: string[]): Promise<void> {
    const problems: FieldProblem[] = [];
    if (roles.includes('referent') && scopes.length === 0)
      problems.push({ field: 'memberScopes', problem: 'a referent needs at least one member' });
    if (scopes.length) {
      const known = new Set<string>(
        (await m.query('SELECT code FROM vigie_members WHERE code = ANY($1)', [scopes])).map(
          (r: { code: string }) => r.code,
        ),
      );
      scopes.forEach(
        (s, i) => !known.has(s) && problems.push({ field: `memberScopes[${i}]`, problem: `unknown member ${s}` }),
      );
    }
    if (problems.length) throw new DomainError('unprocessable', 'invalid_user', 'Invalid user', problems);
  }

  async create(dto: CreateUserDto): Promise<User> {
    const problems = checkPassword(dto.password, { username: dto.username });
    if (problems.length)
      throw new DomainError('unprocessable', 'weak_password', 'Password does not meet the policy', problems);
    const hash = await passwordHasher.hash(dto.password);
    return this.dataSource.transaction(async (m) => {
      await this.checkScopes(m, dto.roles, dto.memberScopes ?? []);
      if ((await m.query('SELECT 1 FROM vigie_users WHERE username = $1', [dto.username])).length) {
        throw new DomainError('conflict', 'username_taken', `Username ${dto.username} is taken`, [
          { field: 'username', problem: 'is already used' },
        ]);
      }
      const rows = await m.query(
        `INSERT INTO vigie_users (username, display_name, email, password_hash, roles, member_scopes) VALUES ($1,$2,$3,$4,$5,$6) RETURNING ${COLUMNS}`,
        [
          dto.username,
          dto.displayName ?? '',
          dto.email ?? null,
          hash,
          [...new Set(dto.roles)],
          [...new Set(dto.memberScopes ?? [])],
        ],
      );
      const user = toUser(rows[0]);
      await this.audit.record({ action: 'user.created', entityType: 'user', entityId: user.id, after: user }, m);
      return user;
    });
  }

  async update(id: string, dto: UpdateUserDto): Promise<User> {
    const user = await this.dataSource.transaction(async (m) => {
      const before = await this.get(id, m);
      const roles = dto.roles ?? before.roles;
      const scopes = dto.memberScopes ?? before.memberScopes;
      await this.checkScopes(m, roles, scopes);
      const rows = returnedRows(
        await m.query(
          `UPDATE vigie_users SET display_name=$2, email=$3, roles=$4, member_scopes=$5, disabled=$6, updated_at=now() WHERE id=$1 RETURNING ${COLUMNS}`,
          [
            id,
            dto.displayName ?? before.displayName,
            dto.email ?? before.email,
            [...new Set(roles)],
            [...new Set(scopes)],
            dto.disabled ?? before.disabled,
          ],
        ),
      );
      const after = toUser(rows[0]);
      await this.audit.record(
        {
          action: dto.disabled && !before.disabled ? 'user.disabled' : 'user.updated',
          entityType: 'user',
          entityId: id,
          before,
          after,
        },
        m,
      );
      return after;
    });
    if (user.disabled) await this.tokens.revokeUser(id);
    this.tokens.invalidate(id);
    return user;
  }

  async resetPassword(id: string, password: string): Promise<void> {
    const user = await this.get(id);
    const problems = checkPassword(password, { username: user.username });
    if (problems.length)
      throw new DomainError('unprocessable', 'weak_password', 'Password does not meet the policy', problems);
    const hash = await passwordHasher.hash(password);
    await this.dataSource.transaction(async (m) => {
      await m.query(
        'UPDATE vigie_users SET password_hash=$2, password_changed_at=now(), failed_logins=0, locked_until=NULL, updated_at=now() WHERE id=$1',
        [id, hash],
      );
      await this.audit.record({ action: 'user.password_reset', entityType: 'user', entityId: id }, m);
    });
    await this.tokens.revokeUser(id);
  }
}
