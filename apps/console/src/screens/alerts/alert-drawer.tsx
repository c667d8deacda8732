import {
  Alert as Notice,
  Anchor,
  Button,
  Drawer,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, call } from '../../api/client';
import type { AlertDetail } from '../../api/responses';
import { useSession } from '../../auth/session';
import { LevelBadge, StatusBadge } from '../../components/badges';
import { ErrorAlert } from '../../components/error-alert';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';
import { EscalateModal } from './escalate-modal';
import { ExceptionModal } from './exception-modal';
import { RelatedEvents } from './related-events';

/**
 * An alert with its history and its related events; for those who triage, "create an exception" and "escalate"
 * (the queue is told through `onChanged`).
 */
export function AlertDrawer({ id, onClose, onChanged }: { id: string | null; onClose(): void; onChanged?(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { hasRole } = useSession();
  const canTriage = hasRole('admin', 'rssi');
  const [modal, setModal] = useState<'exception' | 'escalate' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    setModal(null);
    setNotice(null);
  }, [id]);
  const { data, error, loading, reload } = useAsync(
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
          {notice && (
            <Notice
              color="teal"
              role="status"
              withCloseButton
              onClose={() => setNotice(null)}
              closeButtonLabel={t('common.close')}
            >
              {notice}
            </Notice>
          )}
          {canTriage && (
            <Group>
              <Button variant="default" onClick={() => setModal('exception')}>
                {t('alertDetail.createException')}
              </Button>
              <Button color="red.9" onClick={() => setModal('escalate')} disabled={!!data.incidentId}>
                {t('alertDetail.escalate')}
              </Button>
            </Group>
          )}
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
              {data.incidentId && (
                <Table.Tr>
                  <Table.Th scope="row">{t('alertDetail.incident')}</Table.Th>
                  <Table.Td>
                    <Anchor component={Link} to={`/incidents/${data.incidentId}`}>
                      {data.history.findLast((h) => h.action === 'escalated')?.to ?? t('alertDetail.openIncidentLink')}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              )}
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
          <RelatedEvents
            alertId={data.id}
            first={data.relatedEvents}
            nextCursor={data.relatedEventsNextCursor}
            error={data.relatedEventsError}
          />
          <ExceptionModal
            alert={data}
            opened={modal === 'exception'}
            onClose={() => setModal(null)}
            onCreated={(e) => {
              setModal(null);
              setNotice(t('alertDetail.exceptionCreated', { date: f.dateTime(e.expiresAt) }));
              void reload();
            }}
          />
          <EscalateModal
            alert={data}
            opened={modal === 'escalate'}
            onClose={() => setModal(null)}
            onEscalated={(r) => {
              setModal(null);
              setNotice(
                t(r.created ? 'alertDetail.incidentCreated' : 'alertDetail.incidentAttached', {
                  reference: r.incident.reference,
                }),
              );
              void reload();
              onChanged?.();
            }}
          />
        </Stack>
      )}
    </Drawer>
  );
}
