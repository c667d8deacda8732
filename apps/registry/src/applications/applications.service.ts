import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@vigie/audit';
import { memberScope, RequestContext } from '@vigie/auth';
import { DomainError, FieldProblem } from '@vigie/contracts';
import { ReferenceLookup } from '@vigie/gdpr';
import ipaddr from 'ipaddr.js';
import { DataSource, EntityManager } from 'typeorm';
import { ReferenceDataRepository } from '../reference-data/reference-data.repository';
import { Application, ApplicationValues, AssetInfo } from './application';
import { ApplicationFilter, ApplicationsRepository } from './applications.repository';
import { ConfirmSuggestionsDto, CreateApplicationDto, UpdateApplicationDto } from './dto/application.dto';

const hostKey = (s: string) => s.trim().toLowerCase().replace(/\.$/, '');

/** Does a stored host answer to this name or address? (`srv-rh01` matches `srv-rh01.siim94.local`.) */
export function hostMatches(h: { hostname: string | null; ip: string | null }, wanted: string): boolean {
  const w = hostKey(wanted);
  if (h.ip && ipaddr.isValid(w) && ipaddr.isValid(h.ip)) return ipaddr.parse(h.ip).toNormalizedString() === ipaddr.parse(w).toNormalizedString();
  if (!h.hostname) return false;
  const n = hostKey(h.hostname);
  return n === w || n.split('.')[0] === w || w.split('.')[0] === n;
}

export interface Impact {
  applications: Array<Pick<Application, 'id' | 'name' | 'vendor' | 'domain' | 'hosting' | 'hosts'>>;
  members: string[];
  activities: Array<{ id: string; member: string; reference: string; name: string; status: string }>;
  dataCategories: Array<{ code: string; label: string; sensitive: boolean; regulated: boolean }>;
  dataSubjects: Array<{ code: string; label: string; vulnerable: boolean }>;
}

