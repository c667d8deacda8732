import { fold } from './reference';

export interface Suggestion {
  dataCategories: string[];
  dataSubjects: string[];
}

interface Rule {
  /** Folded domain prefix. */
  domain: string;
  /** Folded words in the function or software name that add to the suggestion. */
  when?: RegExp;
  categories: string[];
  subjects: string[];
}

/**
 * Likely data categories and data subjects of an application from its
 * domain and functions. Suggestions only: each is stored "to confirm" until
 * the DPO confirms it. Every application keeps its users' connection data.
 */
const RULES: Rule[] = [
  { domain: 'sante', categories: ['identity', 'health', 'nir', 'personal_life'], subjects: ['patients'] },
  { domain: 'sante', when: /rendez-vous|teleconsult/, categories: ['internet'], subjects: [] },
  { domain: 'rh', categories: ['identity', 'nir', 'professional_life', 'economic_financial', 'personal_life'], subjects: ['agents'] },
  { domain: 'rh', when: /medecine/, categories: ['health'], subjects: [] },
  { domain: 'rh', when: /demandeur d'emploi|recrutement|candidat/, categories: [], subjects: ['job_applicants'] },
  { domain: 'action sociale', categories: ['identity', 'personal_life', 'economic_financial', 'nir'], subjects: ['social_aid_beneficiaries', 'vulnerable_persons'] },
  { domain: 'action sociale', when: /domicile|repas|hebergement/, categories: ['health'], subjects: [] },
  { domain: 'action sociale', when: /teleges/, categories: ['location'], subjects: ['agents'] },
  { domain: 'familles', categories: ['identity', 'personal_life', 'economic_financial'], subjects: ['children', 'parents'] },
  { domain: 'familles', when: /scolaire|enfance/, categories: ['health'], subjects: [] },
  { domain: 'affaires civiles', categories: ['identity', 'personal_life'], subjects: ['residents'] },
  { domain: 'affaires civiles', when: /election/, categories: [], subjects: ['voters'] },
  { domain: 'logement', categories: ['identity', 'personal_life', 'professional_life', 'economic_financial'], subjects: ['housing_applicants'] },
  { domain: 'logement', when: /loyer/, categories: [], subjects: ['tenants'] },
  { domain: 'offices hlm', categories: ['identity', 'personal_life', 'economic_financial'], subjects: ['tenants', 'housing_applicants'] },
  { domain: 'finances', categories: ['identity', 'economic_financial'], subjects: ['suppliers', 'residents'] },
  { domain: 'marches', categories: ['identity', 'professional_life', 'economic_financial', 'criminal_offences'], subjects: ['suppliers'] },
  { domain: 'administration generale', categories: ['identity', 'professional_life'], subjects: ['agents', 'elected_officials'] },
  { domain: 'administration generale', when: /courrier/, categories: ['personal_life'], subjects: ['residents'] },
  { domain: 'culture', categories: ['identity', 'economic_financial'], subjects: ['service_users'] },
  { domain: 'culture', when: /sigb/, categories: [], subjects: ['children'] },
  { domain: 'hygiene', categories: ['identity', 'personal_life', 'location'], subjects: ['residents'] },
  { domain: 'services techniques', categories: ['identity', 'professional_life'], subjects: ['agents'] },
  { domain: 'services techniques', when: /parc auto/, categories: ['location'], subjects: [] },
  { domain: 'services techniques', when: /locative/, categories: ['economic_financial'], subjects: ['tenants'] },
  { domain: 'services techniques', when: /publicite|tlpe/, categories: ['economic_financial'], subjects: ['suppliers'] },
];

export function suggestForApplication(domain: string, functions: string[], name = ''): Suggestion {
  const d = fold(domain);
  const text = fold([...functions, name].join(' '));
  const categories = new Set<string>();
  const subjects = new Set<string>();
  for (const r of RULES) {
    if (!d.startsWith(r.domain)) continue;
    if (r.when && !r.when.test(text)) continue;
    r.categories.forEach((c) => categories.add(c));
    r.subjects.forEach((s) => subjects.add(s));
  }
  categories.add('connection_data');
  return { dataCategories: [...categories], dataSubjects: [...subjects] };
}
