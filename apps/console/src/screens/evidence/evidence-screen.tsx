import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function EvidenceScreen() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('evidence.title')}</Title>
    </Stack>
  );
}
