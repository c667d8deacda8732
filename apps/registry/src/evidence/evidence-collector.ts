import { AuditRecord, AuditTrail, ChainVerifier } from '@vigie/audit';
import { EvidenceItem } from '@vigie/evidence';
import { EventStore } from '@vigie/event-store';
import { AssetMap } from '@vigie/ingestion/enrichment/asset-map';
import { Metrics } from '@vigie/observability';
import { DataSource } from 'typeorm';
import { ApplicationsRepository } from '../applications/applications.repository';
import { IncidentsRepository } from '../incidents/incidents.repository';
import { IncidentsService } from '../incidents/incidents.service';
import { IsmsClock } from '../incidents/isms-clock';
import { SqlRegistryImpactSource } from '../incidents/impact/sql-registry-impact.source';
import { TimelineRepository } from '../incidents/timeline.repository';
import { incidentLogCsv } from '../incident-reports/incident-log.export';
import { ProcessingActivitiesRepository } from '../processing-activities/processing-activities.repository';
import { ProcessingActivitiesService } from '../processing-activities/processing-activities.service';
import { ProcessorRegisterService } from '../processor-register/processor-register.service';
import { ReferenceDataRepository } from '../reference-data/reference-data.repository';
import { RegisterService } from '../register-exports/register.service';
import { attackCoverage, attackTagsOf } from '../rules/attack-coverage';
import { alertStats, AlertRow } from './alert-statistics';
import { csv, iso, json, noData, renderPlainPdf, tableItem } from './evidence-format';

export interface CollectRequest {
  from: string;
  to: string;
  /** Member codes in the export; all members when the scope is all. */
  members: string[];
  /** True when the export covers every member (no member filter in SQL). */
  allMembers: boolean;
}

export type Progress = (done: number, total: number, step: string) => void;

const SILENT_AFTER_SECONDS = 24 * 3600;

/**
 * Gathers every evidence item of a bundle from the database (and the event
 * store when there is one). Rows are sorted and times are UTC so that the same
 * data and period give the same bytes. Runs inside a request context whose
 * principal may read the members in the request.
 */
/** A source whose clock is further than this from the time of receipt is flagged (ANSSI measure 15/36). */
const TIME_SKEW_LIMIT_SECONDS = 60;

