import { Injectable } from '@nestjs/common';
import { returnedRows } from '@vigie/database';
import { DataSource, EntityManager } from 'typeorm';
import { AlertFilter, alertWhere } from './alert-filter';
import { Alert, ALERT_COLUMNS, AlertHistoryEntry, toAlert, toHistory, UUID } from './alert.types';

type Db = EntityManager | DataSource;

export interface NewAlert {
  ruleId: string;
  ruleTitle: string;
  ruleTags: string[];
  level: string;
  levelRank: number;
  kind: string;
  groupKey: string;
  groupValues: Record<string, string>;
  member: string;
  members: string[];
  hosts: string[];
  applicationId: string | null;
  applicationName: string | null;
  personalData: boolean;
  count: number;
  firstSeen: string;
  lastSeen: string;
  sampleEventIds: string[];
}

export interface HistoryInput {
  actor: string;
  action: string;
  field?: string | null;
  from?: string | null;
  to?: string | null;
  comment?: string | null;
}

export interface AlertPage {
  items: Alert[];
  total: number;
  counts: Record<string, number>;
}

/** Alerts and their history, always read through a member scope (`undefined` = all members). */
@Injectable()
export class AlertsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async get(
    id: string,
    scope: string[] | undefined,
    m: Db = this.dataSource,
    lock = false,
  ): Promise<Alert | undefined> {
    if (!UUID.test(id)) return undefined;
    const rows = scope
      ? await m.query(
          `SELECT ${ALERT_COLUMNS} FROM vigie_alerts WHERE id = $1 AND members && $2::text[]${lock ? ' FOR UPDATE' : ''}`,
          [id, scope],
        )
      : await m.query(`SELECT ${ALERT_COLUMNS} FROM vigie_alerts WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ? toAlert(rows[0]) : undefined;
  }

  async list(f: AlertFilter, scope: string[] | undefined, limit: number, offset: number): Promise<AlertPage> {
    const w = alertWhere(f, scope);
    const lim = w.param(limit);
    const off = w.param(offset);
    const rows = await this.dataSource.query(
      `SELECT ${ALERT_COLUMNS}, count(*) OVER () AS total FROM vigie_alerts ${w}
       ORDER BY level_rank DESC, last_seen DESC, id LIMIT ${lim} OFFSET ${off}`,
      w.params,
    );
    let total = rows.length ? Number(rows[0].total) : 0;
    const cw = alertWhere(f, scope, { skipStatus: true });
    const countRows: Array<{ status: string; n: string }> = await this.dataSource.query(
      `SELECT status, count(*) AS n FROM vigie_alerts ${cw} GROUP BY status`,
      cw.params,
    );
    const counts: Record<string, number> = { open: 0, acknowledged: 0, in_progress: 0, closed: 0 };
    for (const c of countRows) counts[c.status] = Number(c.n);
    if (!rows.length && offset > 0) {
      const tw = alertWhere(f, scope);
      total = Number((await this.dataSource.query(`SELECT count(*) AS n FROM vigie_alerts ${tw}`, tw.params))[0].n);
    }
    return { items: rows.map(toAlert), total, counts };
  }

  /** Ids matching a filter (bulk actions), at most `limit`. */
  async ids(f: AlertFilter, scope: string[] | undefined, limit: number, m: Db = this.dataSource): Promise<string[]> {
    const w = alertWhere(f, scope);
    const rows: Array<{ id: string }> = await m.query(
      `SELECT id FROM vigie_alerts ${w} ORDER BY level_rank DESC, last_seen DESC, id LIMIT ${w.param(limit)}`,
      w.params,
    );
    return rows.map((r) => r.id);
  }

  async history(id: string, m: Db = this.dataSource): Promise<AlertHistoryEntry[]> {
    const rows = await m.query('SELECT * FROM vigie_alert_history WHERE alert_id = $1 ORDER BY id', [id]);
    return rows.map(toHistory);
  }

  async addHistory(m: EntityManager, alertId: string, h: HistoryInput): Promise<void> {
    await m.query(
      `INSERT INTO vigie_alert_history (alert_id, actor, action, field, from_value, to_value, comment) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
      [alertId, h.actor, h.action, h.field ?? null, h.from ?? null, h.to ?? null, h.comment ?? null],
    );
  }

  /**
   * Record that the detector added events: consecutive `events_added` entries of the sink are folded into one
   * (first count → latest count), so that a long correlation does not flood the history.
   */
  async addEventsHistory(m: EntityManager, alertId: string, actor: string, from: number, to: number): Promise<void> {
    const last: Array<{ id: string; action: string; actor: string }> = await m.query(
      'SELECT id, action, actor FROM vigie_alert_history WHERE alert_id = $1 ORDER BY id DESC LIMIT 1',
      [alertId],
    );
    if (last[0] && last[0].action === 'events_added' && last[0].actor === actor) {
      await m.query('UPDATE vigie_alert_history SET to_value = $2, at = now() WHERE id = $1', [last[0].id, String(to)]);
      return;
    }
    await this.addHistory(m, alertId, {
      actor,
      action: 'events_added',
      field: 'count',
      from: String(from),
      to: String(to),
    });
  }

  async insert(m: EntityManager, a: NewAlert): Promise<Alert> {
    const rows = await m.query(
      `INSERT INTO vigie_alerts (rule_id, rule_title, rule_tags, level, level_rank, kind, group_key, group_values, member, members,
         hosts, application_id, application_name, personal_data, count, first_seen, last_seen, sample_event_ids)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18) RETURNING ${ALERT_COLUMNS}`,
      [
        a.ruleId,
        a.ruleTitle,
        a.ruleTags,
        a.level,
        a.levelRank,
        a.kind,
        a.groupKey,
        JSON.stringify(a.groupValues),
        a.member,
        a.members,
        a.hosts,
        a.applicationId,
        a.applicationName,
        a.personalData,
        a.count,
        a.firstSeen,
        a.lastSeen,
        a.sampleEventIds,
      ],
    );
    return toAlert(rows[0]);
  }

  /** Set columns (snake_case names) of one alert and return it. */
  async set(m: EntityManager, id: string, columns: Record<string, unknown>): Promise<Alert> {
    const names = Object.keys(columns);
    const assignments = names.map((c, i) => `${c} = $${i + 2}`);
    const rows = returnedRows(
      await m.query(
        `UPDATE vigie_alerts SET ${[...assignments, 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING ${ALERT_COLUMNS}`,
        [id, ...names.map((c) => columns[c])],
      ),
    );
    return toAlert(rows[0]);
  }
}
