import { Anchor, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { api, ApiError, call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { useAsync } from '../../components/use-async';
import { useMembers } from '../incidents/shared';
import { ActivitiesTable } from './activities-table';
import type { Application, ApplicationImpact, ReferenceItem } from './types';
import { ColumnHeads } from '../../components/column-heads';

/** One application: where it runs, who uses it, its data and the processing activities declaring it. */
export function ApplicationDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const members = useMembers();
  const app = useAsync(
    () => call<Application>(api.GET('/api/v1/applications/{id}', { params: { path: { id } } })),
    [id],
  );
  const impact = useAsync(
    () => call<ApplicationImpact>(api.GET('/api/v1/applications/{id}/impact', { params: { path: { id } } })),
    [id],
  );
  const cats = useAsync(() => call<ReferenceItem[]>(api.GET('/api/v1/reference/data-categories')), []);
  const subjects = useAsync(() => call<ReferenceItem[]>(api.GET('/api/v1/reference/data-subject-categories')), []);
  const ref = (list: ReferenceItem[] | undefined, code: string) => list?.find((i) => i.code === code);

  const back = (
    <Anchor component={RouterLink} to="/map">
      {t('map.back')}
    </Anchor>
  );
  if (app.error instanceof ApiError && app.error.status === 404)
    return (
      <Stack>
        {back}
        <Title order={2}>{t('map.title')}</Title>
        <Text role="alert">{t('map.notFound')}</Text>
      </Stack>
    );
  const a = app.data;
  return (
    <Stack>
      {back}
      <ErrorAlert error={app.error} />
      {a && (
        <>
          <Title order={2}>{a.name}</Title>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Paper withBorder p="md">
              <Table variant="vertical">
                <Table.Tbody>
                  {(
                    [
                      [t('map.detail.vendor'), a.vendor || '—'],
                      [t('map.detail.domain'), a.domain || '—'],
                      [t('map.detail.functions'), a.functions.join(', ') || '—'],
                      [t('map.detail.hosting'), t(`map.detail.hostings.${a.hosting}`)],
                      [t('map.detail.dataLocation'), a.dataLocation],
                      [t('map.detail.members'), a.members.map(members.name).join(', ') || '—'],
                    ] as Array<[string, string]>
                  ).map(([k, v]) => (
                    <Table.Tr key={k}>
                      <Table.Th w={220}>{k}</Table.Th>
                      <Table.Td>{v}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="app-data">
              <Title order={3} size="h4" id="app-data" mb="xs">
                {t('map.detail.dataCategories')}
              </Title>
              {a.dataCategories.length === 0 && <Text size="sm">—</Text>}
              <List size="sm" mb="sm">
                {a.dataCategories.map((d) => {
                  const r = ref(cats.data, d.code);
                  const flag = r?.sensitive ? t('map.sensitive') : r?.regulated ? t('map.regulated') : null;
                  return (
                    <List.Item key={d.code}>
                      {r?.label ?? d.code}
                      {flag && (
                        <Text span size="sm" fw={700} c="red.9">
                          {' — '}
                          {flag}
                        </Text>
                      )}
                      {d.toConfirm ? ` (${t('map.detail.toConfirm')})` : ''}
                    </List.Item>
                  );
                })}
              </List>
              <Text fw={600} size="sm">
                {t('map.detail.dataSubjects')}
              </Text>
              <Text size="sm">
                {a.dataSubjects
                  .map(
                    (d) =>
                      `${ref(subjects.data, d.code)?.label ?? d.code}${d.toConfirm ? ` (${t('map.detail.toConfirm')})` : ''}`,
                  )
                  .join(', ') || '—'}
              </Text>
            </Paper>
          </SimpleGrid>
          <Table striped withTableBorder>
            <Table.Caption>{t('map.detail.hostsCaption')}</Table.Caption>
            <ColumnHeads labels={[t('map.detail.hostname'), t('map.detail.ip'), t('common.actions')]} />
            <Table.Tbody>
              {a.hosts.map((h) => {
                const host = h.hostname ?? h.ip ?? '';
                return (
                  <Table.Tr key={`${h.hostname}-${h.ip}`}>
                    <Table.Td>{h.hostname ?? '—'}</Table.Td>
                    <Table.Td>{h.ip ?? '—'}</Table.Td>
                    <Table.Td>
                      <Anchor component={RouterLink} to={`/map/impact?host=${encodeURIComponent(host)}`}>
                        {t('map.detail.hostImpact', { host })}
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          <ErrorAlert error={impact.error} />
          {impact.data && impact.data.activities.length === 0 ? (
            <Text>{t('map.detail.noActivity')}</Text>
          ) : (
            <ActivitiesTable
              caption={t('map.detail.activitiesCaption')}
              activities={impact.data?.activities ?? []}
              memberName={members.name}
            />
          )}
        </>
      )}
    </Stack>
  );
}
