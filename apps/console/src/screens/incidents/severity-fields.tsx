import { Alert, Group, NativeSelect, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LEVELS, severityOf, type Level } from '../../../../../libs/isms/src/severity';
import { SeverityBadge } from './shared';

interface Props {
  impact: Level;
  urgency: Level;
  onChange(field: 'impact' | 'urgency', value: Level): void;
  labels: { impact: string; urgency: string };
  errors?: { impact?: string; urgency?: string };
  /** The test id of the severity preview. */
  previewTestId: string;
}

/** Impact and urgency, and the severity they give (ITIL matrix) shown as the form is filled. */
export function SeverityFields({ impact, urgency, onChange, labels, errors = {}, previewTestId }: Props) {
  const { t } = useTranslation();
  const levels = LEVELS.map((l) => ({ value: l, label: t(`incidents.levels.${l}`) }));
  const severity = severityOf(impact, urgency);
  return (
    <>
      <Group grow align="flex-start">
        <NativeSelect
          label={labels.impact}
          value={impact}
          error={errors.impact}
          onChange={(e) => onChange('impact', e.currentTarget.value as Level)}
          data={levels}
        />
        <NativeSelect
          label={labels.urgency}
          value={urgency}
          error={errors.urgency}
          onChange={(e) => onChange('urgency', e.currentTarget.value as Level)}
          data={levels}
        />
      </Group>
      <Alert variant="light" color="gray" aria-live="polite" data-testid={previewTestId}>
        <Group gap="xs">
          <Text size="sm">
            {t('incidents.create.severityResult', { severity: t(`incidents.severities.${severity}`) })}
          </Text>
          <SeverityBadge severity={severity} />
        </Group>
      </Alert>
    </>
  );
}
