import { AuditTrail } from '@vigie/audit';
import { parseCatalogue, suggestForApplication } from '@vigie/gdpr';
import { DataSource, EntityManager } from 'typeorm';
import { searchTextOf } from '../applications/applications.repository';
import { CATALOGUE_2022 } from './catalogue-2022';
import { DEMO_MEMBERS, placement } from './demo-members';

export interface SeedReport {
  membersCreated: number;
  applicationsCreated: number;
  applicationsInCatalogue: number;
  catalogueRows: number;
  warnings: string[];
}

/**
 * Loads the consortium's world: its members and its application catalogue
 * with suggested data categories and subjects, each marked "to confirm".
 * Idempotent: what exists (by member code, by catalogue key) is left as the
 * DPO edited it.
 */
export class DemoSeeder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  /** Only the `unattributed` pseudo-member exists: a first start. */
  async isPristine(): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT count(*)::int AS n FROM vigie_members WHERE code <> 'unattributed'`);
    return Number(rows[0].n) === 0;
  }

  async run(catalogueText: string = CATALOGUE_2022): Promise<SeedReport> {
    const catalogue = parseCatalogue(catalogueText);
    return this.dataSource.transaction(async (m) => {
      let membersCreated = 0;
      for (const mb of DEMO_MEMBERS) {
        const rows = await m.query(
          `INSERT INTO vigie_members (code, name, type, siren) VALUES ($1, $2, $3, NULL) ON CONFLICT (code) DO NOTHING RETURNING code`,
          [mb.code, mb.name, mb.type],
        );
        membersCreated += rows.length;
      }
      let applicationsCreated = 0;
      for (const app of catalogue.applications) applicationsCreated += await this.upsertApplication(m, app);
      const report: SeedReport = {
        membersCreated,
        applicationsCreated,
        applicationsInCatalogue: catalogue.applications.length,
        catalogueRows: catalogue.rows.length,
        warnings: catalogue.warnings,
      };
      if (membersCreated || applicationsCreated)
        await this.audit.record({ action: 'seed.demo', entityType: 'seed', entityId: 'demo', details: { ...report } }, m);
      return report;
    });
  }

  private async upsertApplication(m: EntityManager, app: ReturnType<typeof parseCatalogue>['applications'][number]): Promise<number> {
    const place = placement(app.domain, app.name, app.vendor);
    const s = suggestForApplication(app.domain, app.functions, app.name);
    const inHouse = /^siim ?94$/i.test(app.vendor);
    const values = {
      name: app.name,
      vendor: app.vendor,
      domain: app.domain,
      functions: app.functions,
      hosts: [],
      notes: place.note,
    };
    const rows = await m.query(
      `INSERT INTO vigie_applications (source_key, name, vendor, domain, functions, hosting, data_location, hosts, data_categories, data_subjects, vendor_role, security_measures, notes, search_text)
       VALUES ($1,$2,$3,$4,$5,$6,'FR','[]',$7,$8,$9,'[]',$10,$11) ON CONFLICT (source_key) DO NOTHING RETURNING id`,
      [
        `catalogue-2022:${app.key}`,
        app.name,
        app.vendor,
        app.domain,
        app.functions,
        place.hosting,
        JSON.stringify(s.dataCategories.map((code) => ({ code, volume: null, toConfirm: true }))),
        JSON.stringify(s.dataSubjects.map((code) => ({ code, volume: null, toConfirm: true }))),
        inHouse ? 'none' : place.hosting === 'saas' ? 'processor' : 'sub_processor',
        place.note,
        searchTextOf(values),
      ],
    );
    if (!rows.length) return 0;
    await m.query(
      `INSERT INTO vigie_application_members (application_id, member) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
      [rows[0].id, place.members],
    );
    return 1;
  }
}
