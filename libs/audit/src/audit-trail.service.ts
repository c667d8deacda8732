import { Injectable } from '@nestjs/common';
import { RequestContext, SYSTEM_PRINCIPAL } from '@vigie/auth';
import { DataSource, EntityManager } from 'typeorm';
import {
  AuditContent,
  AuditRecord,
  ChainBreak,
  ChainVerifier,
  diffObjects,
  GENESIS_HASH,
  hashRecord,
} from './audit-chain';

/** Serialises appends to the chain across processes. */
const AUDIT_LOCK = 7_274_001;

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** The member the entity belongs to, for scoped reads of the trail. */
  member?: string | null;
  before?: unknown;
  after?: unknown;
  /** Extra facts when there is no before/after (e.g. what a retention job dropped). */
  details?: Record<string, unknown>;
}

export interface AuditQuery {
  from?: string;
  to?: string;
  actor?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  /** Members in scope; undefined = all. Records with no member are visible to all-member principals only. */
  members?: string[];
  afterSeq?: number;
  limit?: number;
}

/**
 * The tamper-evident audit trail: every write appends a record whose hash
 * covers its content and the previous record's hash. Append inside the
 * caller's transaction when there is one, so the change and its record commit
 * together.
 */
@Injectable()
export class AuditTrail {
  constructor(private readonly dataSource: DataSource) {}

  async record(entry: AuditEntry, manager?: EntityManager): Promise<AuditRecord> {
    if (manager) return this.append(entry, manager);
    return this.dataSource.transaction((m) => this.append(entry, m));
  }

  private async append(entry: AuditEntry, m: EntityManager): Promise<AuditRecord> {
    const ctx = RequestContext.get();
    const p = ctx?.principal ?? SYSTEM_PRINCIPAL;
    await m.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
    const last: Array<{ seq: string; hash: string }> = await m.query(
      'SELECT seq, hash FROM vigie_audit ORDER BY seq DESC LIMIT 1',
    );
    const changes =
      entry.before !== undefined || entry.after !== undefined
        ? diffObjects(entry.before ?? null, entry.after ?? null)
        : null;
    const content: AuditContent = {
      seq: last.length ? Number(last[0].seq) + 1 : 1,
      at: new Date().toISOString(),
      actor: p.name,
      actorKind: p.kind,
      roles: [...p.roles].sort(),
      memberScope: p.members === 'all' ? null : [...p.members],
      member: entry.member ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      changes:
        changes || entry.details ? { ...(changes ?? {}), ...(entry.details ? { details: entry.details } : {}) } : null,
      requestId: ctx?.requestId ?? null,
      sourceIp: ctx?.sourceIp ?? null,
      prevHash: last.length ? last[0].hash : GENESIS_HASH,
    };
    const hash = hashRecord(content);
    await m.query(
      `INSERT INTO vigie_audit (seq, at, actor, actor_kind, roles, member_scope, member, action, entity_type, entity_id, changes, request_id, source_ip, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        content.seq,
        content.at,
        content.actor,
        content.actorKind,
        content.roles,
        content.memberScope,
        content.member,
        content.action,
        content.entityType,
        content.entityId,
        content.changes === null ? null : JSON.stringify(content.changes),
        content.requestId,
        content.sourceIp,
        content.prevHash,
        hash,
      ],
    );
    return { ...content, hash };
  }

  async list(q: AuditQuery): Promise<AuditRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.from) add('at >= ?', q.from);
    if (q.to) add('at < ?', q.to);
    if (q.actor) add('actor = ?', q.actor);
    if (q.entityType) add('entity_type = ?', q.entityType);
    if (q.entityId) add('entity_id = ?', q.entityId);
    if (q.action) add('action = ?', q.action);
    if (q.afterSeq) add('seq > ?', q.afterSeq);
    if (q.members) add('member = ANY(?)', q.members);
    params.push(Math.min(q.limit ?? 100, 1000));
    const rows = await this.dataSource.query(
      `SELECT * FROM vigie_audit ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq ASC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toRecord);
  }

  /** Recompute the whole chain. */
  async verify(): Promise<{ ok: boolean; checked: number; firstBreak?: ChainBreak }> {
    const verifier = new ChainVerifier();
    let after = 0;
    for (;;) {
      const rows = await this.dataSource.query('SELECT * FROM vigie_audit WHERE seq > $1 ORDER BY seq ASC LIMIT 1000', [
        after,
      ]);
      if (!rows.length) break;
      const records = rows.map(toRecord);
      const problem = verifier.check(records);
      if (problem) return { ok: false, checked: verifier.checked, firstBreak: problem };
      after = records[records.length - 1].seq;
    }
    return { ok: true, checked: verifier.checked };
  }
}

function toRecord(r: Record<string, unknown>): AuditRecord {
  const at = r.at instanceof Date ? r.at.toISOString() : new Date(String(r.at)).toISOString();
  const changes = typeof r.changes === 'string' ? JSON.parse(r.changes) : (r.changes ?? null);
  return {
    seq: Number(r.seq),
    at,
    actor: String(r.actor),
    actorKind: String(r.actor_kind),
    roles: (r.roles as string[]) ?? [],
    memberScope: (r.member_scope as string[] | null) ?? null,
    member: (r.member as string | null) ?? null,
    action: String(r.action),
    entityType: String(r.entity_type),
    entityId: (r.entity_id as string | null) ?? null,
    changes,
    requestId: (r.request_id as string | null) ?? null,
    sourceIp: (r.source_ip as string | null) ?? null,
    prevHash: String(r.prev_hash),
    hash: String(r.hash),
  };
}
