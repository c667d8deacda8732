import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The hashed content of one audit record. */
export interface AuditContent {
  seq: number;
  at: string;
  actor: string;
  actorKind: string;
  roles: string[];
  memberScope: string[] | null;
  member: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: Record<string, unknown> | null;
  requestId: string | null;
  sourceIp: string | null;
  prevHash: string;
}

export interface AuditRecord extends AuditContent {
  hash: string;
}

/** Hash of the first record's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 over the RFC 8785 canonical JSON of the content (which includes the previous hash). */
export function hashRecord(content: AuditContent): string {
  const json = canonicalize(content);
  if (json === undefined) throw new Error('audit record cannot be serialised');
  return createHash('sha256').update(json, 'utf8').digest('hex');
}

export type ChainBreak =
  | { seq: number; problem: 'hash_mismatch'; detail: string }
  | { seq: number; problem: 'prev_hash_mismatch'; detail: string }
  | { seq: number; problem: 'missing_records'; detail: string };

/**
 * Checks records in order, continuing from the previous batch's last record.
 * Returns the first break, or undefined.
 */
export class ChainVerifier {
  private prevHash = GENESIS_HASH;
  private prevSeq = 0;
  checked = 0;

  check(records: AuditRecord[]): ChainBreak | undefined {
    for (const r of records) {
      if (r.seq !== this.prevSeq + 1) {
        return {
          seq: this.prevSeq + 1,
          problem: 'missing_records',
          detail: `records ${this.prevSeq + 1}..${r.seq - 1} are missing (deleted?)`,
        };
      }
      if (r.prevHash !== this.prevHash) {
        return {
          seq: r.seq,
          problem: 'prev_hash_mismatch',
          detail: `record ${r.seq} does not follow record ${this.prevSeq}`,
        };
      }
      const { hash, ...content } = r;
      const expected = hashRecord(content);
      if (expected !== hash) {
        return {
          seq: r.seq,
          problem: 'hash_mismatch',
          detail: `record ${r.seq} was modified (stored ${hash.slice(0, 12)}…, computed ${expected.slice(0, 12)}…)`,
        };
      }
      this.prevHash = hash;
      this.prevSeq = r.seq;
      this.checked++;
    }
    return undefined;
  }
}

/** Field-level changes between two versions of an object: `{field: {from, to}}`. */
export function diffObjects(
  before: unknown,
  after: unknown,
  prefix = '',
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  const isObj = (v: unknown): v is Record<string, unknown> =>
    !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
  const absent = (v: unknown) => v === null || v === undefined;
  if ((isObj(before) || absent(before)) && (isObj(after) || absent(after)) && (isObj(before) || isObj(after))) {
    const b = (before ?? {}) as Record<string, unknown>;
    const a = (after ?? {}) as Record<string, unknown>;
    for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
      Object.assign(out, diffObjects(b[key], a[key], prefix ? `${prefix}.${key}` : key));
    }
    return out;
  }
  const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : v === undefined ? null : v);
  if (JSON.stringify(norm(before)) !== JSON.stringify(norm(after)))
    out[prefix || '.'] = { from: norm(before), to: norm(after) };
  return out;
}
