import { Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { EcsDocumentRows, ecsValue, useExpanded } from '../../components/ecs-document-rows';
import { ErrorAlert } from '../../components/error-alert';
import { useFormat } from '../../i18n/format';
import type { RelatedEvent, RelatedEventsPage } from './types';

const PAGE = 25;

/** A field of the document as text (lists joined), '' when absent. */
function pick(doc: Record<string, unknown>, path: string): string {
  const v = ecsValue(doc, path);
  if (Array.isArray(v)) return v.map(String).join(', ');
  return v === undefined || v === null ? '' : String(v);
}

interface Props {
  alertId: string;
  /** The first page, as the alert detail carries it. */
  first: RelatedEvent[];
  nextCursor: string | null;
  error?: string;
}

/**
 * The alert's related events from the event store (its samples, and the events with its group values within its
 * time window), oldest first, each row expandable to its ECS document; further pages on demand.
 */
export function RelatedEvents({ alertId, first, nextCursor, error }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const [events, setEvents] = useState<RelatedEvent[]>(first);
  const [cursor, setCursor] = useState<string | null>(nextCursor);
  const { open, toggle, reset } = useExpanded<string>();
  const [busy, setBusy] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    setEvents(first);
    setCursor(nextCursor);
    reset();
  }, [first, nextCursor, reset]);

  const more = async () => {
    if (!cursor) return;
    setBusy(true);
    setLoadError(null);
    try {
      const page = await call<RelatedEventsPage>(
        api.GET('/api/v1/alerts/{id}/events', { params: { path: { id: alertId }, query: { limit: PAGE, cursor } } }),
      );
      setEvents((prev) => [...prev, ...page.items.filter((e) => !prev.some((p) => p.id === e.id))]);
      setCursor(page.nextCursor ?? null);
    } catch (e) {
      setLoadError(e);
    } finally {
      setBusy(false);
    }
  };

  if (error) return <ErrorAlert error={t('alertDetail.eventsUnavailable')} />;
  if (!events.length) return <Text size="sm">{t('alerts.noRelated')}</Text>;
  return (
    <>
      <Table.ScrollContainer minWidth={560}>
        <Table striped highlightOnHover aria-label={t('alertDetail.eventsTable')}>
          <Table.Caption>{t('alertDetail.eventsCaption', { count: events.length })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>
                <VisuallyHidden>{t('alertDetail.document')}</VisuallyHidden>
              </Table.Th>
              <Table.Th>{t('alertDetail.time')}</Table.Th>
              <Table.Th>{t('alertDetail.host')}</Table.Th>
              <Table.Th>{t('alertDetail.user')}</Table.Th>
              <Table.Th>{t('alertDetail.source')}</Table.Th>
              <Table.Th>{t('alertDetail.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <EcsDocumentRows
              items={events}
              rowKey={(e) => e.id}
              openKey={(e) => e.id}
              open={open}
              doc={(e) => e.doc}
              docId={(e) => `ecs-${e.id}`}
              docLabel={(e) => t('alertDetail.documentOf', { time: f.dateTime(e.timestamp) })}
              columns={6}
              cells={(e, _i, expanded, docId) => (
                <>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      aria-expanded={expanded}
                      aria-controls={docId}
                      onClick={() => toggle(e.id)}
                    >
                      {expanded ? t('alertDetail.hideDocument') : t('alertDetail.showDocument')}
                    </Button>
                  </Table.Td>
                  <Table.Td>{f.dateTime(e.timestamp)}</Table.Td>
                  <Table.Td>{pick(e.doc, 'host.name') || pick(e.doc, 'host.hostname')}</Table.Td>
                  <Table.Td>{pick(e.doc, 'user.name')}</Table.Td>
                  <Table.Td>{pick(e.doc, 'source.ip')}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {pick(e.doc, 'message')}
                    </Text>
                  </Table.Td>
                </>
              )}
            />
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ErrorAlert error={loadError} />
      {cursor && (
        <Group>
          <Button variant="default" onClick={() => void more()} loading={busy}>
            {t('alertDetail.moreEvents')}
          </Button>
        </Group>
      )}
    </>
  );
}
