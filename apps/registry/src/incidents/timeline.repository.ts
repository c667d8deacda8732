import { Injectable } from '@nestjs/common';
import { IncidentStatus, phaseOf, Phase, TimelineKind } from '@vigie/isms';
import { DataSource } from 'typeorm';
import { iso, strOrNull, Queryable } from './sql-values';

export interface TimelineEntry {
  id: string;
  seq: number;
  kind: TimelineKind;
  /** Status of the incident when the entry was recorded, and its response phase. */
  status: IncidentStatus;
  phase: Phase;
  body: string;
  occurredAt: string;
  recordedAt: string;
  author: string;
  /** The entry this one corrects: entries are never edited. */
  corrects: string | null;
  evidenceId: string | null;
}

export interface NewTimelineEntry {
  kind: TimelineKind;
  status: IncidentStatus;
  body: string;
  author: string;
  occurredAt?: string | null;
  corrects?: string | null;
  evidenceId?: string | null;
}

const COLUMNS = 'id, seq, kind, status, phase, body, occurred_at, recorded_at, author, corrects, evidence_id';

function toEntry(r: Record<string, unknown>): TimelineEntry {
  return {
    id: String(r.id),
    seq: Number(r.seq),
    kind: r.kind as TimelineKind,
    status: r.status as IncidentStatus,
    phase: r.phase as Phase,
    body: String(r.body),
    occurredAt: iso(r.occurred_at),
    recordedAt: iso(r.recorded_at),
    author: String(r.author),
    corrects: strOrNull(r.corrects),
    evidenceId: strOrNull(r.evidence_id),
  };
}

/** The append-only timeline of an incident (the table refuses UPDATE and DELETE). */
@Injectable()
export class TimelineRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends an entry; call with the incident row locked so numbering is gap-free. */
  async append(m: Queryable, incidentId: string, e: NewTimelineEntry): Promise<TimelineEntry> {
    const rows = await m.query(
      `INSERT INTO vigie_incident_timeline (incident_id, seq, kind, status, phase, body, occurred_at, author, corrects, evidence_id)
       SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5, COALESCE($6::timestamptz, now()), $7, $8, $9
       FROM vigie_incident_timeline WHERE incident_id = $1
       RETURNING ${COLUMNS}`,
      [
        incidentId,
        e.kind,
        e.status,
        phaseOf(e.status),
        e.body,
        e.occurredAt ?? null,
        e.author,
        e.corrects ?? null,
        e.evidenceId ?? null,
      ],
    );
    return toEntry(rows[0]);
  }

  async list(incidentId: string, m: Queryable = this.dataSource): Promise<TimelineEntry[]> {
    const rows = await m.query(`SELECT ${COLUMNS} FROM vigie_incident_timeline WHERE incident_id = $1 ORDER BY seq`, [
      incidentId,
    ]);
    return rows.map(toEntry);
  }

  async exists(m: Queryable, incidentId: string, entryId: string): Promise<boolean> {
    const rows = await m.query('SELECT 1 FROM vigie_incident_timeline WHERE incident_id = $1 AND id = $2', [
      incidentId,
      entryId,
    ]);
    return rows.length > 0;
  }
}
