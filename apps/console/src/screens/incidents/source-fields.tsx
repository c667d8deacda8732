import { NativeSelect, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { INCIDENT_SOURCES } from '../../../../../libs/isms/src/taxonomy';

export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

interface Props {
  source: IncidentSource;
  sourceRef: string;
  onChange(field: 'source', value: IncidentSource): void;
  onChange(field: 'sourceRef', value: string): void;
  errors?: { source?: string; sourceRef?: string };
}

/** Where an incident comes from (alert, user report, CERT-FR…) and that origin's own reference. */
export function SourceFields({ source, sourceRef, onChange, errors = {} }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <NativeSelect
        label={t('incidents.create.source')}
        value={source}
        error={errors.source}
        onChange={(e) => onChange('source', e.currentTarget.value as IncidentSource)}
        data={INCIDENT_SOURCES.map((c) => ({ value: c, label: t(`incidents.sources.${c}`) }))}
      />
      <TextInput
        label={t('incidents.create.sourceRef')}
        description={t('incidents.create.sourceRefHint')}
        value={sourceRef}
        error={errors.sourceRef}
        onChange={(e) => onChange('sourceRef', e.currentTarget.value)}
      />
    </>
  );
}
