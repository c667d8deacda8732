import { MigrationInterface, QueryRunner } from 'typeorm';

/** code, label, article, `group:flags`, description. */
type Ref = [code: string, label: string, article: string | null, flags?: string, description?: string];

/**
 * Reference data, frozen here: later changes come in later migrations.
 * Flags: s = sensitive (Art. 9 / Art. 10), r = regulated (NIR), v = vulnerable subjects.
 */
const REFERENCE: Record<string, Ref[]> = {
  'data-categories': [
    ['identity', 'État civil, identité, données d’identification, images', null, 'common', 'Nom, prénom, adresse, date de naissance, photo...'],
    ['personal_life', 'Vie personnelle', null, 'common', 'Habitudes de vie, situation familiale...'],
    ['professional_life', 'Vie professionnelle', null, 'common', 'CV, scolarité, formation professionnelle, distinctions...'],
    ['economic_financial', 'Informations d’ordre économique et financier', null, 'common', 'Revenus, situation financière, situation fiscale...'],
    ['connection_data', 'Données de connexion', null, 'common', 'Adresses IP, journaux, identifiants des terminaux, identifiants de connexion...'],
    ['location', 'Données de localisation', null, 'common', 'Déplacements, données GPS, GSM...'],
    ['internet', 'Internet', null, 'common', 'Cookies, traceurs, données de navigation, mesures d’audience...'],
    ['racial_ethnic_origin', 'Origine raciale ou ethnique', '9(1)', 'sensitive:s'],
    ['political_opinions', 'Opinions politiques', '9(1)', 'sensitive:s'],
    ['religious_beliefs', 'Convictions religieuses ou philosophiques', '9(1)', 'sensitive:s'],
    ['trade_union_membership', 'Appartenance syndicale', '9(1)', 'sensitive:s'],
    ['genetic_data', 'Données génétiques', '9(1)', 'sensitive:s'],
    ['biometric_data', 'Données biométriques aux fins d’identifier une personne', '9(1)', 'sensitive:s'],
    ['health', 'Données concernant la santé', '9(1)', 'sensitive:s'],
    ['sex_life_orientation', 'Vie sexuelle ou orientation sexuelle', '9(1)', 'sensitive:s'],
    ['criminal_offences', 'Condamnations pénales, infractions ou mesures de sûreté', '10', 'criminal:s'],
    ['nir', 'Numéro d’inscription au répertoire (NIR, numéro de sécurité sociale)', null, 'nir:r', 'Usage encadré par le décret n° 2019-341 (décret-cadre NIR)'],
  ],
  'data-subject-categories': [
    ['residents', 'Habitants, usagers du territoire', null],
    ['service_users', 'Usagers des services publics', null],
    ['children', 'Enfants, mineurs', null, ':v'],
    ['parents', 'Parents, représentants légaux', null],
    ['agents', 'Agents, salariés', null, ':v', 'Vulnérables au sens du critère 7 des lignes directrices du CEPD (déséquilibre de la relation)'],
    ['job_applicants', 'Candidats à un emploi', null],
    ['elected_officials', 'Élus', null],
    ['patients', 'Patients', null, ':v'],
    ['social_aid_beneficiaries', 'Bénéficiaires de l’aide sociale', null, ':v'],
    ['vulnerable_persons', 'Personnes âgées ou handicapées, personnes vulnérables', null, ':v'],
    ['housing_applicants', 'Demandeurs de logement', null],
    ['tenants', 'Locataires', null],
    ['voters', 'Électeurs', null],
    ['suppliers', 'Fournisseurs, prestataires, leurs contacts', null],
    ['visitors', 'Visiteurs', null],
  ],
  'legal-bases': [
    ['consent', 'Consentement', '6(1)(a)'],
    ['contract', 'Exécution d’un contrat ou de mesures précontractuelles', '6(1)(b)'],
    ['legal_obligation', 'Respect d’une obligation légale', '6(1)(c)'],
    ['vital_interests', 'Sauvegarde des intérêts vitaux', '6(1)(d)'],
    ['public_task', 'Exécution d’une mission d’intérêt public ou relevant de l’exercice de l’autorité publique', '6(1)(e)'],
    ['legitimate_interests', 'Intérêts légitimes', '6(1)(f)', '', 'Ne s’applique pas aux traitements des autorités publiques dans l’exécution de leurs missions'],
  ],
  'art9-conditions': [
    ['explicit_consent', 'Consentement explicite', '9(2)(a)'],
    ['employment_social_protection', 'Obligations en matière de droit du travail, de la sécurité sociale et de la protection sociale', '9(2)(b)'],
    ['vital_interests', 'Sauvegarde des intérêts vitaux (personne dans l’incapacité de consentir)', '9(2)(c)'],
    ['non_profit_body', 'Fondation, association ou organisme à but non lucratif (membres)', '9(2)(d)'],
    ['made_public', 'Données manifestement rendues publiques par la personne', '9(2)(e)'],
    ['legal_claims', 'Constatation, exercice ou défense de droits en justice', '9(2)(f)'],
    ['substantial_public_interest', 'Motifs d’intérêt public important', '9(2)(g)'],
    ['health_social_care', 'Médecine préventive, médecine du travail, diagnostics, prise en charge sanitaire ou sociale', '9(2)(h)'],
    ['public_health', 'Intérêt public dans le domaine de la santé publique', '9(2)(i)'],
    ['archiving_research', 'Archives dans l’intérêt public, recherche scientifique ou historique, statistiques', '9(2)(j)'],
  ],
  'recipient-types': [
    ['internal_service', 'Service interne', null],
    ['processor', 'Sous-traitant', '28'],
    ['sub_processor', 'Sous-traitant ultérieur', '28(2)'],
    ['joint_controller', 'Responsable conjoint', '26'],
    ['public_authority', 'Administration ou autorité publique', null],
    ['social_bodies', 'Organismes sociaux', null],
    ['institutional_partner', 'Partenaire institutionnel', null],
    ['authorised_third_party', 'Tiers autorisé', null],
    ['third_country_recipient', 'Destinataire dans un pays tiers ou organisation internationale', '44'],
  ],
  'transfer-safeguards': [
    ['adequacy_decision', 'Décision d’adéquation', '45'],
    ['standard_contractual_clauses', 'Clauses contractuelles types', '46(2)(c)'],
    ['binding_corporate_rules', 'Règles d’entreprise contraignantes', '47'],
    ['code_of_conduct', 'Code de conduite', '46(2)(e)'],
    ['certification', 'Mécanisme de certification', '46(2)(f)'],
    ['ad_hoc_clauses', 'Clauses contractuelles ad hoc', '46(3)(a)'],
    ['art49_derogation', 'Dérogation pour une situation particulière', '49'],
  ],
  'security-measures': [
    ['access_control', 'Contrôle d’accès des utilisateurs', null],
    ['traceability', 'Mesures de traçabilité', null],
    ['software_protection', 'Mesures de protection des logiciels', null],
    ['backup', 'Sauvegarde des données', null],
    ['encryption', 'Chiffrement des données', null],
    ['processor_control', 'Contrôle des sous-traitants', null],
    ['physical_security', 'Sécurité physique des locaux', null],
    ['other', 'Autres mesures', null],
  ],
};

