import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@vigie/audit';
import { ApiKeyVerifier, canSeeMember, memberScope, RequestContext } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import { DataSource } from 'typeorm';
import { returnedRows } from '@vigie/database';

export interface ApiKeyInfo {
  id: string;
  member: string;
  name: string;
  prefix: string;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
const toInfo = (r: Record<string, unknown>): ApiKeyInfo => ({
  id: String(r.id),
  member: String(r.member),
  name: String(r.name),
  prefix: String(r.prefix),
  createdBy: String(r.created_by),
  createdAt: iso(r.created_at)!,
  lastUsedAt: iso(r.last_used_at),
  revokedAt: iso(r.revoked_at),
});
const COLUMNS = 'id, member, name, prefix, created_by, created_at, last_used_at, revoked_at';

/** API keys for machine clients: bound to one member, stored hashed, shown once, revocable. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async list(): Promise<ApiKeyInfo[]> {
    const scope = memberScope(RequestContext.requirePrincipal());
    const rows = scope
      ? await this.dataSource.query(
          `SELECT ${COLUMNS} FROM vigie_api_keys WHERE member = ANY($1) ORDER BY created_at`,
          [scope],
        )
      : await this.dataSource.query(`SELECT ${COLUMNS} FROM vigie_api_keys ORDER BY created_at`);
    return rows.map(toInfo);
  }

  async create(member: string, name: string): Promise<ApiKeyInfo & { key: string }> {
    const p = RequestContext.requirePrincipal();
    if (!canSeeMember(p, member))
      throw new DomainError('not_found', 'member_not_found', `No member ${member}`, [
        { field: 'member', problem: 'unknown member' },
      ]);
    const { key, prefix, hash } = ApiKeyVerifier.generate();
    return this.dataSource.transaction(async (m) => {
      if (!(await m.query('SELECT 1 FROM vigie_members WHERE code = $1', [member])).length) {
        throw new DomainError('unprocessable', 'member_not_found', `No member ${member}`, [
          { field: 'member', problem: 'unknown member' },
        ]);
      }
      const rows = await m.query(
        `INSERT INTO vigie_api_keys (member, name, prefix, secret_hash, created_by) VALUES ($1,$2,$3,$4,$5) RETURNING ${COLUMNS}`,
        [member, name, prefix, hash, p.name],
      );
      const info = toInfo(rows[0]);
      await this.audit.record(
        { action: 'api_key.created', entityType: 'api_key', entityId: info.id, member, after: info },
        m,
      );
      return { ...info, key };
    });
  }

  async revoke(id: string): Promise<ApiKeyInfo> {
    const scope = memberScope(RequestContext.requirePrincipal());
    return this.dataSource.transaction(async (m) => {
      const rows = returnedRows(
        await m.query(
          `UPDATE vigie_api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 ${scope ? 'AND member = ANY($2)' : ''} RETURNING ${COLUMNS}`,
          scope ? [id, scope] : [id],
        ),
      );
      if (!rows.length) throw new DomainError('not_found', 'api_key_not_found', `No API key ${id}`);
      const info = toInfo(rows[0]);
      await this.audit.record(
        { action: 'api_key.revoked', entityType: 'api_key', entityId: id, member: info.member, after: info },
        m,
      );
      return info;
    });
  }
}
