import { Anchor, Badge, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, call } from '../../api/client';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';
import { formatDuration } from './duration';
import { Panel } from './panel';
import type { DeadlineItem, DeadlineList, DeadlineState } from './types';
import { ColumnHeads } from '../../components/column-heads';

/** Deadlines still running: a notification is due or the controller's awareness is awaited. */
const RUNNING: DeadlineState[] = ['overdue', 'pending', 'awaiting_awareness'];
const STATE_STYLE: Record<DeadlineState, { colour: string; mark: string }> = {
  overdue: { colour: '#8f1d1d', mark: '⚠' },
  pending: { colour: '#f2c94c', mark: '⏳' },
  awaiting_awareness: { colour: '#e6e8eb', mark: '?' },
  notified: { colour: '#d3f9d8', mark: '✓' },
  notified_late: { colour: '#ffe8cc', mark: '✓' },
  not_required: { colour: '#e6e8eb', mark: '–' },
};

/** Re-renders every 30 s so the time left follows the clock. */
function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

export function DeadlinesPanel({ names, refresh }: { names: Map<string, string>; refresh: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const now = useNow();
  const { data, error, loading, reload } = useAsync(
    () => call<DeadlineList>(api.GET('/api/v1/incidents/breaches/deadlines')),
    [refresh],
  );
  const running = (data ?? []).filter((d) => RUNNING.includes(d.state));
  const count = (s: DeadlineState) => running.filter((d) => d.state === s).length;
  const left = (d: DeadlineItem): string => {
    if (!d.deadline) return t('dashboard.deadlines.noDeadline');
    const ms = Date.parse(d.deadline) - now;
    return ms < 0
      ? t('dashboard.deadlines.lateBy', { time: formatDuration(t, ms) })
      : t('dashboard.deadlines.remaining', { time: formatDuration(t, ms) });
  };
  return (
    <Panel id="deadlines" title={t('dashboard.deadlines.title')} state={{ data, error, loading, reload }}>
      {running.length === 0 ? (
        <Text size="sm">{t('dashboard.deadlines.none')}</Text>
      ) : (
        <>
          <Text size="sm" fw={600} data-testid="deadlines-summary">
            {t('dashboard.deadlines.summary', {
              overdue: f.number(count('overdue')),
              pending: f.number(count('pending')),
              awaiting: f.number(count('awaiting_awareness')),
            })}
          </Text>
          <Table striped data-testid="deadlines">
            <Table.Caption>{t('dashboard.deadlines.caption')}</Table.Caption>
            <ColumnHeads
              labels={[
                t('dashboard.deadlines.state'),
                t('dashboard.deadlines.controller'),
                t('dashboard.deadlines.incident'),
                t('dashboard.deadlines.deadline'),
                t('dashboard.deadlines.left'),
              ]}
            />
            <Table.Tbody>
              {running.map((d) => (
                <Table.Tr key={`${d.incidentId}|${d.member}`} data-state={d.state} data-member={d.member}>
                  <Table.Td>
                    <Badge color={STATE_STYLE[d.state].colour} autoContrast radius="sm">
                      <span aria-hidden="true">{STATE_STYLE[d.state].mark} </span>
                      {t(`dashboard.deadlines.states.${d.state}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Th scope="row" fw={500}>
                    {names.get(d.member) ?? d.member}
                  </Table.Th>
                  <Table.Td>
                    <Anchor component={Link} to={`/incidents/${d.incidentId}`}>
                      {d.incident}
                    </Anchor>{' '}
                    <Text span size="sm">
                      {d.title}
                    </Text>
                  </Table.Td>
                  <Table.Td>{f.dateTime(d.deadline)}</Table.Td>
                  <Table.Td fw={d.state === 'overdue' ? 700 : undefined}>{left(d)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      {data && data.length > running.length && (
        <Text size="xs" c="dimmed">
          {t('dashboard.deadlines.settled', { n: f.number(data.length - running.length) })}
        </Text>
      )}
    </Panel>
  );
}
