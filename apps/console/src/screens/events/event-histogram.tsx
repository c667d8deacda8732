import { Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Histogram } from '../../api/responses';
import { useFormat } from '../../i18n/format';

export function EventHistogram({ data }: { data: Histogram }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Paper withBorder p="sm">
      <Title order={3} size="h5" id="histogram-title">
        {t('events.histogram')}
      </Title>
      <Text size="sm" id="histogram-summary">
        {t('events.histogramTotal', { n: f.number(data.total) })}
      </Text>
      <div role="img" aria-labelledby="histogram-title histogram-summary" style={{ width: '100%', height: 180 }}>
        <ResponsiveContainer>
          <BarChart data={data.buckets} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="start" tickFormatter={(v: string) => f.shortTime(v)} minTickGap={40} fontSize={11} />
            <YAxis allowDecimals={false} width={48} fontSize={11} tickFormatter={(v: number) => f.number(v)} />
            <Tooltip
              labelFormatter={(v) => f.dateTime(String(v))}
              formatter={(v) => [f.number(Number(v)), t('alerts.count')]}
            />
            <Bar dataKey="count" fill="#364fc7" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </Paper>
  );
}
