import { Table, Text, VisuallyHidden } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, call } from '../../api/client';
import type { Histogram, TopValues } from '../../api/responses';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';
import { Panel, PanelSelect } from './panel';
import { ColumnHeads } from '../../components/column-heads';

const RANGES = ['1h', '24h', '7d'] as const;
type Range = (typeof RANGES)[number];
/** Bucket width per range: about 50 to 60 points per line. */
const INTERVAL: Record<Range, string> = { '1h': '1m', '24h': '30m', '7d': '3h' };
/** The most active members drawn; the API counts only the caller's members. */
const TOP_MEMBERS = 5;
/** Colour and dash per line, so that lines differ by more than colour. */
const STYLES = [
  { stroke: '#1864ab', dash: undefined },
  { stroke: '#a61e4d', dash: '8 4' },
  { stroke: '#2b8a3e', dash: '2 3' },
  { stroke: '#d9480f', dash: '10 3 2 3' },
  { stroke: '#5f3dc4', dash: '14 5' },
];

interface MemberRate {
  code: string;
  total: number;
  mean: number;
  peak: number;
}

interface RateData {
  intervalSeconds: number;
  interval: string;
  members: MemberRate[];
  points: Array<Record<string, number | string>>;
}

async function loadRates(range: Range): Promise<RateData> {
  const from = `now-${range}`;
  const top = await call<TopValues>(
    api.GET('/api/v1/events/top', { params: { query: { field: 'organization.id', size: TOP_MEMBERS, from } } }),
  );
  const histograms = await Promise.all(
    top.buckets.map((b) =>
      call<Histogram>(
        api.GET('/api/v1/events/histogram', {
          params: { query: { member: b.key, from, interval: INTERVAL[range] } },
        }),
      ),
    ),
  );
  const intervalSeconds = histograms[0]?.intervalSeconds ?? 60;
  const byStart = new Map<string, Record<string, number | string>>();
  const members = top.buckets.map((b, i): MemberRate => {
    const h = histograms[i]!;
    let peak = 0;
    for (const bucket of h.buckets) {
      const rate = bucket.count / h.intervalSeconds;
      peak = Math.max(peak, rate);
      const point = byStart.get(bucket.start) ?? { start: bucket.start };
      point[b.key] = rate;
      byStart.set(bucket.start, point);
    }
    const seconds = (Date.parse(h.to) - Date.parse(h.from)) / 1000;
    return { code: b.key, total: h.total, mean: h.total / seconds, peak };
  });
  const points = [...byStart.values()].sort((a, b) => String(a.start).localeCompare(String(b.start)));
  return { intervalSeconds, interval: histograms[0]?.interval ?? INTERVAL[range], members, points };
}

export function EventsPanel({ names, refresh }: { names: Map<string, string>; refresh: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [range, setRange] = useState<Range>('24h');
  const { data, error, loading, reload } = useAsync(() => loadRates(range), [range, refresh]);
  const nameOf = (code: string) => names.get(code) ?? code;
  const rate = useMemo(() => new Intl.NumberFormat(f.locale, { maximumSignificantDigits: 3 }), [f.locale]);
  const fmtRate = (v: number) => rate.format(v);
  const tick = (iso: string) =>
    range === '1h'
      ? new Date(iso).toLocaleTimeString(f.locale, { hour: '2-digit', minute: '2-digit' })
      : f.shortTime(iso);

  return (
    <Panel
      id="events"
      title={t('dashboard.events.title')}
      state={{ data, error, loading, reload }}
      controls={
        <PanelSelect
          label={t('dashboard.events.range')}
          value={range}
          onChange={setRange}
          data={RANGES.map((r) => ({ value: r, label: t(`dashboard.events.ranges.${r}`) }))}
        />
      }
    >
      {data && data.members.length === 0 && <Text size="sm">{t('dashboard.events.empty')}</Text>}
      {data && data.members.length > 0 && (
        <>
          <Text size="sm" id="events-chart-summary">
            {t('dashboard.events.chartSummary', { interval: data.interval, n: data.members.length })}
          </Text>
          <div role="img" aria-labelledby="events-title events-chart-summary" style={{ width: '100%', height: 260 }}>
            <ResponsiveContainer>
              <LineChart data={data.points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="start" tickFormatter={tick} minTickGap={40} fontSize={11} />
                <YAxis width={56} fontSize={11} tickFormatter={fmtRate} />
                <Tooltip
                  labelFormatter={(v) => f.dateTime(String(v))}
                  formatter={(v, name) => [t('dashboard.events.perSecond', { value: fmtRate(Number(v)) }), name]}
                />
                <Legend />
                {data.members.map((m, i) => (
                  <Line
                    key={m.code}
                    type="monotone"
                    dataKey={m.code}
                    name={nameOf(m.code)}
                    stroke={STYLES[i % STYLES.length]!.stroke}
                    strokeDasharray={STYLES[i % STYLES.length]!.dash}
                    strokeWidth={2}
                    dot={false}
                    isAnimationActive={false}
                  />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </div>
          <Table striped data-testid="events-rates">
            <Table.Caption>{t('dashboard.events.caption', { n: data.members.length })}</Table.Caption>
            <ColumnHeads
              labels={[
                t('dashboard.events.member'),
                t('dashboard.events.total'),
                t('dashboard.events.mean'),
                t('dashboard.events.peak'),
              ]}
            />
            <Table.Tbody>
              {data.members.map((m) => (
                <Table.Tr key={m.code} data-member={m.code}>
                  <Table.Th scope="row" fw={500}>
                    {nameOf(m.code)}
                    {nameOf(m.code) !== m.code && <VisuallyHidden> ({m.code})</VisuallyHidden>}
                  </Table.Th>
                  <Table.Td data-testid={`events-total-${m.code}`}>{f.number(m.total)}</Table.Td>
                  <Table.Td>{fmtRate(m.mean)}</Table.Td>
                  <Table.Td>{fmtRate(m.peak)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Panel>
  );
}
