import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function MapScreen() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('map.title')}</Title>
    </Stack>
  );
}
