import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { bytes, iso, numOrNull, Queryable, strOrNull } from './sql-values';

/** Chain-of-custody metadata of an evidence file. */
export interface Evidence {
  id: string;
  incidentId: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  description: string | null;
  uploadedBy: string;
  uploadedAt: string;
}

const COLUMNS = 'id, incident_id, filename, content_type, size_bytes, sha256, description, uploaded_by, uploaded_at';

function toEvidence(r: Record<string, unknown>): Evidence {
  return {
    id: String(r.id),
    incidentId: String(r.incident_id),
    filename: String(r.filename),
    contentType: String(r.content_type),
    sizeBytes: numOrNull(r.size_bytes) ?? 0,
    sha256: String(r.sha256),
    description: strOrNull(r.description),
    uploadedBy: String(r.uploaded_by),
    uploadedAt: iso(r.uploaded_at),
  };
}

/** Evidence files, stored in the database (bytea) so they travel with its backups; append-only. */
@Injectable()
export class EvidenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    m: Queryable,
    v: {
      incidentId: string;
      filename: string;
      contentType: string;
      sha256: string;
      content: Buffer;
      description: string | null;
      uploadedBy: string;
    },
  ): Promise<Evidence> {
    const rows = await m.query(
      `INSERT INTO vigie_incident_evidence (incident_id, filename, content_type, size_bytes, sha256, content, description, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [v.incidentId, v.filename, v.contentType, v.content.length, v.sha256, v.content, v.description, v.uploadedBy],
    );
    return toEvidence(rows[0]);
  }

  async list(incidentId: string, m: Queryable = this.dataSource): Promise<Evidence[]> {
    const rows = await m.query(
      `SELECT ${COLUMNS} FROM vigie_incident_evidence WHERE incident_id = $1 ORDER BY uploaded_at, id`,
      [incidentId],
    );
    return rows.map(toEvidence);
  }

  async get(incidentId: string, id: string, m: Queryable = this.dataSource): Promise<Evidence | undefined> {
    const rows = await m.query(`SELECT ${COLUMNS} FROM vigie_incident_evidence WHERE incident_id = $1 AND id = $2`, [
      incidentId,
      id,
    ]);
    return rows[0] ? toEvidence(rows[0]) : undefined;
  }

  async content(incidentId: string, id: string, m: Queryable = this.dataSource): Promise<Buffer | undefined> {
    const rows = await m.query('SELECT content FROM vigie_incident_evidence WHERE incident_id = $1 AND id = $2', [
      incidentId,
      id,
    ]);
    return rows[0] ? bytes(rows[0].content) : undefined;
  }
}
