import { Anchor, Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { SEVERITIES } from '../../../../../libs/isms/src/severity';
import { INCIDENT_STATUSES } from '../../../../../libs/isms/src/incident-status';
import { api, call } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/error-alert';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';
import { ReportsPanel } from './reports-panel';
import { IncidentStatusBadge, SeverityBadge, useMembers } from './shared';
import type { IncidentList as List, IncidentStatus, Severity } from './types';
import { ColumnHeads } from '../../components/column-heads';

/** The incident log with filters kept in the address (status, severity, member). */
export function IncidentList() {
  const { t } = useTranslation();
  const f = useFormat();
  const { hasRole } = useSession();
  const members = useMembers();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? '') as IncidentStatus | '';
  const severity = (params.get('severity') ?? '') as Severity | '';
  const member = params.get('member') ?? '';
  const { data, error } = useAsync(
    () =>
      call<List>(
        api.GET('/api/v1/incidents', {
          params: {
            query: {
              ...(status ? { status } : {}),
              ...(severity ? { severity } : {}),
              ...(member ? { member } : {}),
            },
          },
        }),
      ),
    [status, severity, member],
  );
  // Changes not yet in the address: quick successive changes build on one another, not on a stale address.
  const pending = useRef<URLSearchParams | null>(null);
  useEffect(() => {
    if (pending.current?.toString() === params.toString()) pending.current = null;
  }, [params]);
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(pending.current ?? params);
    if (value) next.set(key, value);
    else next.delete(key);
    pending.current = next;
    setParams(new URLSearchParams(next), { replace: true });
  };
  const all = { value: '', label: t('common.all') };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('incidents.title')}</Title>
        {hasRole('admin', 'rssi') && (
          <Button component={RouterLink} to="/incidents/new">
            {t('incidents.newIncident')}
          </Button>
        )}
      </Group>
      <Group component="nav" aria-label={t('incidents.title')} gap="lg">
        <Anchor component={RouterLink} to="/incidents/deadlines">
          {t('incidents.deadlines.link')}
        </Anchor>
        <Anchor component={RouterLink} to="/incidents/register">
          {t('incidents.register.link')}
        </Anchor>
        <Anchor component={RouterLink} to="/incidents/actions">
          {t('incidents.overview.link')}
        </Anchor>
      </Group>
      <Paper withBorder p="sm" component="section" aria-label={t('incidents.filters')}>
        <Group align="flex-end">
          <NativeSelect
            label={t('incidents.status')}
            value={status}
            onChange={(e) => setFilter('status', e.currentTarget.value)}
            data={[all, ...INCIDENT_STATUSES.map((s) => ({ value: s, label: t(`incidents.statuses.${s}`) }))]}
          />
          <NativeSelect
            label={t('incidents.severity')}
            value={severity}
            onChange={(e) => setFilter('severity', e.currentTarget.value)}
            data={[all, ...[...SEVERITIES].reverse().map((s) => ({ value: s, label: t(`incidents.severities.${s}`) }))]}
          />
          <NativeSelect
            label={t('common.member')}
            value={member}
            onChange={(e) => setFilter('member', e.currentTarget.value)}
            data={[all, ...members.list.map((m) => ({ value: m.code, label: m.name }))]}
          />
        </Group>
      </Paper>
      <ErrorAlert error={error} />
      <Table striped highlightOnHover data-testid="incidents-table">
        <Table.Caption>{t('incidents.listCaption')}</Table.Caption>
        <ColumnHeads
          labels={[
            t('incidents.reference'),
            t('incidents.name'),
            t('incidents.severity'),
            t('incidents.status'),
            t('incidents.members'),
            t('incidents.personalData'),
            t('incidents.detectedAt'),
          ]}
        />
        <Table.Tbody>
          {(data ?? []).map((i) => (
            <Table.Tr key={i.id} data-incident={i.reference}>
              <Table.Td>
                <Anchor component={RouterLink} to={`/incidents/${i.reference}`}>
                  {i.reference}
                </Anchor>
              </Table.Td>
              <Table.Td>{i.title}</Table.Td>
              <Table.Td>
                <SeverityBadge severity={i.severity} />
              </Table.Td>
              <Table.Td>
                <IncidentStatusBadge status={i.status} />
              </Table.Td>
              <Table.Td>{i.members.map((m) => members.name(m.member)).join(', ') || '—'}</Table.Td>
              <Table.Td>{i.personalDataSuspected ? t('common.yes') : t('common.no')}</Table.Td>
              <Table.Td>{f.dateTime(i.detectedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data && data.length === 0 && <Text>{t('common.empty')}</Text>}
      <ReportsPanel
        filters={{
          ...(status ? { status } : {}),
          ...(severity ? { severity } : {}),
          ...(member ? { member } : {}),
        }}
      />
    </Stack>
  );
}
