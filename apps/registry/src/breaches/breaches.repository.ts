import { Injectable } from '@nestjs/common';
import { returnedRows } from '@vigie/database';
import { NotificationPhase, RiskLevel } from '@vigie/isms';
import { DataSource } from 'typeorm';
import { iso, isoOrNull, numOrNull, Queryable, strOrNull } from '../incidents/sql-values';
import { Breach, BreachController, BreachNotice, BreachNotification } from './breach.types';

const BREACH_COLUMNS =
  'id, incident_id, consortium_aware_at, nature, subjects_approx, records_approx, opened_by, opened_at, updated_at';

function toBreach(r: Record<string, unknown>): Breach {
  return {
    id: String(r.id),
    incidentId: String(r.incident_id),
    consortiumAwareAt: iso(r.consortium_aware_at),
    nature: String(r.nature),
    subjectsApprox: numOrNull(r.subjects_approx),
    recordsApprox: numOrNull(r.records_approx),
    openedBy: String(r.opened_by),
    openedAt: iso(r.opened_at),
    updatedAt: iso(r.updated_at),
  };
}

function toController(r: Record<string, unknown>): BreachController & { breachId: string } {
  return {
    breachId: String(r.breach_id),
    member: String(r.member),
    awareAt: isoOrNull(r.aware_at),
    awareRecordedBy: strOrNull(r.aware_recorded_by),
    assessment: r.risk
      ? {
          risk: r.risk as RiskLevel,
          rationale: String(r.risk_rationale ?? ''),
          encrypted: Boolean(r.encrypted),
          mitigated: Boolean(r.mitigated),
          disproportionateEffort: Boolean(r.disproportionate_effort),
          assessedBy: String(r.assessed_by),
          assessedAt: iso(r.assessed_at),
        }
      : null,
    subjectCommunication: r.subjects_told_at
      ? {
          sentAt: iso(r.subjects_told_at),
          method: String(r.subjects_told_method),
          content: String(r.subjects_told_content ?? ''),
        }
      : null,
  };
}

function toNotice(r: Record<string, unknown>): BreachNotice & { breachId: string } {
  return {
    breachId: String(r.breach_id),
    id: String(r.id),
    member: String(r.member),
    sentAt: iso(r.sent_at),
    sentBy: String(r.sent_by),
    channel: strOrNull(r.channel),
    content: String(r.content),
    recordedBy: String(r.recorded_by),
    recordedAt: iso(r.recorded_at),
  };
}

function toNotification(r: Record<string, unknown>): BreachNotification & { breachId: string } {
  return {
    breachId: String(r.breach_id),
    id: String(r.id),
    member: String(r.member),
    phase: r.phase as NotificationPhase,
    sentAt: iso(r.sent_at),
    cnilReference: strOrNull(r.cnil_reference),
    nature: strOrNull(r.nature),
    subjectsApprox: numOrNull(r.subjects_approx),
    recordsApprox: numOrNull(r.records_approx),
    dpoContact: strOrNull(r.dpo_contact),
    consequences: strOrNull(r.consequences),
    measures: strOrNull(r.measures),
    late: Boolean(r.late),
    lateJustification: strOrNull(r.late_justification),
    recordedBy: String(r.recorded_by),
    recordedAt: iso(r.recorded_at),
  };
}

