import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, call } from '../../api/client';
import { ALERT_LEVELS } from '../../api/enums';
import type { AlertLevel, AlertList, AlertStatus } from '../../api/responses';
import { LevelBadge } from '../../components/badges';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';
import { Panel } from './panel';
import { ColumnHeads } from '../../components/column-heads';

const UNCLOSED: AlertStatus[] = ['open', 'acknowledged', 'in_progress'];

interface LevelCount {
  level: AlertLevel;
  unclosed: number;
  open: number;
}

/** One page-of-one query per level: its per-status counts (the API scopes them to the caller's members). */
async function loadCounts(): Promise<LevelCount[]> {
  return Promise.all(
    ALERT_LEVELS.map(async (level) => {
      const page = await call<AlertList>(
        api.GET('/api/v1/alerts', { params: { query: { level: [level], status: UNCLOSED, limit: 1 } } }),
      );
      const c = page.counts as Record<string, number>;
      return { level, unclosed: UNCLOSED.reduce((n, s) => n + (c[s] ?? 0), 0), open: c.open ?? 0 };
    }),
  );
}

/** The alert queue filtered on a level and the unclosed statuses. */
export const alertQueueLink = (level: AlertLevel) => `/alerts?level=${level}&status=${UNCLOSED.join(',')}`;

export function AlertsPanel({ refresh }: { refresh: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { data, error, loading, reload } = useAsync(loadCounts, [refresh]);
  const total = data?.reduce((n, l) => n + l.unclosed, 0) ?? 0;
  return (
    <Panel id="alerts" title={t('dashboard.alerts.title')} state={{ data, error, loading, reload }}>
      <Text size="sm" fw={600} data-testid="alerts-total">
        {t('dashboard.alerts.total', { n: f.number(total) })}
      </Text>
      <Table data-testid="alerts-by-level">
        <Table.Caption>{t('dashboard.alerts.caption')}</Table.Caption>
        <ColumnHeads
          labels={[t('dashboard.alerts.level'), t('dashboard.alerts.unclosed'), t('dashboard.alerts.open')]}
        />
        <Table.Tbody>
          {data?.map((l) => (
            <Table.Tr key={l.level} data-level={l.level}>
              <Table.Th scope="row" fw={400}>
                <LevelBadge level={l.level} />
              </Table.Th>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={alertQueueLink(l.level)}
                  aria-label={`${f.number(l.unclosed)} — ${t('dashboard.alerts.link', { level: t(`level.${l.level}`) })}`}
                  data-testid={`alerts-level-${l.level}`}
                >
                  {f.number(l.unclosed)}
                </Anchor>
              </Table.Td>
              <Table.Td>{f.number(l.open)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Panel>
  );
}
