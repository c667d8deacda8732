import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useSession } from '../../auth/session';
import { useAsync } from '../../components/use-async';
import { ControlsPanel } from './controls-panel';
import { ExportPanel } from './export-panel';
import type { ControlChecklist } from './types';

/** Roles that may export evidence bundles (POST /api/v1/evidence/exports). */
const EXPORTERS = ['admin', 'rssi', 'auditor', 'referent'] as const;

/** For auditors: signed evidence bundles for a period and scope, and the framework controls' statements. */
export function EvidenceScreen() {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  const checklist = useAsync(() => call<ControlChecklist>(api.GET('/api/v1/evidence/controls/checklist')), []);
  return (
    <Stack>
      <Title order={2}>{t('evidence.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('evidence.subtitle')}
      </Text>
      {hasRole(...EXPORTERS) ? (
        <ExportPanel frameworks={checklist.data?.frameworks} />
      ) : (
        <Paper withBorder p="md" component="section" aria-labelledby="export-title">
          <Title order={3} size="h4" id="export-title">
            {t('evidence.export.title')}
          </Title>
          <Text size="sm">{t('evidence.forbidden')}</Text>
        </Paper>
      )}
      <ControlsPanel
        frameworks={checklist.data?.frameworks}
        error={checklist.error}
        loading={checklist.loading}
        reload={checklist.reload}
      />
    </Stack>
  );
}