export class EvidenceCollector {
  private readonly registers: RegisterService;
  private readonly incidents: IncidentsService;
  private readonly incidentsRepo: IncidentsRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditTrail,
    private readonly store: EventStore | undefined,
  ) {
    const activityRepo = new ProcessingActivitiesRepository(ds);
    const apps = new ApplicationsRepository(ds);
    const reference = new ReferenceDataRepository(ds);
    const activities = new ProcessingActivitiesService(activityRepo, apps, reference, ds, audit);
    const processor = new ProcessorRegisterService(apps, activityRepo, activities);
    this.registers = new RegisterService(activities, activityRepo, apps, reference, processor, ds);
    this.incidentsRepo = new IncidentsRepository(ds);
    this.incidents = new IncidentsService(
      this.incidentsRepo,
      new TimelineRepository(ds),
      new SqlRegistryImpactSource(ds),
      new IsmsClock(),
      ds,
      audit,
    );
  }

  async collect(req: CollectRequest, progress: Progress = () => undefined): Promise<EvidenceItem[]> {
    const steps: Array<[string, () => Promise<EvidenceItem>]> = [
      ['registers', () => this.memberRegisters(req)],
      ['processor-register', () => this.processorRegister(req)],
      ['incident-log', () => this.incidentLog(req)],
      ['corrective-actions', () => this.correctiveActions(req)],
      ['breach-registers', () => this.breachRegisters(req)],
      ['alert-stats', () => this.alertStatistics(req)],
      ['rules', () => this.rules()],
      ['log-sources', () => this.logSources(req)],
      ['time-sync', () => this.timeSync(req)],
      ['retention', () => this.retention(req)],
      ['access-review', () => this.accessReview(req)],
      ['audit-trail', () => this.auditTrail(req)],
    ];
    const out: EvidenceItem[] = [];
    for (const [i, [name, step]] of steps.entries()) {
      progress(i, steps.length, name);
      out.push(await step());
    }
    progress(steps.length, steps.length, 'done');
    return out;
  }

  private scopeSql(req: CollectRequest, column: string, param: number): string {
    return req.allMembers ? 'TRUE' : `${column} = ANY($${param})`;
  }

  private async memberRegisters(req: CollectRequest): Promise<EvidenceItem> {
    const files = [];
    let records = 0;
    const pinned = new Date(req.to);
    for (const member of [...req.members].sort()) {
      const reg = await this.registers.register(member);
      records += reg.activities.length;
      files.push({
        path: `registers/${member}/register.csv`,
        body: (await this.registers.exportRegister(member, 'csv')).body,
      });
      const acts = [...reg.activities].sort((a, b) =>
        a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0,
      );
      const pdf = await renderPlainPdf(
        'Registre des activités de traitement',
        [
          reg.controller.name,
          ...(reg.controller.siren ? [`SIREN ${reg.controller.siren}`] : []),
          'Article 30.1 du RGPD',
          `${acts.length} fiche(s)`,
        ],
        acts.map((a) => ({
          title: `${a.reference} - ${a.name}`,
          lines: [
            ['Statut', `${a.status} (version ${a.version})`],
            ['Finalités', a.purposes.join(' ; ')],
            ['Base légale', a.legalBasis],
            [
              'Catégories de données',
              a.dataCategories.map((d) => `${d.code} (${d.retentionPeriod ?? '?'})`).join(' ; '),
            ],
            ['Destinataires', a.recipients.map((r) => r.name).join(' ; ')],
            ['Applications', a.applications.map((x) => x.name).join(' ; ')],
            ['AIPD', `${a.dpiaAssessment.required ? 'requise' : 'non requise'} - ${a.dpia.status}`],
            ['Prochaine revue', a.nextReviewDate],
          ],
        })),
        pinned,
      );
      files.push({ path: `registers/${member}/register.pdf`, body: pdf });
    }
    if (!files.length) files.push({ path: 'registers/no-data.txt', body: noData('member in scope', req) });
    return {
      id: 'registers',
      title: 'Records of processing activities (art. 30.1), per member',
      empty: records === 0,
      files,
    };
  }

  private async processorRegister(req: CollectRequest): Promise<EvidenceItem> {
    const file = await this.registers.exportProcessorRegister(
      req.allMembers ? undefined : req.members.length === 1 ? req.members[0] : undefined,
      'csv',
    );
    const lines = file.body
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    return {
      id: 'processor-register',
      title: 'Processor register (art. 30.2)',
      empty: lines.length <= 1,
      files: [{ path: 'registers/processor-register.csv', body: file.body }],
    };
  }

  private async incidentLog(req: CollectRequest): Promise<EvidenceItem> {
    const list = await this.incidents.views(
      await this.incidentsRepo.list({ from: req.from, to: req.to }, req.allMembers ? undefined : req.members),
    );
    list.sort((a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0));
    const breaches = new Set<string>(
      list.length
        ? (
            await this.ds.query('SELECT incident_id FROM vigie_breaches WHERE incident_id = ANY($1)', [
              list.map((i) => i.id),
            ])
          ).map((r: { incident_id: string }) => String(r.incident_id))
        : [],
    );
    const inScope = (m: string) => req.allMembers || req.members.includes(m);
    const rows = list.map((i) => ({
      ...i,
      members: i.members.filter((m) => inScope(m.member)),
      breach: breaches.has(i.id),
    }));
    if (!rows.length)
      return {
        id: 'incident-log',
        title: 'Incident log',
        empty: true,
        files: [
          { path: 'incidents/incident-log.csv', body: Buffer.from(incidentLogCsv([])) },
          { path: 'incidents/no-data.txt', body: noData('incident', req) },
        ],
      };
    return {
      id: 'incident-log',
      title: 'Incident log',
      empty: false,
      files: [{ path: 'incidents/incident-log.csv', body: Buffer.from(incidentLogCsv(rows)) }],
    };
  }

  private async correctiveActions(req: CollectRequest): Promise<EvidenceItem> {
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT a.id, a.source, i.reference AS incident, a.member, a.title, a.nonconformity, a.correction, a.root_cause, a.action, a.owner,
              a.due_date::text AS due_date, a.status, a.review_date::text AS review_date, a.review_method, a.review_result, a.reviewer,
              a.review_notes, a.closed_at, a.created_at
         FROM vigie_corrective_actions a LEFT JOIN vigie_incidents i ON i.id = a.incident_id
        WHERE a.created_at < $1 AND (a.closed_at IS NULL OR a.closed_at >= $2)
          AND (${req.allMembers ? 'TRUE' : `a.member = ANY($3) OR (a.member IS NULL AND EXISTS (SELECT 1 FROM vigie_incident_members im WHERE im.incident_id = a.incident_id AND im.member = ANY($3)))`})
        ORDER BY a.created_at, a.id`,
      req.allMembers ? [req.to, req.from] : [req.to, req.from, req.members],
    );
    const cols = [
      'id',
      'source',
      'incident',
      'member',
      'title',
      'nonconformity',
      'correction',
      'root_cause',
      'action',
      'owner',
      'due_date',
      'status',
      'review_date',
      'review_method',
      'review_result',
      'reviewer',
      'review_notes',
      'closed_at',
      'created_at',
    ];
    return tableItem(
      {
        id: 'corrective-actions',
        title: 'Corrective actions and their reviews (ISO 27001 10.2)',
        path: 'incidents/corrective-actions',
        noDataOf: 'corrective action open',
      },
      cols,
      rows,
      req,
    );
  }

  private async breachRegisters(req: CollectRequest): Promise<EvidenceItem> {
    const params: unknown[] = [req.from, req.to];
    if (!req.allMembers) params.push(req.members);
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT c.member, i.reference AS incident, b.nature, b.consortium_aware_at, c.aware_at, b.subjects_approx, b.records_approx,
              c.risk, c.risk_rationale, c.encrypted, c.mitigated, c.assessed_at, c.subjects_told_at, c.subjects_told_method,
              (SELECT string_agg(n.phase || ' ' || to_char(n.sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || coalesce(' ' || n.cnil_reference, '') || CASE WHEN n.late THEN ' late' ELSE '' END, '; ' ORDER BY n.sent_at, n.phase)
                 FROM vigie_breach_notifications n WHERE n.breach_id = b.id AND n.member = c.member) AS cnil_notifications
         FROM vigie_breaches b JOIN vigie_breach_controllers c ON c.breach_id = b.id JOIN vigie_incidents i ON i.id = b.incident_id
        WHERE b.consortium_aware_at >= $1 AND b.consortium_aware_at < $2 AND ${this.scopeSql(req, 'c.member', 3)}
        ORDER BY c.member, b.consortium_aware_at, i.reference`,
      params,
    );
    const cols = [
      'member',
      'incident',
      'nature',
      'consortium_aware_at',
      'aware_at',
      'subjects_approx',
      'records_approx',
      'risk',
      'risk_rationale',
      'encrypted',
      'mitigated',
      'assessed_at',
      'subjects_told_at',
      'subjects_told_method',
      'cnil_notifications',
    ];
    return tableItem(
      {
        id: 'breach-registers',
        title: 'Personal data breach registers (GDPR art. 33.5), per controller',
        path: 'incidents/breach-registers',
        noDataOf: 'personal data breach',
      },
      cols,
      rows,
      req,
    );
  }

  private async alertStatistics(req: CollectRequest): Promise<EvidenceItem> {
    const params: unknown[] = [req.from, req.to];
    if (!req.allMembers) params.push(req.members);
    const rows: AlertRow[] = (
      await this.ds.query(
        `SELECT rule_id, rule_title, level, members, status, close_reason, created_at, acknowledged_at, closed_at
           FROM vigie_alerts WHERE created_at >= $1 AND created_at < $2 ${req.allMembers ? '' : 'AND members && $3::text[]'}`,
        params,
      )
    ).map((r: Record<string, unknown>) => ({
      ruleId: String(r.rule_id),
      ruleTitle: String(r.rule_title),
      level: String(r.level),
      members: ((r.members as string[]) ?? []).filter((m) => req.allMembers || req.members.includes(m)),
      status: String(r.status),
      closeReason: (r.close_reason as string | null) ?? null,
      createdAt: iso(r.created_at)!,
      acknowledgedAt: iso(r.acknowledged_at),
      closedAt: iso(r.closed_at),
    }));
    const stats = alertStats(rows);
    const files = [
      { path: 'alerts/alert-statistics.json', body: json(stats) },
      {
        path: 'alerts/alerts-by-month.csv',
        body: csv(
          ['month', 'count'],
          stats.byMonth.map((b) => [b.key, b.count]),
        ),
      },
      {
        path: 'alerts/alerts-by-rule.csv',
        body: csv(
          ['rule_id', 'rule_title', 'count'],
          stats.byRule.map((b) => [b.key, b.title, b.count]),
        ),
      },
    ];
    if (!rows.length) files.push({ path: 'alerts/no-data.txt', body: noData('alert', req) });
    return {
      id: 'alert-stats',
      title: 'Alert statistics, time to acknowledge and to close',
      empty: !rows.length,
      files,
    };
  }

  private async rules(): Promise<EvidenceItem> {
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      'SELECT id, title, kind, level, tags, status, enabled, loaded, source_path FROM vigie_rules ORDER BY id',
    );
    const cols = [
      'id',
      'title',
      'kind',
      'level',
      'status',
      'enabled',
      'loaded',
      'attack_tactics',
      'attack_techniques',
      'source_path',
    ];
    const body = csv(
      cols,
      rows.map((r) => {
        const t = attackTagsOf((r.tags as string[]) ?? []);
        return [
          r.id as string,
          r.title as string,
          r.kind as string,
          r.level as string,
          r.status as string,
          Boolean(r.enabled),
          Boolean(r.loaded),
          t.tactics,
          t.techniques,
          r.source_path as string,
        ];
      }),
    );
    const coverage = attackCoverage(
      rows
        .filter((r) => r.enabled && r.loaded && r.status === 'ok')
        .map((r) => ({ id: String(r.id), title: String(r.title), tags: (r.tags as string[]) ?? [] })),
    );
    const files = [
      { path: 'rules/rule-inventory.csv', body },
      { path: 'rules/attack-coverage.json', body: json(coverage) },
    ];
    if (!rows.length)
      files.push({ path: 'rules/no-data.txt', body: Buffer.from('no data: no detection rule is loaded.\n') });
    return { id: 'rules', title: 'Detection rule inventory and ATT&CK coverage', empty: !rows.length, files };
  }

  private async logSources(req: CollectRequest): Promise<EvidenceItem> {
    const members = req.allMembers ? undefined : req.members;
    let buckets: Array<{
      member: string;
      key: string;
      count: number;
      firstSeen: string;
      lastSeen: string;
      field: string;
    }> = [];
    let problem: string | undefined;
    if (!this.store) problem = 'the event store is not configured';
    else {
      try {
        const q = { members, from: req.from, to: req.to };
        buckets = [
          ...(await this.store.sources(q, 'host.hostname', 10000)).map((b) => ({ ...b, field: 'host.hostname' })),
          ...(await this.store.sources(q, 'host.ip', 10000)).map((b) => ({ ...b, field: 'host.ip' })),
        ];
      } catch (e) {
        problem = `the event store could not be read: ${(e as Error).message}`;
      }
    }
    const end = Date.parse(req.to);
    const seen = new Set<string>();
    // Which application each source is, from the registry's application map (host names and addresses).
    const assets = new AssetMap(this.ds, new Metrics(false));
    await assets.reload();
    const application = (member: string, field: string, key: string) =>
      assets.lookup(field === 'host.ip' ? { ip: key } : { hostname: key }, member)?.applicationName ?? '';
    const rows = buckets
      .filter(
        (b) =>
          (b.field === 'host.hostname' ? true : !seen.has(`${b.member}|${b.key}`)) &&
          (seen.add(`${b.member}|${b.key}`), true),
      )
      .sort((a, b) => (a.member + '|' + a.field + '|' + a.key < b.member + '|' + b.field + '|' + b.key ? -1 : 1))
      .map((b) => [
        b.member,
        b.field,
        b.key,
        application(b.member, b.field, b.key),
        b.count,
        iso(b.firstSeen),
        iso(b.lastSeen),
        end - Date.parse(b.lastSeen) > SILENT_AFTER_SECONDS * 1000,
      ]);
    const files = [
      {
        path: 'log-sources/log-source-coverage.csv',
        body: csv(
          [
            'member',
            'field',
            'source',
            'application',
            'events',
            'first_seen',
            'last_seen',
            'silent_24h_before_period_end',
          ],
          rows,
        ),
      },
    ];
    if (!rows.length)
      files.push({
        path: 'log-sources/no-data.txt',
        body: problem ? Buffer.from(`no data: ${problem}.\n`) : noData('event received', req),
      });
    return {
      id: 'log-sources',
      title: 'Log-source coverage: hosts and applications that sent events, last seen, silent sources',
      empty: !rows.length,
      files,
    };
  }

  /**
   * Time synchronisation of the sources: for the latest events of the period
   * (up to 2,000 per member), each host's median offset between its own clock
   * (`@timestamp`) and Vigie's receipt (`event.created`). A host more than
   * TIME_SKEW_LIMIT_SECONDS away is flagged.
   */
  private async timeSync(req: CollectRequest): Promise<EvidenceItem> {
    const perHost = new Map<string, number[]>();
    let problem: string | undefined;
    if (!this.store) problem = 'the event store is not configured';
    else {
      try {
        for (const member of req.members) {
          const page = await this.store.search({
            members: [member],
            from: req.from,
            to: req.to,
            size: 1000,
            order: 'desc',
          });
          let events = page.events;
          if (page.nextCursor)
            events = events.concat(
              (
                await this.store.search({
                  members: [member],
                  from: req.from,
                  to: req.to,
                  size: 1000,
                  order: 'desc',
                  cursor: page.nextCursor,
                })
              ).events,
            );
          for (const e of events) {
            const doc = e.doc as { host?: { hostname?: string; ip?: string | string[] }; event?: { created?: string } };
            const created = Date.parse(doc.event?.created ?? '');
            const stamped = Date.parse(e.timestamp);
            if (Number.isNaN(created) || Number.isNaN(stamped)) continue;
            const host = doc.host?.hostname ?? [doc.host?.ip ?? []].flat()[0] ?? '(unknown)';
            const key = `${member}|${host}`;
            const list = perHost.get(key) ?? [];
            list.push((stamped - created) / 1000);
            perHost.set(key, list);
          }
        }
      } catch (e) {
        problem = `the event store could not be read: ${(e as Error).message}`;
      }
    }
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const mid = Math.floor(s.length / 2);
      return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
    };
    const rows = [...perHost.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, offsets]) => {
        const [member, host] = key.split('|');
        const m = Math.round(median(offsets) * 10) / 10;
        return [member, host, offsets.length, m, Math.abs(m) > TIME_SKEW_LIMIT_SECONDS];
      });
    const files = [
      {
        path: 'log-sources/time-sync.csv',
        body: csv(
          [
            'member',
            'source',
            'events_sampled',
            'median_offset_seconds',
            `off_by_more_than_${TIME_SKEW_LIMIT_SECONDS}s`,
          ],
          rows,
        ),
      },
    ];
    if (!rows.length)
      files.push({
        path: 'log-sources/time-sync-no-data.txt',
        body: problem ? Buffer.from(`no data: ${problem}.\n`) : noData('event received', req),
      });
    return {
      id: 'time-sync',
      title: 'Time synchronisation: offset of each source clock from the time of receipt',
      empty: !rows.length,
      files,
    };
  }

  private async retention(req: CollectRequest): Promise<EvidenceItem> {
    const rows: Array<{ code: string; name: string; retention_days: number }> = await this.ds.query(
      `SELECT code, name, retention_days FROM vigie_members WHERE ${this.scopeSql(req, 'code', 1)} ORDER BY code`,
      req.allMembers ? [] : [req.members],
    );
    const files = [
      {
        path: 'log-sources/retention.csv',
        body: csv(
          ['member', 'name', 'retention_days'],
          rows.map((r) => [r.code, r.name, r.retention_days]),
        ),
      },
    ];
    return { id: 'retention', title: 'Event retention settings per member', empty: !rows.length, files };
  }

  private async accessReview(req: CollectRequest): Promise<EvidenceItem> {
    const users: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT username, display_name, roles, member_scopes, disabled, created_at, last_login_at FROM vigie_users
        WHERE created_at < $1 ${req.allMembers ? '' : "AND (member_scopes && $2::text[] OR NOT roles && ARRAY['referent']::text[])"} ORDER BY username`,
      req.allMembers ? [req.to] : [req.to, req.members],
    );
    const inScope = (m: string) => req.allMembers || req.members.includes(m);
    const end = Date.parse(req.to);
    const userRows = users.map((u) => {
      const last = u.last_login_at ? iso(u.last_login_at)! : null;
      return [
        u.username as string,
        u.display_name as string,
        u.roles as string[],
        ((u.member_scopes as string[]) ?? []).filter(inScope),
        Boolean(u.disabled),
        iso(u.created_at),
        last && Date.parse(last) < end ? last : null,
      ];
    });
    const keys: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT member, name, prefix, created_by, created_at, revoked_at FROM vigie_api_keys WHERE created_at < $1 AND ${this.scopeSql(req, 'member', 2)} ORDER BY member, name, prefix`,
      req.allMembers ? [req.to] : [req.to, req.members],
    );
    return {
      id: 'access-review',
      title: 'Access review: users, roles, member scopes and API keys (metadata only)',
      empty: !users.length,
      files: [
        {
          path: 'access/users.csv',
          body: csv(
            [
              'username',
              'display_name',
              'roles',
              'member_scopes',
              'disabled',
              'created_at',
              'last_login_before_period_end',
            ],
            userRows,
          ),
        },
        {
          path: 'access/api-keys.csv',
          body: csv(
            ['member', 'name', 'prefix', 'created_by', 'created_at', 'revoked_at'],
            keys.map((k) => [
              k.member as string,
              k.name as string,
              k.prefix as string,
              k.created_by as string,
              iso(k.created_at),
              iso(k.revoked_at),
            ]),
          ),
        },
      ],
    };
  }

  private async auditTrail(req: CollectRequest): Promise<EvidenceItem> {
    // The chain is verified from its first record up to the end of the period, so the result does not change afterwards.
    const verifier = new ChainVerifier();
    let after = 0;
    let verification: { ok: boolean; checkedUpToPeriodEnd: number; firstBreak?: unknown } = {
      ok: true,
      checkedUpToPeriodEnd: 0,
    };
    const extract: AuditRecord[] = [];
    for (;;) {
      const rows = (
        await this.ds.query('SELECT * FROM vigie_audit WHERE seq > $1 AND at < $2 ORDER BY seq ASC LIMIT 1000', [
          after,
          req.to,
        ])
      ).map(toRecord);
      if (!rows.length) break;
      const broken = verifier.check(rows);
      if (broken) {
        verification = { ok: false, checkedUpToPeriodEnd: verifier.checked, firstBreak: broken };
        break;
      }
      for (const r of rows)
        if (
          r.at >= new Date(req.from).toISOString() &&
          (req.allMembers ? true : r.member !== null && req.members.includes(r.member))
        )
          extract.push(r);
      after = rows[rows.length - 1].seq;
    }
    if (verification.ok) verification.checkedUpToPeriodEnd = verifier.checked;
    const cols = [
      'seq',
      'at',
      'actor',
      'actor_kind',
      'member',
      'action',
      'entity_type',
      'entity_id',
      'request_id',
      'hash',
    ];
    const files = [
      {
        path: 'audit/audit-extract.csv',
        body: csv(
          cols,
          extract.map((r) => [
            String(r.seq),
            r.at,
            r.actor,
            r.actorKind,
            r.member,
            r.action,
            r.entityType,
            r.entityId,
            r.requestId,
            r.hash,
          ]),
        ),
      },
      { path: 'audit/audit-extract.json', body: json(extract) },
      { path: 'audit/chain-verification.json', body: json({ ...verification, periodEnd: req.to }) },
    ];
    if (!extract.length) files.push({ path: 'audit/no-data.txt', body: noData('audit record', req) });
    return { id: 'audit-trail', title: 'Audit-trail extract and chain verification', empty: !extract.length, files };
  }
}

function toRecord(r: Record<string, unknown>): AuditRecord {
  return {
    seq: Number(r.seq),
    at: iso(r.at)!,
    actor: String(r.actor),
    actorKind: String(r.actor_kind),
    roles: (r.roles as string[]) ?? [],
    memberScope: (r.member_scope as string[] | null) ?? null,
    member: (r.member as string | null) ?? null,
    action: String(r.action),
    entityType: String(r.entity_type),
    entityId: (r.entity_id as string | null) ?? null,
    changes: typeof r.changes === 'string' ? JSON.parse(r.changes) : (r.changes ?? null),
    requestId: (r.request_id as string | null) ?? null,
    sourceIp: (r.source_ip as string | null) ?? null,
    prevHash: String(r.prev_hash),
    hash: String(r.hash),
  };
}
