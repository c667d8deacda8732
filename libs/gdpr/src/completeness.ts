import { FieldIssue } from './field-problem';
import { ActivityContent } from './record';
import { ReferenceLookup } from './reference';

const blank = (v: string | null | undefined) => !v || !v.trim();

/** EEA countries: no transfer safeguard needed inside. */
export const EEA_COUNTRIES = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO'.split(' '),
);

/**
 * What the CNIL model register asks of an Art. 30(1) record. A draft may miss
 * any of these; submitting for review or validating needs none missing.
 */
export function missingFields(c: ActivityContent, ref: ReferenceLookup): FieldIssue[] {
  const out: FieldIssue[] = [];
  const need = (field: string, problem: string) => out.push({ field, problem });
  if (blank(c.name)) need('name', 'the name of the processing is required');
  if (!c.purposes.some((p) => !blank(p))) need('purposes', 'at least one purpose is required');
  if (blank(c.legalBasis)) need('legalBasis', 'the legal basis (Art. 6(1)) is required');
  if (blank(c.legalBasisJustification)) need('legalBasisJustification', 'justify the legal basis (text, decree, contract...)');
  if (!c.dpo || blank(c.dpo.name)) need('dpo.name', 'the data protection officer is required');
  c.jointControllers.forEach((j, i) => {
    if (blank(j.name)) need(`jointControllers[${i}].name`, 'the joint controller needs a name');
  });
  if (!c.dataSubjects.length) need('dataSubjects', 'at least one category of data subjects is required');
  if (!c.dataCategories.length) need('dataCategories', 'at least one category of personal data is required');
  c.dataCategories.forEach((d, i) => {
    if (blank(d.retentionPeriod)) need(`dataCategories[${i}].retentionPeriod`, `retention period of ${d.code} is required`);
    if (!d.retentionFate) need(`dataCategories[${i}].retentionFate`, `fate of ${d.code} at the end of retention is required (delete, archive, anonymise)`);
  });
  const art9 = c.dataCategories.filter((d) => {
    const item = ref.get('data-categories', d.code);
    return item?.sensitive && item.article?.startsWith('9');
  });
  if (art9.length && blank(c.art9Condition))
    need('art9Condition', `special categories (${art9.map((d) => d.code).join(', ')}) need an Art. 9(2) condition`);
  if (!c.recipients.length) need('recipients', 'at least one recipient (internal or external) is required');
  c.transfers.forEach((t, i) => {
    if (blank(t.recipient)) need(`transfers[${i}].recipient`, 'the recipient of the transfer is required');
    if (!EEA_COUNTRIES.has(t.country) && blank(t.safeguard))
      need(`transfers[${i}].safeguard`, `a transfer to ${t.country} needs a safeguard (adequacy, SCCs, BCRs, Art. 49)`);
  });
  if (!c.securityMeasures.length) need('securityMeasures', 'at least one security measure is required');
  if (blank(c.dataSource)) need('dataSource', 'the source of the data is required');
  if (c.collectionMandatory === null || c.collectionMandatory === undefined)
    need('collectionMandatory', 'say whether collection is mandatory');
  if (c.automatedDecision === null || c.automatedDecision === undefined)
    need('automatedDecision', 'say whether automated decisions are made');
  else if (c.automatedDecision && blank(c.automatedDecisionDetails))
    need('automatedDecisionDetails', 'describe the automated decision and its logic');
  if (blank(c.rightsExercise)) need('rightsExercise', 'say how data subjects exercise their rights');
  return out;
}
