import { Anchor, Badge, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, call } from '../../api/client';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';
import { Panel } from './panel';
import type { IncidentList, Severity } from './types';

const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low'];
/** Background per severity; the text colour is picked for contrast. */
const SEVERITY_COLOURS: Record<Severity, string> = {
  critical: '#8f1d1d',
  high: '#b43c0c',
  medium: '#f2c94c',
  low: '#cfe3ff',
};
const SHOWN = 5;

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <Badge color={SEVERITY_COLOURS[severity]} autoContrast radius="sm">
      {t(`dashboard.incidents.severity.${severity}`)}
    </Badge>
  );
}

export function IncidentsPanel({ refresh }: { refresh: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { data, error, loading, reload } = useAsync(() => call<IncidentList>(api.GET('/api/v1/incidents')), [refresh]);
  const open = (data ?? [])
    .filter((i) => i.status !== 'closed')
    .sort(
      (a, b) =>
        SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
        b.detectedAt.localeCompare(a.detectedAt),
    );
  return (
    <Panel id="incidents" title={t('dashboard.incidents.title')} state={{ data, error, loading, reload }}>
      <Text size="sm" fw={600} data-testid="incidents-count">
        {t('dashboard.incidents.count', { n: f.number(open.length) })}
      </Text>
      {open.length === 0 ? (
        <Text size="sm">{t('dashboard.incidents.none')}</Text>
      ) : (
        <Stack gap="xs">
          <Group gap="md" role="group" aria-label={t('dashboard.incidents.bySeverity')}>
            {SEVERITY_ORDER.map((s) => (
              <Text key={s} size="sm">
                {t(`dashboard.incidents.severity.${s}`)} : {f.number(open.filter((i) => i.severity === s).length)}
              </Text>
            ))}
          </Group>
          <Text size="sm" id="incidents-most-severe">
            {t('dashboard.incidents.mostSevere')}
          </Text>
          <List spacing="xs" listStyleType="none" aria-labelledby="incidents-most-severe" data-testid="incidents-list">
            {open.slice(0, SHOWN).map((i) => (
              <List.Item key={i.id}>
                <Group gap="xs" wrap="nowrap" align="baseline">
                  <SeverityBadge severity={i.severity} />
                  <Anchor component={Link} to={`/incidents/${i.id}`}>
                    {i.reference} — {i.title}
                  </Anchor>
                </Group>
                <Text size="xs" c="dimmed" ml="xs">
                  {t(`dashboard.incidents.status.${i.status}`)} ·{' '}
                  {t('dashboard.incidents.detected', { date: f.dateTime(i.detectedAt) })}
                </Text>
              </List.Item>
            ))}
          </List>
          <Anchor component={Link} to="/incidents" size="sm">
            {t('dashboard.incidents.all')}
          </Anchor>
        </Stack>
      )}
    </Panel>
  );
}
