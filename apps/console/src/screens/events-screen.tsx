import {
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call } from '../api/client';
import type { EventSearch, Histogram, TopValues } from '../api/responses';
import { EcsDocumentRows, ecsValue, useExpanded } from '../components/ecs-document-rows';
import { ErrorAlert } from '../components/error-alert';
import { useFormat } from '../i18n/format';
import { EventHistogram } from './events/event-histogram';
import { KqlError } from './events/kql-error';

const RANGES = ['15m', '1h', '24h', '7d', '30d'] as const;
type Range = (typeof RANGES)[number];

const text = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

interface Results {
  query: string;
  search: EventSearch;
  histogram: Histogram;
  top: TopValues;
}

/** KQL bar with positioned syntax errors, time range, histogram, expandable ECS documents, host facet. */
export function EventsScreen() {
  const { t } = useTranslation();
  const f = useFormat();
  const [q, setQ] = useState('');
  const [range, setRange] = useState<Range>('24h');
  const [results, setResults] = useState<Results | null>(null);
  const [syntax, setSyntax] = useState<{ query: string; position: number; expected: string[]; message: string } | null>(
    null,
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { open, toggle, reset } = useExpanded<number>();

  async function run(e?: FormEvent, query = q) {
    e?.preventDefault();
    setBusy(true);
    setSyntax(null);
    setError(null);
    const window = { ...(query.trim() ? { q: query } : {}), from: `now-${range}`, to: 'now' };
    try {
      const [search, histogram, top] = await Promise.all([
        call<EventSearch>(api.GET('/api/v1/events', { params: { query: { ...window, size: 100 } } })),
        call<Histogram>(api.GET('/api/v1/events/histogram', { params: { query: { ...window, interval: 'auto' } } })),
        call<TopValues>(
          api.GET('/api/v1/events/top', { params: { query: { ...window, field: 'host.hostname', size: 10 } } }),
        ),
      ]);
      setResults({ query, search, histogram, top });
      reset();
    } catch (err) {
      if (err instanceof ApiError && err.body.code === 'invalid_query') {
        setSyntax({
          query,
          position: err.body.position ?? 0,
          expected: err.body.expected ?? [],
          message: err.body.fields?.[0]?.problem ?? err.message,
        });
      } else setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function more() {
    if (!results?.search.nextCursor) return;
    setBusy(true);
    try {
      const next = await call<EventSearch>(
        api.GET('/api/v1/events', {
          params: {
            query: {
              cursor: results.search.nextCursor,
              size: 100,
              ...(results.query.trim() ? { q: results.query } : {}),
            },
          },
        }),
      );
      setResults({ ...results, search: { ...next, events: [...results.search.events, ...next.events] } });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack>
      <Title order={2}>{t('events.title')}</Title>
      <form role="search" onSubmit={(e) => void run(e)} aria-label={t('events.title')}>
        <Group align="flex-end">
          <TextInput
            label={t('events.query')}
            placeholder={t('events.queryHint')}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            error={syntax ? t('events.syntaxError', { position: syntax.position + 1 }) : undefined}
            ff="monospace"
            style={{ flex: 1, minWidth: 280 }}
            name="q"
          />
          <NativeSelect
            label={t('events.range')}
            value={range}
            onChange={(e) => setRange(e.currentTarget.value as Range)}
            data={RANGES.map((r) => ({ value: r, label: t(`events.ranges.${r}`) }))}
          />
          <Button type="submit" loading={busy}>
            {t('common.search')}
          </Button>
        </Group>
      </form>
      {syntax && <KqlError {...syntax} />}
      <ErrorAlert error={error} />
      {results && (
        <>
          <EventHistogram data={results.histogram} />
          <Group align="flex-start" wrap="nowrap">
            <Paper withBorder p="sm" w={240} component="section" aria-labelledby="facet-title">
              <Title order={3} size="h5" id="facet-title">
                {t('events.facets')}
              </Title>
              <Stack gap={4} mt="xs">
                {results.top.buckets.map((b) => (
                  <UnstyledButton
                    key={String(b.key)}
                    onClick={() => {
                      const next = `${q.trim() ? `(${q.trim()}) and ` : ''}host.hostname:"${String(b.key)}"`;
                      setQ(next);
                      void run(undefined, next);
                    }}
                  >
                    <Text size="sm">
                      {String(b.key)} ({f.number(b.count)})
                    </Text>
                  </UnstyledButton>
                ))}
              </Stack>
            </Paper>
            <Stack style={{ flex: 1, minWidth: 0 }}>
              <Title order={3} size="h5">
                {t('events.results')}{' '}
                <Text span size="xs">
                  {t('events.took', { ms: f.number(results.search.took) })}
                </Text>
              </Title>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('events.time')}</Table.Th>
                    <Table.Th>{t('common.member')}</Table.Th>
                    <Table.Th>{t('events.host')}</Table.Th>
                    <Table.Th>{t('events.dataset')}</Table.Th>
                    <Table.Th>{t('events.message')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  <EcsDocumentRows
                    items={results.search.events}
                    rowKey={(doc, i) => `${text(ecsValue(doc, 'event.id'))}-${i}`}
                    openKey={(_doc, i) => i}
                    open={open}
                    doc={(doc) => doc}
                    docId={(_doc, i) => `event-doc-${i}`}
                    docLabel={() => t('events.document')}
                    columns={5}
                    cells={(doc, i, expanded, docId) => (
                      <>
                        <Table.Td>
                          <UnstyledButton onClick={() => toggle(i)} aria-expanded={expanded} aria-controls={docId}>
                            <Text size="sm" td="underline">
                              {expanded ? '▾' : '▸'} {f.dateTime(text(ecsValue(doc, '@timestamp')))}
                            </Text>
                          </UnstyledButton>
                        </Table.Td>
                        <Table.Td>{text(ecsValue(doc, 'organization.id'))}</Table.Td>
                        <Table.Td>{text(ecsValue(doc, 'host.hostname'))}</Table.Td>
                        <Table.Td>{text(ecsValue(doc, 'event.dataset'))}</Table.Td>
                        <Table.Td style={{ wordBreak: 'break-word' }}>
                          {text(ecsValue(doc, 'message')).slice(0, 300)}
                        </Table.Td>
                      </>
                    )}
                  />
                </Table.Tbody>
              </Table>
              {results.search.events.length === 0 && <Text>{t('common.empty')}</Text>}
              {results.search.nextCursor && (
                <Button variant="default" onClick={() => void more()} loading={busy}>
                  {t('events.more')}
                </Button>
              )}
            </Stack>
          </Group>
        </>
      )}
    </Stack>
  );
}
