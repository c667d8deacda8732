import {
  Button,
  Code,
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
import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call } from '../api/client';
import type { EventSearch, Histogram, TopValues } from '../api/responses';
import { ErrorAlert } from '../components/error-alert';
import { useFormat } from '../i18n/format';
import { EventHistogram } from './events/event-histogram';
import { KqlError } from './events/kql-error';

const RANGES = ['15m', '1h', '24h', '7d', '30d'] as const;
type Range = (typeof RANGES)[number];

/** A dotted path of an ECS document (`host.hostname`), or undefined. */
function pick(doc: Record<string, unknown>, path: string): unknown {
  let v: unknown = doc;
  for (const k of path.split('.')) {
    if (v && typeof v === 'object' && k in (v as object)) v = (v as Record<string, unknown>)[k];
    else return (doc as Record<string, unknown>)[path];
  }
  return v;
}
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
  const [open, setOpen] = useState<Set<number>>(new Set());

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
      setOpen(new Set());
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

  const toggle = (i: number) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(i)) n.delete(i);
      else n.add(i);
      return n;
    });

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
                  {results.search.events.map((doc, i) => {
                    const ts = text(pick(doc, '@timestamp'));
                    return (
                      <Fragment key={`${text(pick(doc, 'event.id'))}-${i}`}>
                        <Table.Tr>
                          <Table.Td>
                            <UnstyledButton
                              onClick={() => toggle(i)}
                              aria-expanded={open.has(i)}
                              aria-controls={`event-doc-${i}`}
                            >
                              <Text size="sm" td="underline">
                                {open.has(i) ? '▾' : '▸'} {f.dateTime(ts)}
                              </Text>
                            </UnstyledButton>
                          </Table.Td>
                          <Table.Td>{text(pick(doc, 'organization.id'))}</Table.Td>
                          <Table.Td>{text(pick(doc, 'host.hostname'))}</Table.Td>
                          <Table.Td>{text(pick(doc, 'event.dataset'))}</Table.Td>
                          <Table.Td style={{ wordBreak: 'break-word' }}>
                            {text(pick(doc, 'message')).slice(0, 300)}
                          </Table.Td>
                        </Table.Tr>
                        {open.has(i) && (
                          <Table.Tr>
                            <Table.Td colSpan={5}>
                              <Code
                                block
                                className="ecs-doc"
                                id={`event-doc-${i}`}
                                tabIndex={0}
                                aria-label={t('events.document')}
                              >
                                {JSON.stringify(doc, null, 2)}
                              </Code>
                            </Table.Td>
                          </Table.Tr>
                        )}
                      </Fragment>
                    );
                  })}
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
