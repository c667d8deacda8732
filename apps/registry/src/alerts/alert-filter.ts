import { levelRank } from '@vigie/triage';

/** Filters of the alert queue; every field optional, lists are OR-linked, fields AND-linked. */
export interface AlertFilter {
  status?: string[];
  level?: string[];
  rule?: string[];
  member?: string[];
  assignee?: string;
  /** Unassigned alerts only. */
  unassigned?: boolean;
  application?: string;
  personalData?: boolean;
  /** Alerts whose last event is at or after `from` and whose first event is before `to` (ISO 8601). */
  from?: string;
  to?: string;
  /** Words searched in the rule id and title, group key, hosts, tags, assignee and close comment. */
  text?: string;
  tag?: string;
}

/** Builds a parameterised WHERE clause; `scope` (member codes) is always applied when given. */
export class SqlWhere {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  add(sql: string, ...values: unknown[]): this {
    let out = sql;
    for (const v of values) {
      this.params.push(v);
      out = out.replace('?', `$${this.params.length}`);
    }
    this.clauses.push(out);
    return this;
  }

  param(v: unknown): string {
    this.params.push(v);
    return `$${this.params.length}`;
  }

  toString(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function alertWhere(f: AlertFilter, scope: string[] | undefined, opts: { skipStatus?: boolean } = {}): SqlWhere {
  const w = new SqlWhere();
  if (scope) w.add('members && ?::text[]', scope);
  if (f.status?.length && !opts.skipStatus) w.add('status = ANY(?)', f.status);
  if (f.level?.length) w.add('level_rank = ANY(?)', f.level.map(levelRank));
  if (f.rule?.length) w.add('rule_id = ANY(?)', f.rule);
  if (f.member?.length) w.add('members && ?::text[]', f.member);
  if (f.assignee) w.add('assignee = ?', f.assignee);
  if (f.unassigned) w.add('assignee IS NULL');
  if (f.application)
    w.add('(application_id = ? OR application_name ILIKE ?)', f.application, escapeLike(f.application));
  if (f.personalData !== undefined) w.add('personal_data = ?', f.personalData);
  if (f.from) w.add('last_seen >= ?', f.from);
  if (f.to) w.add('first_seen < ?', f.to);
  if (f.tag) w.add('? = ANY(tags)', f.tag);
  for (const word of (f.text ?? '').split(/\s+/).filter(Boolean).slice(0, 8)) {
    const p = w.param(`%${escapeLike(word)}%`);
    w.clauses.push(
      `(rule_title ILIKE ${p} OR rule_id ILIKE ${p} OR group_key ILIKE ${p} OR array_to_string(hosts, ' ') ILIKE ${p}
        OR array_to_string(tags, ' ') ILIKE ${p} OR coalesce(assignee, '') ILIKE ${p} OR coalesce(close_comment, '') ILIKE ${p})`,
    );
  }
  return w;
}
