import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { json, Queryable } from '../sql-values';
import { emptyImpact, Impact, ImpactedActivity, ImpactedController } from './impact.types';
import { RegistryImpactSource } from './registry-impact.source';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface AppRow {
  id: string;
  name: string;
  hosts: Array<{ hostname?: string | null; ip?: string | null }>;
  data_categories: Array<{ code: string }>;
  data_subjects: Array<{ code: string }>;
}

interface CategoryFlags {
  special: Set<string>;
  criminal: Set<string>;
  nir: Set<string>;
}


const sorted = (s: Iterable<string>) => [...new Set(s)].sort();

/**
 * Impact from the GDPR registry tables: applications (with their hosts and
 * declared data), the members using them, and the processing activities
 * (Art. 30 records) running on them.
 */
@Injectable()
export class SqlRegistryImpactSource extends RegistryImpactSource {
  private registryPresent = false;

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  private async present(db: Queryable): Promise<boolean> {
    if (this.registryPresent) return true;
    const rows = await db.query(
      `SELECT to_regclass('vigie_applications') IS NOT NULL AND to_regclass('vigie_activity_applications') IS NOT NULL AS ok`,
    );
    this.registryPresent = Boolean(rows[0]?.ok);
    return this.registryPresent;
  }

  private async flags(db: Queryable): Promise<CategoryFlags> {
    const rows: Array<{ code: string; category_group: string | null; article: string | null; regulated: boolean }> =
      await db.query(
        `SELECT code, category_group, article, regulated FROM vigie_gdpr_reference WHERE kind = 'data-categories'`,
      );
    const f: CategoryFlags = { special: new Set(), criminal: new Set(), nir: new Set() };
    for (const r of rows) {
      if (r.article?.startsWith('9')) f.special.add(r.code);
      if (r.article === '10' || r.category_group === 'criminal') f.criminal.add(r.code);
      if (r.category_group === 'nir' || r.code === 'nir') f.nir.add(r.code);
    }
    return f;
  }

  async impactOf(applicationIds: string[], hosts: string[], db: Queryable = this.dataSource): Promise<Impact> {
    const ids = applicationIds.filter((a) => UUID.test(a)).map((a) => a.toLowerCase());
    const names = hosts.map((h) => h.trim().toLowerCase()).filter(Boolean);
    if ((!ids.length && !names.length) || !(await this.present(db))) return emptyImpact(applicationIds, hosts);
    const shortNames = names.filter((n) => !n.includes('.') && !n.includes(':'));
    const apps: AppRow[] = (
      await db.query(
        `SELECT a.id, a.name, a.hosts, a.data_categories, a.data_subjects FROM vigie_applications a
         WHERE a.id::text = ANY($1)
            OR EXISTS (SELECT 1 FROM jsonb_array_elements(a.hosts) h
                       WHERE lower(h->>'hostname') = ANY($2) OR h->>'ip' = ANY($2) OR split_part(lower(h->>'hostname'), '.', 1) = ANY($3))
         ORDER BY a.name`,
        [ids, names, shortNames],
      )
    ).map((r: Record<string, unknown>) => ({
      id: String(r.id),
      name: String(r.name),
      hosts: json(r.hosts) ?? [],
      data_categories: json(r.data_categories) ?? [],
      data_subjects: json(r.data_subjects) ?? [],
    }));
    const appIds = apps.map((a) => a.id);
    // Which hosts of the incident each application runs on.
    const hostsOf = new Map<string, string[]>();
    for (const a of apps)
      hostsOf.set(
        a.id,
        names.filter((n) =>
          a.hosts.some((h) => {
            const hn = (h.hostname ?? '').toLowerCase();
            return hn === n || h.ip === n || (shortNames.includes(n) && hn.split('.')[0] === n);
          }),
        ),
      );
    const users: Array<{ application_id: string; member: string }> = appIds.length
      ? await db.query(
          'SELECT application_id, member FROM vigie_application_members WHERE application_id::text = ANY($1) ORDER BY member',
          [appIds],
        )
      : [];
    const activityRows: Array<Record<string, unknown>> = appIds.length
      ? await db.query(
          `SELECT pa.id, pa.member, pa.reference, pa.name, pa.content, aa.application_id
           FROM vigie_activity_applications aa JOIN vigie_processing_activities pa ON pa.id = aa.activity_id
           WHERE aa.application_id::text = ANY($1) AND pa.status <> 'archived'
           ORDER BY pa.member, pa.reference`,
          [appIds],
        )
      : [];
    const flags = await this.flags(db);

    const activities = new Map<string, ImpactedActivity>();
    for (const r of activityRows) {
      const id = String(r.id);
      const content =
        json<{ dataCategories?: Array<{ code: string }>; dataSubjects?: Array<{ code: string }> }>(r.content) ?? {};
      const existing = activities.get(id);
      if (existing) {
        existing.applications = sorted([...existing.applications, String(r.application_id)]);
        continue;
      }
      const categories = sorted((content.dataCategories ?? []).map((d) => d.code));
      activities.set(id, {
        id,
        name: String(r.name),
        member: String(r.member),
        applications: [String(r.application_id)],
        dataCategories: categories,
        specialCategories: categories.filter((c) => flags.special.has(c)),
        criminalData: categories.filter((c) => flags.criminal.has(c)),
        nirCategories: categories.filter((c) => flags.nir.has(c)),
        subjectCategories: sorted((content.dataSubjects ?? []).map((s) => s.code)),
      });
    }

    const controllers = new Map<string, ImpactedController>();
    const controller = (member: string) => {
      let c = controllers.get(member);
      if (!c) controllers.set(member, (c = { member, applications: [], hosts: [], processingActivities: [] }));
      return c;
    };
    for (const u of users) {
      const c = controller(String(u.member));
      c.applications = sorted([...c.applications, String(u.application_id)]);
      c.hosts = sorted([...c.hosts, ...(hostsOf.get(String(u.application_id)) ?? [])]);
    }
    for (const a of activities.values()) {
      const c = controller(a.member);
      c.processingActivities.push(a);
      c.applications = sorted([...c.applications, ...a.applications]);
    }

    const allActivities = [...activities.values()];
    const dataCategories = sorted([
      ...allActivities.flatMap((a) => a.dataCategories),
      ...apps.flatMap((a) => a.data_categories.map((d) => d.code)),
    ]);
    const found = new Set(appIds);
    const matchedHosts = new Set([...hostsOf.values()].flat());
    return {
      controllers: [...controllers.values()].sort((a, b) => a.member.localeCompare(b.member)),
      processingActivities: allActivities,
      dataCategories,
      specialCategories: dataCategories.filter((c) => flags.special.has(c)),
      criminalData: dataCategories.filter((c) => flags.criminal.has(c)),
      nir: dataCategories.some((c) => flags.nir.has(c)),
      subjectCategories: sorted([
        ...allActivities.flatMap((a) => a.subjectCategories),
        ...apps.flatMap((a) => a.data_subjects.map((d) => d.code)),
      ]),
      unknown: {
        applications: applicationIds.filter((a) => !found.has(a.toLowerCase())),
        hosts: hosts.filter((h) => !matchedHosts.has(h.trim().toLowerCase())),
      },
      personalDataBreachSuspected: dataCategories.length > 0 || allActivities.length > 0,
    };
  }
}
