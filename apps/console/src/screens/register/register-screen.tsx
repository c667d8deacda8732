import { Badge, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { ProcessingActivity } from '../../api/responses';
import { ErrorAlert } from '../../components/error-alert';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';

/** Records of processing activities of every member in scope (read-only for now). */
export function RegisterScreen() {
  const { t } = useTranslation();
  const f = useFormat();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const { data, error } = useAsync(
    () =>
      call<ProcessingActivity[]>(
        api.GET('/api/v1/processing-activities', {
          params: { query: debounced.trim() ? { q: debounced.trim() } : {} },
        }),
      ),
    [debounced],
  );
  return (
    <Stack>
      <Title order={2}>{t('register.title')}</Title>
      <TextInput label={t('common.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={320} />
      <ErrorAlert error={error} />
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('common.member')}</Table.Th>
            <Table.Th>{t('register.reference')}</Table.Th>
            <Table.Th>{t('register.name')}</Table.Th>
            <Table.Th>{t('register.status')}</Table.Th>
            <Table.Th>{t('register.version')}</Table.Th>
            <Table.Th>{t('register.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(data ?? []).map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{a.member}</Table.Td>
              <Table.Td>{a.reference}</Table.Td>
              <Table.Td>{a.name}</Table.Td>
              <Table.Td>
                <Badge color="gray.8" variant="outline">
                  {t(`register.statuses.${a.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{f.number(a.version)}</Table.Td>
              <Table.Td>{f.dateTime(a.updatedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data && data.length === 0 && <Text>{t('common.empty')}</Text>}
    </Stack>
  );
}
