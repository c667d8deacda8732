import { DataSource } from 'typeorm';
import { bytes, iso, isoOrNull, json, numOrNull, strOrNull } from '../incidents/sql-values';

export type ExportStatus = 'running' | 'done' | 'failed';

export interface ExportProgress {
  done: number;
  total: number;
  step: string;
  percent: number;
}

/** An evidence export as stored, without its ZIP. */
export interface ExportRow {
  id: string;
  owner: string;
  createdBy: string;
  member: string | null;
  period: { from: string; to: string };
  status: ExportStatus;
  progress: ExportProgress;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  size: number | null;
  sha256: string | null;
  error: { code: string; message: string } | null;
}

const COLUMNS = `id, owner, created_by, member, period_from, period_to, status, progress, created_at, updated_at,
  finished_at, size_bytes, sha256, error`;

function toRow(r: Record<string, unknown>): ExportRow {
  return {
    id: String(r.id),
    owner: String(r.owner),
    createdBy: String(r.created_by),
    member: strOrNull(r.member),
    period: { from: iso(r.period_from), to: iso(r.period_to) },
    status: r.status as ExportStatus,
    progress: json<ExportProgress>(r.progress),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    finishedAt: isoOrNull(r.finished_at),
    size: numOrNull(r.size_bytes),
    sha256: strOrNull(r.sha256),
    error: r.error === null || r.error === undefined ? null : json<{ code: string; message: string }>(r.error),
  };
}

/** `vigie_evidence_exports`: evidence export jobs and their signed ZIPs (plain SQL, PostgreSQL and PGlite). */
export class EvidenceExportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(v: {
    id: string;
    owner: string;
    createdBy: string;
    member: string | null;
    period: { from: string; to: string };
    progress: ExportProgress;
  }): Promise<ExportRow> {
    const rows = await this.dataSource.query(
      `INSERT INTO vigie_evidence_exports (id, owner, created_by, member, period_from, period_to, status, progress)
       VALUES ($1, $2, $3, $4, $5, $6, 'running', $7::jsonb) RETURNING ${COLUMNS}`,
      [v.id, v.owner, v.createdBy, v.member, v.period.from, v.period.to, JSON.stringify(v.progress)],
    );
    return toRow(rows[0]);
  }

  async progress(id: string, progress: ExportProgress): Promise<void> {
    await this.dataSource.query(
      `UPDATE vigie_evidence_exports SET progress = $2::jsonb, updated_at = now() WHERE id = $1 AND status = 'running'`,
      [id, JSON.stringify(progress)],
    );
  }

  async finish(id: string, v: { zip: Buffer; sha256: string; progress: ExportProgress }): Promise<void> {
    await this.dataSource.query(
      `UPDATE vigie_evidence_exports SET status = 'done', zip = $2, size_bytes = $3, sha256 = $4, progress = $5::jsonb,
         finished_at = now(), updated_at = now() WHERE id = $1`,
      [id, v.zip, v.zip.length, v.sha256, JSON.stringify(v.progress)],
    );
  }

  async fail(id: string, error: { code: string; message: string }): Promise<void> {
    await this.dataSource.query(
      `UPDATE vigie_evidence_exports SET status = 'failed', error = $2::jsonb, finished_at = now(), updated_at = now()
       WHERE id = $1`,
      [id, JSON.stringify(error)],
    );
  }

  async get(id: string): Promise<ExportRow | undefined> {
    const rows = await this.dataSource.query(`SELECT ${COLUMNS} FROM vigie_evidence_exports WHERE id = $1`, [id]);
    return rows[0] ? toRow(rows[0]) : undefined;
  }

  /** Newest first; `owner` undefined: everyone's. */
  async list(owner: string | undefined, limit: number): Promise<ExportRow[]> {
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM vigie_evidence_exports ${owner === undefined ? '' : 'WHERE owner = $2'}
       ORDER BY created_at DESC, id DESC LIMIT $1`,
      owner === undefined ? [limit] : [limit, owner],
    );
    return rows.map(toRow);
  }

  async zip(id: string): Promise<Buffer | undefined> {
    const rows = await this.dataSource.query('SELECT zip FROM vigie_evidence_exports WHERE id = $1', [id]);
    return rows[0]?.zip ? bytes(rows[0].zip) : undefined;
  }
}
