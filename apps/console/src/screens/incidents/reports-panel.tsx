import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { downloadFile } from '../../components/download';
import { ErrorAlert } from '../../components/error-alert';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';
import type { IncidentMetrics, IncidentStatus, Severity } from './types';

interface Filters {
  status?: IncidentStatus;
  severity?: Severity;
  member?: string;
}

/** MTTD / MTTC / MTTR and counts of the incident log, and its export (CSV, XLSX), with the list's filters. */
export function ReportsPanel({ filters }: { filters: Filters }) {
  const { t } = useTranslation();
  const f = useFormat();
  const key = JSON.stringify(filters);
  const metrics = useAsync(
    () => call<IncidentMetrics>(api.GET('/api/v1/incident-reports/metrics', { params: { query: filters } })),
    // The filters object is rebuilt at each render: its content is the dependency.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function download(format: 'csv' | 'xlsx') {
    setError(null);
    setBusy(format);
    try {
      await downloadFile(
        api.GET('/api/v1/incident-reports/log', { params: { query: { ...filters, format } }, parseAs: 'blob' }),
        `incident-log.${format}`,
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  const m = metrics.data;
  const mean = (d: { hours: number | null; count: number }) =>
    d.hours === null
      ? t('incidents.reports.unmeasured')
      : t('incidents.reports.hours', { value: f.number(Math.round(d.hours * 10) / 10), count: d.count });
  const rows: Array<[string, string, string]> = m
    ? [
        ['mttd', t('incidents.reports.mttd'), mean(m.meanTimeToDetectHours)],
        ['mttc', t('incidents.reports.mttc'), mean(m.meanTimeToContainHours)],
        ['mttr', t('incidents.reports.mttr'), mean(m.meanTimeToCloseHours)],
        ['incidents', t('incidents.reports.incidents'), f.number(m.incidents)],
        ['open', t('incidents.reports.open'), f.number(m.open)],
        ['actions', t('incidents.reports.actionsOverdue'), f.number(m.actionsOverdue.count)],
        ['deadlines', t('incidents.reports.deadlinesOverdue'), f.number(m.breachDeadlinesOverdue)],
      ]
    : [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="incident-reports">
      <Stack>
        <Title order={3} size="h4" id="incident-reports">
          {t('incidents.reports.title')}
        </Title>
        <ErrorAlert error={metrics.error} />
        {m && (
          <Table variant="vertical" withTableBorder data-testid="incident-metrics" maw={640}>
            <Table.Caption>{t('incidents.reports.metricsCaption')}</Table.Caption>
            <Table.Tbody>
              {rows.map(([id, label, value]) => (
                <Table.Tr key={id} data-metric={id}>
                  <Table.Th scope="row" w={340}>
                    {label}
                  </Table.Th>
                  <Table.Td>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group>
          <Button variant="outline" loading={busy === 'csv'} onClick={() => void download('csv')}>
            {t('incidents.reports.csv')}
          </Button>
          <Button variant="outline" loading={busy === 'xlsx'} onClick={() => void download('xlsx')}>
            {t('incidents.reports.xlsx')}
          </Button>
          <Text size="sm">{t('incidents.reports.exportHint')}</Text>
        </Group>
        <ErrorAlert error={error} />
      </Stack>
    </Paper>
  );
}
