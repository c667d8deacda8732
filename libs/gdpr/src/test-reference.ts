import { ReferenceItem, ReferenceKind, ReferenceLookup } from './reference';

/** A small reference set for specs. */
export function testLookup(): ReferenceLookup {
  const item = (kind: ReferenceKind, code: string, extra: Partial<ReferenceItem> = {}): ReferenceItem => ({
    kind,
    code,
    label: extra.label ?? code,
    description: null,
    article: null,
    sensitive: false,
    regulated: false,
    vulnerable: false,
    group: null,
    position: 0,
    ...extra,
  });
  return new ReferenceLookup([
    item('data-categories', 'identity', { label: 'Identité' }),
    item('data-categories', 'health', { label: 'Santé', sensitive: true, article: '9(1)' }),
    item('data-categories', 'criminal_offences', { sensitive: true, article: '10' }),
    item('data-categories', 'nir', { regulated: true }),
    item('data-subject-categories', 'residents'),
    item('data-subject-categories', 'patients', { label: 'Patients', vulnerable: true }),
    item('legal-bases', 'public_task', { label: 'Mission d’intérêt public', article: '6(1)(e)' }),
    item('art9-conditions', 'health_social_care'),
    item('recipient-types', 'internal_service'),
    item('transfer-safeguards', 'standard_contractual_clauses'),
    item('security-measures', 'access_control'),
  ]);
}
