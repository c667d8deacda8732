import { FieldIssue } from './field-problem';
import { ActivityContent, DPIA_STATUSES, RETENTION_FATES } from './record';
import { ReferenceLookup } from './reference';
import { CNIL_DPIA_TYPES, EDPB_CRITERIA } from './dpia';

/**
 * Every code in a record must exist in the reference data (or be a known
 * application). Checked on every save, drafts included: a draft may be
 * incomplete but never wrong.
 */
export function checkReferences(c: ActivityContent, ref: ReferenceLookup, knownApplications: Set<string>): FieldIssue[] {
  const out: FieldIssue[] = [];
  const unknown = (field: string, kind: string, code: string) =>
    out.push({ field, problem: `unknown ${kind} ${JSON.stringify(code)}` });
  if (c.legalBasis && !ref.has('legal-bases', c.legalBasis)) unknown('legalBasis', 'legal basis', c.legalBasis);
  if (c.art9Condition && !ref.has('art9-conditions', c.art9Condition))
    unknown('art9Condition', 'Art. 9(2) condition', c.art9Condition);
  c.dataSubjects.forEach((s, i) => {
    if (!ref.has('data-subject-categories', s.code)) unknown(`dataSubjects[${i}].code`, 'data subject category', s.code);
  });
  const seen = new Set<string>();
  c.dataCategories.forEach((d, i) => {
    if (!ref.has('data-categories', d.code)) unknown(`dataCategories[${i}].code`, 'data category', d.code);
    else if (seen.has(d.code)) out.push({ field: `dataCategories[${i}].code`, problem: `${d.code} is listed twice` });
    seen.add(d.code);
    if (d.retentionFate && !(RETENTION_FATES as readonly string[]).includes(d.retentionFate))
      out.push({ field: `dataCategories[${i}].retentionFate`, problem: `must be one of ${RETENTION_FATES.join(', ')}` });
  });
  c.recipients.forEach((r, i) => {
    if (!ref.has('recipient-types', r.type)) unknown(`recipients[${i}].type`, 'recipient type', r.type);
  });
  c.transfers.forEach((t, i) => {
    if (t.safeguard && !ref.has('transfer-safeguards', t.safeguard))
      unknown(`transfers[${i}].safeguard`, 'transfer safeguard', t.safeguard);
    if (!/^[A-Z]{2}$/.test(t.country))
      out.push({ field: `transfers[${i}].country`, problem: 'must be an ISO 3166-1 alpha-2 country code (e.g. US)' });
  });
  c.securityMeasures.forEach((s, i) => {
    if (!ref.has('security-measures', s.type)) unknown(`securityMeasures[${i}].type`, 'security measure type', s.type);
  });
  c.applicationIds.forEach((id, i) => {
    if (!knownApplications.has(id)) unknown(`applicationIds[${i}]`, 'application', id);
  });
  c.dpia.criteria.forEach((code, i) => {
    if (!EDPB_CRITERIA.some((k) => k.code === code)) unknown(`dpia.criteria[${i}]`, 'EDPB criterion', code);
  });
  c.dpia.cnilTypes.forEach((code, i) => {
    if (!CNIL_DPIA_TYPES.some((k) => k.code === code)) unknown(`dpia.cnilTypes[${i}]`, 'CNIL processing type', code);
  });
  if (!(DPIA_STATUSES as readonly string[]).includes(c.dpia.status))
    out.push({ field: 'dpia.status', problem: `must be one of ${DPIA_STATUSES.join(', ')}` });
  return out;
}
