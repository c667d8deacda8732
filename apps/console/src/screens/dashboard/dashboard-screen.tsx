import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function DashboardScreen() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('dashboard.title')}</Title>
    </Stack>
  );
}
