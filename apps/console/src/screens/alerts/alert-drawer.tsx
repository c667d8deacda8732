import { Code, Drawer, Group, Loader, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { AlertDetail } from '../../api/responses';
import { LevelBadge, StatusBadge } from '../../components/badges';
import { ErrorAlert } from '../../components/error-alert';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';

/** An alert with its history and related events. */
export function AlertDrawer({ id, onClose }: { id: string | null; onClose(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { data, error, loading } = useAsync(
    () =>
      id ? call<AlertDetail>(api.GET('/api/v1/alerts/{id}', { params: { path: { id } } })) : Promise.resolve(undefined),
    [id],
  );
  return (
    <Drawer
      opened={!!id}
      onClose={onClose}
      position="right"
      size="xl"
      title={t('alerts.detail')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {loading && <Loader aria-label={t('app.loading')} />}
      <ErrorAlert error={error} />
      {data && (
        <Stack>
          <Title order={3}>{data.rule.title}</Title>
          <Group>
            <LevelBadge level={data.rule.level} />
            <StatusBadge status={data.status} />
            <Text size="sm">{data.members.join(', ')}</Text>
          </Group>
          <Table>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row">{t('alerts.groupKey')}</Table.Th>
                <Table.Td>{data.groupKey}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('alerts.hosts')}</Table.Th>
                <Table.Td>{data.hosts.join(', ')}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('alerts.count')}</Table.Th>
                <Table.Td>{f.number(data.count)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('alerts.firstSeen')}</Table.Th>
                <Table.Td>{f.dateTime(data.firstSeen)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('alerts.lastSeen')}</Table.Th>
                <Table.Td>{f.dateTime(data.lastSeen)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('alerts.personalData')}</Table.Th>
                <Table.Td>{data.personalData ? t('common.yes') : t('common.no')}</Table.Td>
              </Table.Tr>
              {data.closeReason && (
                <Table.Tr>
                  <Table.Th scope="row">{t('alerts.closeReason')}</Table.Th>
                  <Table.Td>{t(`closeReason.${data.closeReason}`)}</Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
          <Title order={4}>{t('alerts.history')}</Title>
          <Timeline bulletSize={12} lineWidth={2} aria-label={t('alerts.history')}>
            {data.history.map((h) => (
              <Timeline.Item key={h.id} title={t('alerts.historyEntry', { actor: h.actor, action: h.action })}>
                <Text size="xs">{f.dateTime(h.at)}</Text>
                {h.field && (
                  <Text size="sm">
                    {h.field}: {h.from ?? '—'} → {h.to ?? '—'}
                  </Text>
                )}
                {h.comment && <Text size="sm">« {h.comment} »</Text>}
              </Timeline.Item>
            ))}
          </Timeline>
          <Title order={4}>{t('alerts.relatedEvents')}</Title>
          {data.relatedEvents.length === 0 && <Text size="sm">{t('alerts.noRelated')}</Text>}
          {data.relatedEvents.slice(0, 20).map((e) => (
            <Code block key={e.id} className="ecs-doc" tabIndex={0} aria-label={t('events.document')}>
              {JSON.stringify(e.doc, null, 2)}
            </Code>
          ))}
        </Stack>
      )}
    </Drawer>
  );
}
