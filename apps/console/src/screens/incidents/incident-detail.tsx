import { Anchor, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams, useSearchParams } from 'react-router-dom';
import { api, ApiError, call } from '../../api/client';
import { saveBlob } from '../../components/download';
import { ErrorAlert } from '../../components/error-alert';
import { useAsync } from '../../components/use-async';
import { ActionsPanel } from './actions-panel';
import { BreachPanel } from './breach-panel';
import { EvidencePanel } from './evidence-panel';
import { IncidentStatusBadge, SeverityBadge } from './shared';
import { SummaryTab } from './summary-tab';
import { TimelinePanel } from './timeline-panel';
import type { IncidentView } from './types';

const TABS = ['summary', 'timeline', 'evidence', 'breach', 'actions'] as const;
type Tab = (typeof TABS)[number];

/** One incident: summary and lifecycle, timeline, evidence, breach and corrective actions, in tabs. */
export function IncidentDetail() {
  const { t } = useTranslation();
  const { ref = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'summary';
  const incident = useAsync(
    () => call<IncidentView>(api.GET('/api/v1/incidents/{id}', { params: { path: { id: ref } } })),
    [ref],
  );
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const [downloading, setDownloading] = useState(false);

  async function downloadPdf(reference: string) {
    setDownloadError(null);
    setDownloading(true);
    try {
      const blob = await call<Blob>(
        api.GET('/api/v1/incidents/{id}/report/pdf', { params: { path: { id: reference } }, parseAs: 'blob' }),
      );
      saveBlob(blob, `${reference}.pdf`);
    } catch (e) {
      setDownloadError(e);
    } finally {
      setDownloading(false);
    }
  }

  const back = (
    <Anchor component={RouterLink} to="/incidents">
      {t('incidents.back')}
    </Anchor>
  );
  if (incident.error instanceof ApiError && incident.error.status === 404)
    return (
      <Stack>
        {back}
        <Title order={2}>{t('incidents.title')}</Title>
        <Text role="alert">{t('incidents.notFound')}</Text>
      </Stack>
    );
  const i = incident.data;
  return (
    <Stack>
      {back}
      <ErrorAlert error={incident.error} />
      {i && (
        <>
          <Group justify="space-between" align="flex-start">
            <Stack gap={4}>
              <Title order={2}>
                {i.reference} — {i.title}
              </Title>
              <Group gap="xs">
                <SeverityBadge severity={i.severity} />
                <IncidentStatusBadge status={i.status} />
                {i.personalDataSuspected && (
                  <Text size="sm" fw={600}>
                    {t('incidents.personalDataSuspected')}
                  </Text>
                )}
              </Group>
            </Stack>
            <Button variant="outline" loading={downloading} onClick={() => void downloadPdf(i.reference)}>
              {t('incidents.report.pdf')}
            </Button>
          </Group>
          <ErrorAlert error={downloadError} />
          <Tabs
            value={tab}
            onChange={(v) =>
              setParams(
                (prev) => {
                  const next = new URLSearchParams(prev);
                  next.set('tab', v ?? 'summary');
                  return next;
                },
                { replace: true },
              )
            }
            keepMounted={false}
          >
            <Tabs.List aria-label={t('incidents.tabs.label')}>
              {TABS.map((x) => (
                <Tabs.Tab key={x} value={x}>
                  {t(`incidents.tabs.${x}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="summary" pt="md">
              <SummaryTab incident={i} onChange={incident.reload} />
            </Tabs.Panel>
            <Tabs.Panel value="timeline" pt="md">
              <TimelinePanel incident={i} />
            </Tabs.Panel>
            <Tabs.Panel value="evidence" pt="md">
              <EvidencePanel incident={i} />
            </Tabs.Panel>
            <Tabs.Panel value="breach" pt="md">
              <BreachPanel incident={i} onChange={incident.reload} />
            </Tabs.Panel>
            <Tabs.Panel value="actions" pt="md">
              <ActionsPanel incident={i} />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </Stack>
  );
}
