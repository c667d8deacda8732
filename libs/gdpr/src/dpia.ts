import { ActivityContent } from './record';
import { ReferenceLookup } from './reference';

export interface ChecklistItem {
  code: string;
  label: string;
  description: string;
}

/** The nine criteria of the EDPB guidelines on DPIA (WP248 rev.01). Two or more: a DPIA is likely required. */
export const EDPB_CRITERIA: readonly ChecklistItem[] = [
  { code: 'evaluation_scoring', label: 'Évaluation ou notation', description: 'Evaluation or scoring, including profiling and predicting' },
  { code: 'automated_decision', label: 'Décision automatisée avec effet juridique', description: 'Automated decision-making with legal or similar significant effect' },
  { code: 'systematic_monitoring', label: 'Surveillance systématique', description: 'Systematic monitoring of data subjects' },
  { code: 'sensitive_data', label: 'Données sensibles ou hautement personnelles', description: 'Sensitive data or data of a highly personal nature' },
  { code: 'large_scale', label: 'Traitement à grande échelle', description: 'Data processed on a large scale' },
  { code: 'matching_combining', label: 'Croisement ou combinaison de données', description: 'Matching or combining datasets' },
  { code: 'vulnerable_subjects', label: 'Personnes vulnérables', description: 'Data concerning vulnerable data subjects' },
  { code: 'innovative_technology', label: 'Usage innovant', description: 'Innovative use or new technological or organisational solutions' },
  { code: 'prevents_rights', label: 'Exclusion du bénéfice d’un droit ou d’un contrat', description: 'Processing that prevents data subjects from exercising a right or using a service or a contract' },
];

/**
 * The CNIL's list of processing types for which a DPIA is required
 * (délibération n° 2018-327 du 11 octobre 2018).
 */
export const CNIL_DPIA_TYPES: readonly ChecklistItem[] = [
  { code: 'health_care_establishment', label: 'Données de santé traitées par les établissements de santé ou médico-sociaux pour la prise en charge des personnes', description: 'Health data processed by care or medico-social establishments for patient care' },
  { code: 'genetic_vulnerable', label: 'Données génétiques de personnes vulnérables', description: 'Genetic data of vulnerable persons' },
  { code: 'hr_profiling', label: 'Profils de personnes à des fins de gestion des ressources humaines', description: 'Profiling of people for human resources management' },
  { code: 'employee_monitoring', label: 'Surveillance constante de l’activité des employés', description: 'Constant monitoring of employees’ activity' },
  { code: 'social_health_alerts', label: 'Gestion des alertes et signalements en matière sociale et sanitaire', description: 'Management of social and health alerts and reports' },
  { code: 'professional_alerts', label: 'Gestion des alertes et signalements en matière professionnelle', description: 'Management of professional alerts (whistleblowing)' },
  { code: 'health_warehouse', label: 'Entrepôt de données ou registre de santé', description: 'Health data warehouse or registry' },
  { code: 'profiling_contract_exclusion', label: 'Profilage pouvant aboutir à l’exclusion du bénéfice d’un contrat', description: 'Profiling that may lead to exclusion from, suspension or termination of a contract' },
  { code: 'pooled_breaches', label: 'Traitements mutualisés de manquements contractuels', description: 'Pooled processing of contractual breaches that may lead to exclusion' },
  { code: 'external_profiling', label: 'Profilage faisant appel à des données de sources externes', description: 'Profiling using data from external sources' },
  { code: 'biometric_vulnerable', label: 'Biométrie de reconnaissance incluant des personnes vulnérables', description: 'Biometric recognition including vulnerable persons' },
  { code: 'social_housing', label: 'Instruction des demandes et gestion des logements sociaux', description: 'Social housing applications and management' },
  { code: 'social_support', label: 'Accompagnement social ou médico-social des personnes', description: 'Social or medico-social support of persons' },
  { code: 'large_scale_location', label: 'Données de localisation à large échelle', description: 'Large-scale location data' },
];

export interface DpiaCriterionHit {
  code: string;
  label: string;
  /** `declared` by the DPO, or `derived` from the record's data and subjects. */
  source: 'declared' | 'derived';
  detail?: string;
}

export interface DpiaAssessment {
  required: boolean;
  reasons: string[];
  criteria: DpiaCriterionHit[];
  cnilTypes: ChecklistItem[];
  /** Required, and no DPIA planned, in progress or done. */
  missing: boolean;
}

const criterionLabel = (code: string) => EDPB_CRITERIA.find((c) => c.code === code)?.label ?? code;

/**
 * "DPIA required" with its reasons: two or more EDPB criteria, or one CNIL
 * list type. Criteria the data makes obvious are derived: Art. 9 or Art. 10
 * data (sensitive data), vulnerable subjects (children, patients, employees,
 * social aid beneficiaries...), automated decisions. The DPO declares the rest.
 */
export function assessDpia(c: ActivityContent, ref: ReferenceLookup): DpiaAssessment {
  const hits = new Map<string, DpiaCriterionHit>();
  for (const code of c.dpia.criteria) hits.set(code, { code, label: criterionLabel(code), source: 'declared' });
  const derive = (code: string, detail: string) => {
    if (!hits.has(code)) hits.set(code, { code, label: criterionLabel(code), source: 'derived', detail });
  };
  const sensitive = c.dataCategories.filter((d) => ref.get('data-categories', d.code)?.sensitive);
  if (sensitive.length)
    derive('sensitive_data', `data categories: ${sensitive.map((d) => ref.label('data-categories', d.code)).join(', ')}`);
  const vulnerable = c.dataSubjects.filter((s) => ref.get('data-subject-categories', s.code)?.vulnerable);
  if (vulnerable.length)
    derive(
      'vulnerable_subjects',
      `data subjects: ${vulnerable.map((s) => ref.label('data-subject-categories', s.code)).join(', ')}`,
    );
  if (c.automatedDecision) derive('automated_decision', 'the record declares automated decisions');
  const criteria = [...hits.values()];
  const cnilTypes = CNIL_DPIA_TYPES.filter((t) => c.dpia.cnilTypes.includes(t.code));
  const reasons: string[] = [];
  if (criteria.length >= 2)
    reasons.push(
      `${criteria.length} EDPB criteria met: ${criteria.map((h) => `${h.label} (${h.source}${h.detail ? `: ${h.detail}` : ''})`).join('; ')}`,
    );
  for (const t of cnilTypes) reasons.push(`on the CNIL list of processing requiring a DPIA: ${t.label}`);
  const required = reasons.length > 0;
  return {
    required,
    reasons,
    criteria,
    cnilTypes,
    missing: required && !['planned', 'in_progress', 'done'].includes(c.dpia.status),
  };
}
