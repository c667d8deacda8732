import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" role="alert">
      {t('common.error', { message: error instanceof Error ? error.message : String(error) })}
    </Alert>
  );
}