/** The GDPR registry: reference data, the application map, Art. 30(1) records and their versions. */
export class GdprRegistry1733100000000 implements MigrationInterface {
  name = 'GdprRegistry1733100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE vigie_gdpr_reference (
        kind varchar(40) NOT NULL,
        code varchar(60) NOT NULL,
        label varchar(300) NOT NULL,
        description text NULL,
        article varchar(20) NULL,
        category_group varchar(20) NULL,
        sensitive boolean NOT NULL DEFAULT false,
        regulated boolean NOT NULL DEFAULT false,
        vulnerable boolean NOT NULL DEFAULT false,
        position integer NOT NULL,
        PRIMARY KEY (kind, code)
      )`);
    for (const [kind, items] of Object.entries(REFERENCE)) {
      let position = 0;
      for (const [code, label, article, flags = '', description] of items) {
        const [group, marks = ''] = flags.includes(':') ? flags.split(':') : [flags, ''];
        await q.query(
          `INSERT INTO vigie_gdpr_reference (kind, code, label, description, article, category_group, sensitive, regulated, vulnerable, position)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
          [kind, code, label, description ?? null, article, group || null, marks.includes('s'), marks.includes('r'), marks.includes('v'), ++position],
        );
      }
    }
    await q.query(`
      CREATE TABLE vigie_applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source_key varchar(300) NULL UNIQUE,
        name varchar(200) NOT NULL,
        vendor varchar(200) NOT NULL DEFAULT '',
        domain varchar(120) NOT NULL DEFAULT '',
        functions text[] NOT NULL DEFAULT '{}',
        hosting varchar(20) NOT NULL DEFAULT 'consortium' CHECK (hosting IN ('consortium', 'member', 'saas')),
        data_location char(2) NOT NULL DEFAULT 'FR',
        hosts jsonb NOT NULL DEFAULT '[]',
        data_categories jsonb NOT NULL DEFAULT '[]',
        data_subjects jsonb NOT NULL DEFAULT '[]',
        vendor_role varchar(20) NULL CHECK (vendor_role IS NULL OR vendor_role IN ('processor', 'sub_processor', 'none')),
        dpa_reference varchar(200) NULL,
        security_measures jsonb NOT NULL DEFAULT '[]',
        notes text NULL,
        search_text text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE vigie_application_members (
        application_id uuid NOT NULL REFERENCES vigie_applications(id) ON DELETE CASCADE,
        member varchar(32) NOT NULL REFERENCES vigie_members(code) ON UPDATE CASCADE ON DELETE CASCADE,
        PRIMARY KEY (application_id, member)
      )`);
    await q.query('CREATE INDEX vigie_application_members_member ON vigie_application_members (member)');
    await q.query(`
      CREATE TABLE vigie_processing_activities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member varchar(32) NOT NULL REFERENCES vigie_members(code) ON UPDATE CASCADE,
        reference varchar(60) NOT NULL,
        name varchar(300) NOT NULL,
        status varchar(20) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_review', 'validated', 'archived')),
        version integer NOT NULL DEFAULT 1,
        content jsonb NOT NULL,
        next_review_date date NULL,
        search_text text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by varchar(120) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by varchar(120) NOT NULL,
        validated_at timestamptz NULL,
        validated_by varchar(120) NULL,
        UNIQUE (member, reference)
      )`);
    await q.query('CREATE INDEX vigie_processing_activities_review ON vigie_processing_activities (next_review_date)');
    await q.query(`
      CREATE TABLE vigie_activity_applications (
        activity_id uuid NOT NULL REFERENCES vigie_processing_activities(id) ON DELETE CASCADE,
        application_id uuid NOT NULL REFERENCES vigie_applications(id) ON DELETE RESTRICT,
        PRIMARY KEY (activity_id, application_id)
      )`);
    await q.query('CREATE INDEX vigie_activity_applications_app ON vigie_activity_applications (application_id)');
    await q.query(`
      CREATE TABLE vigie_processing_activity_versions (
        activity_id uuid NOT NULL REFERENCES vigie_processing_activities(id) ON DELETE CASCADE,
        version integer NOT NULL,
        status varchar(20) NOT NULL,
        change_kind varchar(20) NOT NULL,
        snapshot jsonb NOT NULL,
        changed_by varchar(120) NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        comment text NULL,
        PRIMARY KEY (activity_id, version)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'vigie_processing_activity_versions',
      'vigie_activity_applications',
      'vigie_processing_activities',
      'vigie_application_members',
      'vigie_applications',
      'vigie_gdpr_reference',
    ])
      await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
