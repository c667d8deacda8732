import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function IncidentsScreen() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('incidents.title')}</Title>
    </Stack>
  );
}
