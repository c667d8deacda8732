import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router-dom';
import { api, call } from '../../api/client';
import type { Member } from '../../api/responses';
import { ErrorAlert } from '../../components/error-alert';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';
import type { ProcessingActivity } from './types';

/** The members in the user's scope, each with its register's counts; a member opens its register. */
export function MembersIndex() {
  const { t } = useTranslation();
  const f = useFormat();
  const members = useAsync(() => call<Member[]>(api.GET('/api/v1/members')), []);
  const activities = useAsync(
    () => call<ProcessingActivity[]>(api.GET('/api/v1/processing-activities', { params: { query: {} } })),
    [],
  );
  const listed = (members.data ?? []).filter((m) => m.code !== 'unattributed');
  const of = (code: string) => (activities.data ?? []).filter((a) => a.member === code);
  return (
    <Stack>
      <Title order={2}>{t('registerEditor.title')}</Title>
      <Text>{t('registerEditor.members.intro')}</Text>
      <ErrorAlert error={members.error ?? activities.error} />
      <Table striped data-testid="register-members">
        <Table.Caption>{t('registerEditor.members.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('common.member')}</Table.Th>
            <Table.Th>{t('registerEditor.members.records')}</Table.Th>
            <Table.Th>{t('registerEditor.members.inReview')}</Table.Th>
            <Table.Th>{t('registerEditor.members.overdue')}</Table.Th>
            <Table.Th>{t('registerEditor.members.dpiaMissing')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {listed.map((m) => {
            const rows = of(m.code);
            return (
              <Table.Tr key={m.code} data-member={m.code}>
                <Table.Td>
                  <Anchor
                    component={RouterLink}
                    to={`/register/${encodeURIComponent(m.code)}`}
                    aria-label={t('registerEditor.members.openOf', { name: m.name })}
                  >
                    {m.name}
                  </Anchor>{' '}
                  <Text span size="sm">
                    ({m.code})
                  </Text>
                </Table.Td>
                <Table.Td>{f.number(rows.length)}</Table.Td>
                <Table.Td>{f.number(rows.filter((a) => a.status === 'in_review').length)}</Table.Td>
                <Table.Td>{f.number(rows.filter((a) => a.reviewOverdue).length)}</Table.Td>
                <Table.Td>{f.number(rows.filter((a) => a.dpiaAssessment.missing).length)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {members.data && listed.length === 0 && <Text>{t('common.empty')}</Text>}
    </Stack>
  );
}
