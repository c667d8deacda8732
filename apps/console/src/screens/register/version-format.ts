import { useTranslation } from 'react-i18next';
import type { ReferenceData } from './reference';
import type { ActivityContent, ReferenceKind } from './types';

type Snapshot = Partial<ActivityContent> & { status?: string };

/**
 * A version's field in words for the side-by-side comparison: statuses and
 * reference codes by their labels, lists one item a line, applications by name.
 */
export function useVersionFormat(ref: ReferenceData | undefined, applicationNames: Map<string, string>) {
  const { t } = useTranslation();
  const empty = t('registerEditor.history.empty');
  const label = (kind: ReferenceKind, code: string | null | undefined) =>
    code ? (ref ? ref.lookup.label(kind, code) : code) : empty;
  const yesNo = (v: boolean | null | undefined) =>
    v === null || v === undefined ? empty : v ? t('common.yes') : t('common.no');
  const lines = (items: string[]) => (items.length ? items.join('\n') : empty);
  const text = (v: string | null | undefined) => (v ? v : empty);
  const party = (p: { name: string; contact?: string | null }) => (p.contact ? `${p.name} (${p.contact})` : p.name);

  return (field: keyof Snapshot, s: Snapshot): string => {
    switch (field) {
      case 'status':
        return s.status ? t(`registerEditor.status.${s.status}`) : empty;
      case 'purposes':
        return lines(s.purposes ?? []);
      case 'legalBasis':
        return label('legal-bases', s.legalBasis);
      case 'art9Condition':
        return label('art9-conditions', s.art9Condition);
      case 'jointControllers':
        return lines((s.jointControllers ?? []).map(party));
      case 'dpo':
        return s.dpo ? party(s.dpo) : empty;
      case 'dataSubjects':
        return lines(
          (s.dataSubjects ?? []).map(
            (x) => `${label('data-subject-categories', x.code)}${x.volume ? ` (${x.volume})` : ''}`,
          ),
        );
      case 'dataCategories':
        return lines(
          (s.dataCategories ?? []).map((d) =>
            [
              label('data-categories', d.code),
              d.description,
              d.retentionPeriod,
              d.retentionFate ? t(`registerEditor.form.fates.${d.retentionFate}`) : null,
            ]
              .filter(Boolean)
              .join(' — '),
          ),
        );
      case 'recipients':
        return lines((s.recipients ?? []).map((r) => `${r.name} (${label('recipient-types', r.type)})`));
      case 'transfers':
        return lines(
          (s.transfers ?? []).map((x) =>
            [x.recipient, x.country, x.safeguard ? label('transfer-safeguards', x.safeguard) : null, x.documentation]
              .filter(Boolean)
              .join(' — '),
          ),
        );
      case 'securityMeasures':
        return lines((s.securityMeasures ?? []).map((m) => `${label('security-measures', m.type)} : ${m.description}`));
      case 'applicationIds':
        return lines((s.applicationIds ?? []).map((id) => applicationNames.get(id) ?? id));
      case 'collectionMandatory':
        return yesNo(s.collectionMandatory);
      case 'automatedDecision':
        return yesNo(s.automatedDecision);
      case 'dpia': {
        if (!s.dpia) return empty;
        const criteria = s.dpia.criteria.map((c) => ref?.dpiaCriteria.find((x) => x.code === c)?.label ?? c);
        const types = s.dpia.cnilTypes.map((c) => ref?.dpiaTypes.find((x) => x.code === c)?.label ?? c);
        return lines([
          [t(`registerEditor.dpia.statuses.${s.dpia.status}`), s.dpia.reference, s.dpia.date]
            .filter(Boolean)
            .join(' — '),
          ...criteria,
          ...types,
        ]);
      }
      default: {
        const v = s[field];
        return typeof v === 'string' ? text(v) : v === null || v === undefined ? empty : JSON.stringify(v);
      }
    }
  };
}
