import { Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';
import { formatDuration } from './duration';
import { Panel, PanelSelect } from './panel';
import type { SourcesResult } from './types';
import { ColumnHeads } from '../../components/column-heads';

const SILENT_AFTER = ['1h', '24h', '7d'] as const;
type SilentAfter = (typeof SILENT_AFTER)[number];
/** At most this many silent sources listed, the longest silent first. */
const SHOWN = 15;

export function SourcesPanel({ names, refresh }: { names: Map<string, string>; refresh: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [after, setAfter] = useState<SilentAfter>('24h');
  const { data, error, loading, reload } = useAsync(
    () => call<SourcesResult>(api.GET('/api/v1/sources', { params: { query: { silentAfter: after } } })),
    [after, refresh],
  );
  const nameOf = (m: { member: string; name: string | null }) => m.name ?? names.get(m.member) ?? m.member;
  const silent =
    data?.members
      .flatMap((m) => m.hosts.filter((h) => h.silent).map((h) => ({ ...h, member: nameOf(m) })))
      .sort((a, b) => b.silentForSeconds - a.silentForSeconds) ?? [];
  const seen = data?.members.reduce((n, m) => n + m.hosts.length, 0) ?? 0;
  const withoutSource = data?.members.filter((m) => m.hosts.length === 0).map(nameOf) ?? [];
  return (
    <Panel
      id="sources"
      title={t('dashboard.sources.title')}
      state={{ data, error, loading, reload }}
      controls={
        <PanelSelect
          label={t('dashboard.sources.silentAfter')}
          value={after}
          onChange={setAfter}
          data={SILENT_AFTER.map((a) => ({ value: a, label: t(`dashboard.sources.silentAfterOptions.${a}`) }))}
        />
      }
    >
      <Text size="sm" fw={600} data-testid="sources-summary">
        {t('dashboard.sources.summary', { silent: f.number(silent.length), total: f.number(seen) })}
      </Text>
      {silent.length === 0 ? (
        <Text size="sm">{t('dashboard.sources.none')}</Text>
      ) : (
        <Table striped data-testid="silent-sources">
          <Table.Caption>
            {t('dashboard.sources.caption', { after: t(`dashboard.sources.silentAfterOptions.${after}`) })}
          </Table.Caption>
          <ColumnHeads
            labels={[
              t('dashboard.sources.host'),
              t('dashboard.sources.member'),
              t('dashboard.sources.lastSeen'),
              t('dashboard.sources.silentFor'),
            ]}
          />
          <Table.Tbody>
            {silent.slice(0, SHOWN).map((h) => (
              <Table.Tr key={`${h.member}|${h.field}|${h.host}`}>
                <Table.Th scope="row" fw={500}>
                  {h.host}
                </Table.Th>
                <Table.Td>{h.member}</Table.Td>
                <Table.Td>{f.dateTime(h.lastSeen)}</Table.Td>
                <Table.Td>{formatDuration(t, h.silentForSeconds * 1000)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {withoutSource.length > 0 && (
        <Text size="sm" data-testid="members-without-source">
          {t('dashboard.sources.noSource', { members: withoutSource.join(', ') })}
        </Text>
      )}
    </Panel>
  );
}