@Injectable()
export class ApplicationsService {
  constructor(
    private readonly repo: ApplicationsRepository,
    private readonly reference: ReferenceDataRepository,
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  private scope(): string[] | undefined {
    return memberScope(RequestContext.requirePrincipal());
  }

  /** Members shown on an application: only those in the caller's scope. */
  private present(a: Application, scope: string[] | undefined): Application {
    return scope ? { ...a, members: a.members.filter((m) => scope.includes(m)) } : a;
  }

  async list(f: ApplicationFilter): Promise<Application[]> {
    const scope = this.scope();
    if (f.member && scope && !scope.includes(f.member)) return [];
    return (await this.repo.list(scope, f)).map((a) => this.present(a, scope));
  }

  async get(id: string): Promise<Application> {
    const scope = this.scope();
    const a = await this.repo.get(id, scope);
    if (!a) throw new DomainError('not_found', 'application_not_found', `No application ${id}`);
    return this.present(a, scope);
  }

  async create(dto: CreateApplicationDto): Promise<Application> {
    return this.dataSource.transaction(async (m) => {
      const values = this.values(dto);
      await this.check(values, m);
      const created = await this.repo.insert(m, values);
      await this.audit.record({ action: 'application.created', entityType: 'application', entityId: created.id, after: created }, m);
      return created;
    });
  }

  async update(id: string, dto: UpdateApplicationDto): Promise<Application> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.repo.get(id, this.scope(), m);
      if (!before) throw new DomainError('not_found', 'application_not_found', `No application ${id}`);
      const values = this.values({ ...before, ...stripUndefined(dto) } as CreateApplicationDto, before);
      await this.check(values, m);
      const after = await this.repo.update(m, id, values);
      await this.audit.record({ action: 'application.updated', entityType: 'application', entityId: id, before, after }, m);
      return after;
    });
  }

  async confirmSuggestions(id: string, dto: ConfirmSuggestionsDto): Promise<Application> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.repo.get(id, this.scope(), m);
      if (!before) throw new DomainError('not_found', 'application_not_found', `No application ${id}`);
      const confirm = (items: Application['dataCategories'], codes?: string[]) =>
        items.map((i) => (!codes || codes.includes(i.code) ? { ...i, toConfirm: false } : i));
      const values: ApplicationValues = {
        ...before,
        dataCategories: confirm(before.dataCategories, dto.dataCategories),
        dataSubjects: confirm(before.dataSubjects, dto.dataSubjects),
      };
      const after = await this.repo.update(m, id, values);
      await this.audit.record({ action: 'application.suggestions_confirmed', entityType: 'application', entityId: id, before, after }, m);
      return after;
    });
  }

  async delete(id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const before = await this.repo.get(id, this.scope(), m);
      if (!before) throw new DomainError('not_found', 'application_not_found', `No application ${id}`);
      const used = await this.repo.activityCount(id, m);
      if (used)
        throw new DomainError('conflict', 'application_in_use', `${before.name} is used by ${used} processing activities; unlink them first`);
      await this.repo.delete(m, id);
      await this.audit.record({ action: 'application.deleted', entityType: 'application', entityId: id, before }, m);
    });
  }

  /** Application × data category: `confirmed`, `to_confirm` (map suggestion) or `activity` (declared by a record only). */
  async matrix() {
    const scope = this.scope();
    const ref = await this.reference.lookup();
    const apps = await this.repo.list(scope);
    const activities = await this.repo.activitiesUsing(apps.map((a) => a.id), scope);
    const categories = ref.codes('data-categories').map((code) => {
      const i = ref.get('data-categories', code)!;
      return { code, label: i.label, sensitive: i.sensitive, regulated: i.regulated };
    });
    const rows = apps.map((a) => {
      const cells: Record<string, 'confirmed' | 'to_confirm' | 'activity'> = {};
      for (const act of activities.filter((x) => x.applicationId === a.id))
        for (const d of (act.content.dataCategories as Array<{ code: string }>) ?? []) cells[d.code] = 'activity';
      for (const d of a.dataCategories) cells[d.code] = d.toConfirm ? 'to_confirm' : 'confirmed';
      return { applicationId: a.id, name: a.name, vendor: a.vendor, domain: a.domain, cells };
    });
    return { categories, rows };
  }

  async impactOfApplication(id: string): Promise<Impact> {
    const scope = this.scope();
    const a = await this.repo.get(id, scope);
    if (!a) throw new DomainError('not_found', 'application_not_found', `No application ${id}`);
    return this.impact([a], scope);
  }

  async impactOfHost(host: string): Promise<Impact & { host: string }> {
    if (!host?.trim())
      throw new DomainError('invalid', 'host_required', 'Give ?host= (a host name or an IP address)', [{ field: 'host', problem: 'is required' }]);
    const scope = this.scope();
    const apps = (await this.repo.list(scope)).filter((a) => a.hosts.some((h) => hostMatches(h, host)));
    if (!apps.length) throw new DomainError('not_found', 'host_not_found', `No application known on ${host}`);
    return { host, ...(await this.impact(apps, scope)) };
  }

  /** Host name / IP → application, for the SIEM enrichment. Not scoped: a system read. */
  async assetMap(m: EntityManager | DataSource = this.dataSource): Promise<Map<string, AssetInfo>> {
    const ref = await this.reference.lookup(m);
    const out = new Map<string, AssetInfo>();
    for (const a of await this.repo.list(undefined, {}, m)) {
      const info: AssetInfo = {
        applicationId: a.id,
        applicationName: a.name,
        members: a.members,
        personalData: a.dataCategories.length > 0 || a.dataSubjects.length > 0,
        sensitiveData: a.dataCategories.some((d) => {
          const r = ref.get('data-categories', d.code);
          return !!(r?.sensitive || r?.regulated);
        }),
        applications: [{ id: a.id, name: a.name }],
      };
      for (const h of a.hosts)
        for (const key of [h.hostname, h.ip].filter((x): x is string => !!x).map(hostKey)) {
          const existing = out.get(key);
          if (existing) {
            existing.applications.push({ id: a.id, name: a.name });
            existing.members = [...new Set([...existing.members, ...a.members])].sort();
            existing.personalData ||= info.personalData;
            existing.sensitiveData ||= info.sensitiveData;
          } else out.set(key, { ...info, applications: [...info.applications] });
        }
    }
    return out;
  }

  private async impact(apps: Application[], scope: string[] | undefined): Promise<Impact> {
    const ref = await this.reference.lookup();
    const activities = await this.repo.activitiesUsing(apps.map((a) => a.id), scope);
    const cats = new Set<string>();
    const subjects = new Set<string>();
    const members = new Set<string>();
    for (const a of apps) {
      a.dataCategories.forEach((d) => cats.add(d.code));
      a.dataSubjects.forEach((d) => subjects.add(d.code));
      a.members.filter((m) => !scope || scope.includes(m)).forEach((m) => members.add(m));
    }
    const seen = new Set<string>();
    const acts: Impact['activities'] = [];
    for (const x of activities) {
      members.add(x.member);
      ((x.content.dataCategories as Array<{ code: string }>) ?? []).forEach((d) => cats.add(d.code));
      ((x.content.dataSubjects as Array<{ code: string }>) ?? []).forEach((d) => subjects.add(d.code));
      if (!seen.has(x.id)) acts.push({ id: x.id, member: x.member, reference: x.reference, name: x.name, status: x.status });
      seen.add(x.id);
    }
    const order = (kind: 'data-categories' | 'data-subject-categories', codes: Set<string>) =>
      ref.codes(kind).filter((c) => codes.has(c));
    return {
      applications: apps.map((a) => ({ id: a.id, name: a.name, vendor: a.vendor, domain: a.domain, hosting: a.hosting, hosts: a.hosts })),
      members: [...members].sort(),
      activities: acts,
      dataCategories: order('data-categories', cats).map((code) => {
        const i = ref.get('data-categories', code)!;
        return { code, label: i.label, sensitive: i.sensitive, regulated: i.regulated };
      }),
      dataSubjects: order('data-subject-categories', subjects).map((code) => {
        const i = ref.get('data-subject-categories', code)!;
        return { code, label: i.label, vulnerable: i.vulnerable };
      }),
    };
  }

  private values(dto: CreateApplicationDto, before?: Application): ApplicationValues {
    const data = (items?: Array<{ code: string; volume?: string | null; toConfirm?: boolean }>) =>
      (items ?? []).map((i) => ({ code: i.code, volume: i.volume ?? null, toConfirm: i.toConfirm ?? false }));
    return {
      sourceKey: before?.sourceKey ?? null,
      name: dto.name.trim(),
      vendor: dto.vendor?.trim() ?? '',
      domain: dto.domain?.trim() ?? '',
      functions: dto.functions ?? [],
      hosting: dto.hosting ?? 'consortium',
      dataLocation: dto.dataLocation ?? 'FR',
      hosts: (dto.hosts ?? []).map((h) => ({ hostname: h.hostname?.trim() || null, ip: h.ip?.trim() || null })),
      members: [...new Set(dto.members ?? [])].sort(),
      dataCategories: data(dto.dataCategories),
      dataSubjects: data(dto.dataSubjects),
      vendorRole: dto.vendorRole ?? null,
      dpaReference: dto.dpaReference ?? null,
      securityMeasures: (dto.securityMeasures ?? []).map((s) => ({ type: s.type, description: s.description })),
      notes: dto.notes ?? null,
    };
  }

  private async check(v: ApplicationValues, m: EntityManager): Promise<void> {
    const ref: ReferenceLookup = await this.reference.lookup(m);
    const problems: FieldProblem[] = [];
    v.hosts.forEach((h, i) => {
      if (!h.hostname && !h.ip) problems.push({ field: `hosts[${i}]`, problem: 'give a hostname, an IP address or both' });
      if (h.ip && !ipaddr.isValid(h.ip)) problems.push({ field: `hosts[${i}].ip`, problem: `${JSON.stringify(h.ip)} is not an IP address` });
      if (h.hostname && !/^[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9-]{1,63})*\.?$/.test(h.hostname))
        problems.push({ field: `hosts[${i}].hostname`, problem: `${JSON.stringify(h.hostname)} is not a host name` });
    });
    const known = new Set(
      (await m.query('SELECT code FROM vigie_members WHERE code = ANY($1)', [v.members])).map((r: { code: string }) => r.code),
    );
    v.members.forEach((code, i) => {
      if (!known.has(code)) problems.push({ field: `members[${i}]`, problem: `unknown member ${JSON.stringify(code)}` });
    });
    v.dataCategories.forEach((d, i) => {
      if (!ref.has('data-categories', d.code)) problems.push({ field: `dataCategories[${i}].code`, problem: `unknown data category ${JSON.stringify(d.code)}` });
    });
    v.dataSubjects.forEach((d, i) => {
      if (!ref.has('data-subject-categories', d.code))
        problems.push({ field: `dataSubjects[${i}].code`, problem: `unknown data subject category ${JSON.stringify(d.code)}` });
    });
    v.securityMeasures.forEach((s, i) => {
      if (!ref.has('security-measures', s.type)) problems.push({ field: `securityMeasures[${i}].type`, problem: `unknown security measure type ${JSON.stringify(s.type)}` });
    });
    if (problems.length) throw new DomainError('unprocessable', 'invalid_application', 'Invalid application', problems);
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
