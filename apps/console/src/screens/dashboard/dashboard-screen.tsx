import { Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { Member } from '../../api/responses';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';
import { AlertsPanel } from './alerts-panel';
import { DeadlinesPanel } from './deadlines-panel';
import { EventsPanel } from './events-panel';
import { IncidentsPanel } from './incidents-panel';
import { SourcesPanel } from './sources-panel';

/**
 * The RSSI's morning view: event rates, unclosed alerts, silent sources, open
 * incidents and running breach deadlines. Each panel loads on its own; the API
 * scopes every figure to the caller's members.
 */
export function DashboardScreen() {
  const { t } = useTranslation();
  const f = useFormat();
  const [refresh, setRefresh] = useState(0);
  const [updatedAt, setUpdatedAt] = useState(() => new Date());
  // Names only: a failure leaves the member codes shown.
  const members = useAsync(() => call<Member[]>(api.GET('/api/v1/members')).catch(() => [] as Member[]), []);
  const names = useMemo(() => new Map((members.data ?? []).map((m) => [m.code, m.name])), [members.data]);
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Stack gap={0}>
          <Title order={2}>{t('dashboard.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('dashboard.subtitle')}
          </Text>
        </Stack>
        <Group gap="sm">
          <Text size="xs" c="dimmed" aria-live="polite">
            {t('dashboard.updatedAt', { time: updatedAt.toLocaleTimeString(f.locale) })}
          </Text>
          <Button
            size="xs"
            variant="outline"
            onClick={() => {
              setRefresh((n) => n + 1);
              setUpdatedAt(new Date());
            }}
          >
            {t('dashboard.refresh')}
          </Button>
        </Group>
      </Group>
      <EventsPanel names={names} refresh={refresh} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <AlertsPanel refresh={refresh} />
        <IncidentsPanel refresh={refresh} />
      </SimpleGrid>
      <DeadlinesPanel names={names} refresh={refresh} />
      <SourcesPanel names={names} refresh={refresh} />
    </Stack>
  );
}
