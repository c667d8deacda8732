import { Anchor, Button, Checkbox, Group, ScrollArea, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import { api, call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { useAsync } from '../../components/use-async';
import type { Matrix, MatrixCell } from './types';

const CELL_STYLE: Record<MatrixCell, { background: string; color: string }> = {
  confirmed: { background: '#1f3a8a', color: '#fff' },
  to_confirm: { background: '#fff4d6', color: '#5c3c00' },
  activity: { background: '#e3f1ee', color: '#0b4a43' },
};

/** Applications × data categories, as a table whose cells say their state in words. */
export function MatrixView() {
  const { t } = useTranslation();
  const { data, error } = useAsync(() => call<Matrix>(api.GET('/api/v1/applications/matrix')), []);
  const [q, setQ] = useState('');
  const [all, setAll] = useState(false);
  const rows = (data?.rows ?? []).filter((r) =>
    `${r.name} ${r.vendor} ${r.domain}`.toLowerCase().includes(q.trim().toLowerCase()),
  );
  const used = new Set(rows.flatMap((r) => Object.keys(r.cells)));
  const categories = (data?.categories ?? []).filter((c) => all || used.has(c.code));
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('map.title')}</Title>
        <Button component={RouterLink} to="/map/impact" variant="outline">
          {t('map.impactLink')}
        </Button>
      </Group>
      <Text size="sm">{t('map.matrixHint')}</Text>
      <Group align="flex-end">
        <TextInput label={t('map.filter')} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={320} />
        <Checkbox
          label={t('map.allCategories')}
          checked={all}
          onChange={(e) => setAll(e.currentTarget.checked)}
          mb={6}
        />
      </Group>
      <ErrorAlert error={error} />
      <ScrollArea type="auto">
        <Table withTableBorder withColumnBorders data-testid="matrix" miw={600}>
          <Table.Caption>{t('map.matrixCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('map.application')}</Table.Th>
              {categories.map((c) => (
                <Table.Th scope="col" key={c.code} data-category={c.code} style={{ minWidth: 110 }}>
                  {c.label}
                  {(c.sensitive || c.regulated) && (
                    <Text size="xs" fw={700} c="red.9">
                      {c.sensitive ? t('map.sensitive') : t('map.regulated')}
                    </Text>
                  )}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.applicationId} data-application={r.name}>
                <Table.Th scope="row">
                  <Anchor component={RouterLink} to={`/map/applications/${r.applicationId}`}>
                    {r.name}
                  </Anchor>
                  <Text size="xs">{[r.vendor, r.domain].filter(Boolean).join(' · ')}</Text>
                </Table.Th>
                {categories.map((c) => {
                  const cell = r.cells[c.code];
                  return (
                    <Table.Td key={c.code} style={cell ? CELL_STYLE[cell] : undefined} data-cell={cell ?? 'none'}>
                      <Text size="xs" fw={cell ? 600 : 400} c="inherit">
                        {t(`map.cells.${cell ?? 'none'}`)}
                      </Text>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {data && rows.length === 0 && <Text>{t('common.empty')}</Text>}
    </Stack>
  );
}
