import { useMemo } from 'react';
import { api, call } from '../../api/client';
import { useAsync } from '../../components/use-async';
import { ReferenceLookup } from './gdpr';
import type { ChecklistItem, ReferenceItem } from './types';

export interface ReferenceData {
  dataCategories: ReferenceItem[];
  subjects: ReferenceItem[];
  legalBases: ReferenceItem[];
  art9: ReferenceItem[];
  recipientTypes: ReferenceItem[];
  safeguards: ReferenceItem[];
  measures: ReferenceItem[];
  dpiaCriteria: ChecklistItem[];
  dpiaTypes: ChecklistItem[];
  lookup: ReferenceLookup;
}

/** Every list the register form selects from, read once from /api/v1/reference. */
export function useReferenceData() {
  const state = useAsync(async () => {
    const items = (p: Parameters<typeof call>[0]) => call<ReferenceItem[]>(p);
    const [dataCategories, subjects, legalBases, art9, recipientTypes, safeguards, measures, dpiaCriteria, dpiaTypes] =
      await Promise.all([
        items(api.GET('/api/v1/reference/data-categories')),
        items(api.GET('/api/v1/reference/data-subject-categories')),
        items(api.GET('/api/v1/reference/legal-bases')),
        items(api.GET('/api/v1/reference/art9-conditions')),
        items(api.GET('/api/v1/reference/recipient-types')),
        items(api.GET('/api/v1/reference/transfer-safeguards')),
        items(api.GET('/api/v1/reference/security-measures')),
        call<ChecklistItem[]>(api.GET('/api/v1/reference/dpia-criteria')),
        call<ChecklistItem[]>(api.GET('/api/v1/reference/dpia-processing-types')),
      ]);
    return {
      dataCategories,
      subjects,
      legalBases,
      art9,
      recipientTypes,
      safeguards,
      measures,
      dpiaCriteria,
      dpiaTypes,
    };
  }, []);
  const data = useMemo<ReferenceData | undefined>(
    () =>
      state.data && {
        ...state.data,
        lookup: new ReferenceLookup([
          ...state.data.dataCategories,
          ...state.data.subjects,
          ...state.data.legalBases,
          ...state.data.art9,
          ...state.data.recipientTypes,
          ...state.data.safeguards,
          ...state.data.measures,
        ]),
      },
    [state.data],
  );
  return { data, error: state.error };
}

/** "label (article)" for a select option. */
export const optionLabel = (i: ReferenceItem) => (i.article ? `${i.label} (art. ${i.article})` : i.label);