/** Breaches and their per-controller records. Callers scope by incident and member. */
@Injectable()
export class BreachesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async byIncident(incidentId: string, m: Queryable = this.dataSource, lock = false): Promise<Breach | undefined> {
    const rows = await m.query(
      `SELECT ${BREACH_COLUMNS} FROM vigie_breaches WHERE incident_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [incidentId],
    );
    return rows[0] ? toBreach(rows[0]) : undefined;
  }

  async insert(
    m: Queryable,
    v: {
      incidentId: string;
      consortiumAwareAt: string;
      nature: string;
      subjectsApprox: number | null;
      recordsApprox: number | null;
      openedBy: string;
    },
  ): Promise<Breach> {
    const rows = await m.query(
      `INSERT INTO vigie_breaches (incident_id, consortium_aware_at, nature, subjects_approx, records_approx, opened_by) VALUES ($1,$2,$3,$4,$5,$6) RETURNING ${BREACH_COLUMNS}`,
      [v.incidentId, v.consortiumAwareAt, v.nature, v.subjectsApprox, v.recordsApprox, v.openedBy],
    );
    return toBreach(rows[0]);
  }

  async update(m: Queryable, id: string, values: Record<string, unknown>): Promise<Breach> {
    const cols = Object.keys(values);
    const rows = returnedRows(
      await m.query(
        `UPDATE vigie_breaches SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}${cols.length ? ',' : ''} updated_at = now() WHERE id = $1 RETURNING ${BREACH_COLUMNS}`,
        [id, ...cols.map((c) => values[c])],
      ),
    );
    return toBreach(rows[0]);
  }

  async addController(m: Queryable, breachId: string, member: string): Promise<void> {
    await m.query('INSERT INTO vigie_breach_controllers (breach_id, member) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      breachId,
      member,
    ]);
  }

  async updateController(
    m: Queryable,
    breachId: string,
    member: string,
    values: Record<string, unknown>,
  ): Promise<void> {
    const cols = Object.keys(values);
    await m.query(
      `UPDATE vigie_breach_controllers SET ${cols.map((c, i) => `${c} = $${i + 3}`).join(', ')} WHERE breach_id = $1 AND member = $2`,
      [breachId, member, ...cols.map((c) => values[c])],
    );
  }

  /** Controllers of the given breaches, limited to the members in scope. */
  async controllers(
    m: Queryable,
    breachIds: string[],
    scope: string[] | undefined,
  ): Promise<Array<BreachController & { breachId: string }>> {
    if (!breachIds.length) return [];
    const rows = await m.query(
      `SELECT * FROM vigie_breach_controllers WHERE breach_id = ANY($1) ${scope ? 'AND member = ANY($2)' : ''} ORDER BY member`,
      scope ? [breachIds, scope] : [breachIds],
    );
    return rows.map(toController);
  }

  async insertNotice(
    m: Queryable,
    v: Omit<BreachNotice, 'id' | 'recordedAt'> & { breachId: string },
  ): Promise<BreachNotice> {
    const rows = await m.query(
      `INSERT INTO vigie_breach_notices (breach_id, member, sent_at, sent_by, channel, content, recorded_by) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING *`,
      [v.breachId, v.member, v.sentAt, v.sentBy, v.channel, v.content, v.recordedBy],
    );
    return toNotice(rows[0]);
  }

  async notices(
    m: Queryable,
    breachIds: string[],
    scope: string[] | undefined,
  ): Promise<Array<BreachNotice & { breachId: string }>> {
    if (!breachIds.length) return [];
    const rows = await m.query(
      `SELECT * FROM vigie_breach_notices WHERE breach_id = ANY($1) ${scope ? 'AND member = ANY($2)' : ''} ORDER BY sent_at, recorded_at`,
      scope ? [breachIds, scope] : [breachIds],
    );
    return rows.map(toNotice);
  }

  async insertNotification(
    m: Queryable,
    v: Omit<BreachNotification, 'id' | 'recordedAt'> & { breachId: string },
  ): Promise<BreachNotification> {
    const rows = await m.query(
      `INSERT INTO vigie_breach_notifications (breach_id, member, phase, sent_at, cnil_reference, nature, subjects_approx, records_approx, dpo_contact,
         consequences, measures, late, late_justification, recorded_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) RETURNING *`,
      [
        v.breachId,
        v.member,
        v.phase,
        v.sentAt,
        v.cnilReference,
        v.nature,
        v.subjectsApprox,
        v.recordsApprox,
        v.dpoContact,
        v.consequences,
        v.measures,
        v.late,
        v.lateJustification,
        v.recordedBy,
      ],
    );
    return toNotification(rows[0]);
  }

  async notifications(
    m: Queryable,
    breachIds: string[],
    scope: string[] | undefined,
  ): Promise<Array<BreachNotification & { breachId: string }>> {
    if (!breachIds.length) return [];
    const rows = await m.query(
      `SELECT * FROM vigie_breach_notifications WHERE breach_id = ANY($1) ${scope ? 'AND member = ANY($2)' : ''} ORDER BY sent_at, recorded_at`,
      scope ? [breachIds, scope] : [breachIds],
    );
    return rows.map(toNotification);
  }

  /** Every breach with a controller among `members` (all breaches when undefined). */
  async breachesOfMembers(
    members: string[] | undefined,
    m: Queryable = this.dataSource,
  ): Promise<Array<Breach & { reference: string }>> {
    const rows = await m.query(
      `SELECT b.id, b.incident_id, b.consortium_aware_at, b.nature, b.subjects_approx, b.records_approx, b.opened_by, b.opened_at, b.updated_at, i.reference
       FROM vigie_breaches b JOIN vigie_incidents i ON i.id = b.incident_id
       ${members ? 'WHERE EXISTS (SELECT 1 FROM vigie_breach_controllers c WHERE c.breach_id = b.id AND c.member = ANY($1))' : ''}
       ORDER BY b.consortium_aware_at DESC`,
      members ? [members] : [],
    );
    return rows.map((r: Record<string, unknown>) => ({ ...toBreach(r), reference: String(r.reference) }));
  }
}
