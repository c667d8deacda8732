import { Anchor, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import { api, call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { useAsync } from '../../components/use-async';
import { NO_TRUNCATION, useMembers } from './shared';
import type { CorrectiveActionView } from './types';
import { ColumnHeads } from '../../components/column-heads';

/** Every corrective action in my scope, overdue first (then the API's order: earliest due first). */
export function ActionsOverview() {
  const { t } = useTranslation();
  const members = useMembers();
  const list = useAsync(async () => {
    const all = await call<CorrectiveActionView[]>(api.GET('/api/v1/corrective-actions', {}));
    return [...all.filter((a) => a.overdue), ...all.filter((a) => !a.overdue)];
  }, []);
  return (
    <Stack>
      <Anchor component={RouterLink} to="/incidents">
        {t('incidents.back')}
      </Anchor>
      <Title order={2}>{t('incidents.overview.title')}</Title>
      <Text>{t('incidents.overview.intro')}</Text>
      <ErrorAlert error={list.error} />
      <Table striped withTableBorder data-testid="all-actions-table">
        <Table.Caption>{t('incidents.overview.caption')}</Table.Caption>
        <ColumnHeads
          labels={[
            t('incidents.actions.name'),
            t('incidents.overview.incident'),
            t('incidents.overview.member'),
            t('incidents.actions.owner'),
            t('incidents.actions.dueDate'),
            t('incidents.actions.status'),
          ]}
        />
        <Table.Tbody>
          {(list.data ?? []).map((a) => (
            <Table.Tr key={a.id} data-action={a.title} data-overdue={String(a.overdue)}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {a.title}
                </Text>
                <Text size="xs">{a.action}</Text>
              </Table.Td>
              <Table.Td>
                {a.incident ? (
                  <Anchor component={RouterLink} to={`/incidents/${a.incident}?tab=actions`}>
                    {a.incident}
                  </Anchor>
                ) : (
                  t('incidents.overview.none')
                )}
              </Table.Td>
              <Table.Td>{a.member ? members.name(a.member) : '—'}</Table.Td>
              <Table.Td>{a.owner}</Table.Td>
              <Table.Td>
                {a.dueDate ?? '—'}{' '}
                {a.overdue && (
                  <Badge color="red.9" variant="filled" radius="sm" styles={NO_TRUNCATION}>
                    {t('incidents.actions.overdue')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Badge color="gray.8" variant="outline" radius="sm" styles={NO_TRUNCATION}>
                  {t(`incidents.actions.statuses.${a.status}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data && list.data.length === 0 && <Text>{t('incidents.overview.empty')}</Text>}
    </Stack>
  );
}
