import { Injectable } from '@nestjs/common';
import { returnedRows } from '@vigie/database';
import { ActionSource, ActionStatus, ReviewResult } from '@vigie/isms';
import { DataSource } from 'typeorm';
import { scopeCondition } from '../incidents/incidents.repository';
import { dateOrNull, iso, isoOrNull, Queryable, strOrNull } from '../incidents/sql-values';

export interface EffectivenessReview {
  date: string;
  method: string;
  result: ReviewResult;
  reviewer: string;
  notes: string | null;
}

export interface CorrectiveAction {
  id: string;
  source: ActionSource;
  incidentId: string | null;
  incident: string | null;
  member: string | null;
  title: string;
  nonconformity: string;
  correction: string | null;
  rootCause: string | null;
  action: string;
  owner: string;
  dueDate: string | null;
  status: ActionStatus;
  review: EffectivenessReview | null;
  closedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

const COLUMNS = `a.id, a.source, a.incident_id, i.reference AS incident_reference, a.member, a.title, a.nonconformity, a.correction, a.root_cause,
  a.action, a.owner, a.due_date::text AS due_date, a.status, a.review_date::text AS review_date, a.review_method, a.review_result, a.reviewer,
  a.review_notes, a.closed_at, a.created_by, a.created_at, a.updated_at`;
const FROM = 'vigie_corrective_actions a LEFT JOIN vigie_incidents i ON i.id = a.incident_id';

function toAction(r: Record<string, unknown>): CorrectiveAction {
  return {
    id: String(r.id),
    source: r.source as ActionSource,
    incidentId: strOrNull(r.incident_id),
    incident: strOrNull(r.incident_reference),
    member: strOrNull(r.member),
    title: String(r.title),
    nonconformity: String(r.nonconformity),
    correction: strOrNull(r.correction),
    rootCause: strOrNull(r.root_cause),
    action: String(r.action),
    owner: String(r.owner),
    dueDate: dateOrNull(r.due_date),
    status: r.status as ActionStatus,
    review: r.review_result
      ? {
          date: dateOrNull(r.review_date)!,
          method: String(r.review_method),
          result: r.review_result as ReviewResult,
          reviewer: String(r.reviewer),
          notes: strOrNull(r.review_notes),
        }
      : null,
    closedAt: isoOrNull(r.closed_at),
    createdBy: String(r.created_by),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export interface ActionFilter {
  status?: string;
  incidentId?: string;
  member?: string;
  overdueOn?: string;
}

/** Corrective actions; in scope when their member is, or their incident affects a member in scope. */
@Injectable()
export class CorrectiveActionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private scopeSql(param: number): string {
    return `(a.member = ANY($${param}) OR (a.incident_id IS NOT NULL AND ${scopeCondition('i', param)}))`;
  }

  async list(
    f: ActionFilter,
    scope: string[] | undefined,
    m: Queryable = this.dataSource,
  ): Promise<CorrectiveAction[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (scope) {
      params.push(scope);
      where.push(this.scopeSql(params.length));
    }
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.status) add('a.status = ?', f.status);
    if (f.incidentId) add('a.incident_id = ?', f.incidentId);
    if (f.member) add('a.member = ?', f.member);
    if (f.overdueOn) add(`a.due_date < ?::date AND a.status NOT IN ('closed', 'cancelled')`, f.overdueOn);
    const rows = await m.query(
      `SELECT ${COLUMNS} FROM ${FROM} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY a.due_date ASC NULLS LAST, a.created_at`,
      params,
    );
    return rows.map(toAction);
  }

  async find(
    id: string,
    scope: string[] | undefined,
    m: Queryable = this.dataSource,
    lock = false,
  ): Promise<CorrectiveAction | undefined> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
    const params: unknown[] = [id];
    if (scope) params.push(scope);
    const rows = await m.query(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE a.id = $1 ${scope ? `AND ${this.scopeSql(2)}` : ''}${lock ? ' FOR UPDATE OF a' : ''}`,
      params,
    );
    return rows[0] ? toAction(rows[0]) : undefined;
  }

  async insert(m: Queryable, values: Record<string, unknown>): Promise<string> {
    const cols = Object.keys(values);
    const rows = await m.query(
      `INSERT INTO vigie_corrective_actions (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      cols.map((c) => values[c]),
    );
    return String(rows[0].id);
  }

  async update(m: Queryable, id: string, values: Record<string, unknown>): Promise<void> {
    const cols = Object.keys(values);
    returnedRows(
      await m.query(
        `UPDATE vigie_corrective_actions SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1 RETURNING id`,
        [id, ...cols.map((c) => values[c])],
      ),
    );
  }
}
