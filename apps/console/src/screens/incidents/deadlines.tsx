import { Anchor, Badge, Checkbox, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { api, call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';
import { NO_TRUNCATION, split, useMembers, useNow } from './shared';
import type { BreachDeadline } from './types';
import { ColumnHeads } from '../../components/column-heads';

/** Deadlines still running: a notification is due, or the controller's awareness is awaited. */
const RUNNING = new Set<BreachDeadline['state']>(['overdue', 'pending', 'awaiting_awareness']);

/** Dark backgrounds for white text (WCAG AA contrast); the badge says the state in words. */
const STATE_COLOURS: Record<BreachDeadline['state'], string> = {
  overdue: '#8f1d1d',
  pending: '#8a3b12',
  awaiting_awareness: '#4b5563',
  notified_late: '#8f1d1d',
  notified: '#245c1f',
  not_required: '#4b5563',
};

/**
 * Every controller's 72 h CNIL deadline in my scope, across incidents: overdue
 * first (the server's order), with a countdown said in words that ticks every second.
 */
export function DeadlinesOverview() {
  const { t } = useTranslation();
  const f = useFormat();
  const members = useMembers();
  const [params, setParams] = useSearchParams();
  // Local state, so the box follows the click at once; the address keeps it for a reload.
  const [all, setAll] = useState(() => params.get('all') === '1');
  const list = useAsync(async () => {
    const rows = await call<BreachDeadline[]>(api.GET('/api/v1/incidents/breaches/deadlines'));
    return { rows, fetchedAt: Date.now() };
  }, []);
  const now = useNow(1000);
  const rows = (list.data?.rows ?? []).filter((d) => all || RUNNING.has(d.state));

  function countdown(d: BreachDeadline): string {
    if (d.remainingMs === null) return '—';
    // Counted from the server's answer, so a skewed workstation clock does not move the deadline.
    const r = d.remainingMs - (now - (list.data?.fetchedAt ?? now));
    return r >= 0 ? t('incidents.breach.remaining', split(r)) : t('incidents.breach.overdue', split(r));
  }

  return (
    <Stack>
      <Anchor component={RouterLink} to="/incidents">
        {t('incidents.back')}
      </Anchor>
      <Title order={2}>{t('incidents.deadlines.title')}</Title>
      <Text>{t('incidents.deadlines.intro')}</Text>
      <Group>
        <Checkbox
          label={t('incidents.deadlines.showAll')}
          checked={all}
          onChange={(e) => {
            const checked = e.currentTarget.checked;
            setAll(checked);
            setParams(checked ? { all: '1' } : {}, { replace: true });
          }}
        />
      </Group>
      <ErrorAlert error={list.error} />
      <Table striped withTableBorder data-testid="deadlines-table">
        <Table.Caption>{t('incidents.deadlines.caption')}</Table.Caption>
        <ColumnHeads
          labels={[
            t('incidents.deadlines.incident'),
            t('incidents.deadlines.controller'),
            t('incidents.deadlines.state'),
            t('incidents.deadlines.countdown'),
            t('incidents.deadlines.deadline'),
            t('incidents.deadlines.awareAt'),
            t('incidents.deadlines.risk'),
          ]}
        />
        <Table.Tbody>
          {rows.map((d) => (
            <Table.Tr
              key={`${d.incidentId}-${d.member}`}
              data-incident={d.incident}
              data-member={d.member}
              data-state={d.state}
            >
              <Table.Td>
                <Anchor component={RouterLink} to={`/incidents/${d.incident}?tab=breach`}>
                  {d.incident}
                </Anchor>
                <Text size="xs">{d.title}</Text>
              </Table.Td>
              <Table.Td>{members.name(d.member)}</Table.Td>
              <Table.Td>
                <Badge color={STATE_COLOURS[d.state]} variant="filled" radius="sm" styles={NO_TRUNCATION}>
                  {t(`incidents.deadlines.states.${d.state}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <span role="timer" data-testid={`deadline-countdown-${d.incident}-${d.member}`}>
                  {countdown(d)}
                </span>
              </Table.Td>
              <Table.Td>{f.dateTime(d.deadline)}</Table.Td>
              <Table.Td>{f.dateTime(d.awareAt)}</Table.Td>
              <Table.Td>
                {d.risk
                  ? t(`incidents.breach.risks.${d.risk as 'none' | 'risk' | 'high'}`)
                  : t('incidents.deadlines.notAssessed')}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data && rows.length === 0 && <Text>{t('incidents.deadlines.empty')}</Text>}
    </Stack>
  );
}
