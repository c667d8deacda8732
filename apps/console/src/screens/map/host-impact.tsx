import { Anchor, Button, Group, List, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { api, ApiError, call } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { useAsync } from '../../components/use-async';
import { useMembers } from '../incidents/shared';
import { ActivitiesTable } from './activities-table';
import type { HostImpact } from './types';
import { ColumnHeads } from '../../components/column-heads';

/** "What if this host is compromised?": applications, members, data, subjects and processing activities at stake. */
export function HostImpactView() {
  const { t } = useTranslation();
  const members = useMembers();
  const [params, setParams] = useSearchParams();
  const host = params.get('host') ?? '';
  const [input, setInput] = useState(host);
  useEffect(() => setInput(host), [host]);
  const impact = useAsync(
    async () =>
      host
        ? call<HostImpact>(api.GET('/api/v1/applications/hosts/{host}/impact', { params: { path: { host } } }))
        : null,
    [host],
  );
  const notFound = impact.error instanceof ApiError && impact.error.status === 404;

  function submit(e: FormEvent) {
    e.preventDefault();
    const h = input.trim();
    setParams(h ? { host: h } : {});
  }

  const d = impact.data;
  return (
    <Stack>
      <Anchor component={RouterLink} to="/map">
        {t('map.back')}
      </Anchor>
      <Title order={2}>{t('map.impact.title')}</Title>
      <form onSubmit={submit} role="search">
        <Group align="flex-end">
          <TextInput
            label={t('map.impact.host')}
            description={t('map.impact.hostHint')}
            value={input}
            onChange={(e) => setInput(e.currentTarget.value)}
            w={380}
          />
          <Button type="submit">{t('map.impact.submit')}</Button>
        </Group>
      </form>
      {notFound ? <Text role="status">{t('map.impact.notFound', { host })}</Text> : <ErrorAlert error={impact.error} />}
      {d && (
        <Stack data-testid="host-impact">
          <Title order={3}>{t('map.impact.heading', { host: d.host })}</Title>
          <Text role="status">
            {t('map.impact.summary', {
              apps: d.applications.length,
              members: d.members.length,
              activities: d.activities.length,
              sensitive: d.dataCategories.filter((c) => c.sensitive || c.regulated).length,
            })}
          </Text>
          <Table striped withTableBorder>
            <Table.Caption>{t('map.impact.applicationsCaption', { host: d.host })}</Table.Caption>
            <ColumnHeads
              labels={[t('map.application'), t('map.detail.vendor'), t('map.detail.domain'), t('map.detail.hosting')]}
            />
            <Table.Tbody>
              {d.applications.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Anchor component={RouterLink} to={`/map/applications/${a.id}`}>
                      {a.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{a.vendor || '—'}</Table.Td>
                  <Table.Td>{a.domain || '—'}</Table.Td>
                  <Table.Td>{t(`map.detail.hostings.${a.hosting}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group align="flex-start" grow>
            <Paper withBorder p="md" component="section" aria-labelledby="impact-members">
              <Title order={4} size="h5" id="impact-members" mb="xs">
                {t('map.impact.members')}
              </Title>
              <List size="sm">
                {d.members.map((m) => (
                  <List.Item key={m}>{members.name(m)}</List.Item>
                ))}
              </List>
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="impact-data">
              <Title order={4} size="h5" id="impact-data" mb="xs">
                {t('map.impact.dataCategories')}
              </Title>
              <List size="sm">
                {d.dataCategories.map((c) => (
                  <List.Item key={c.code}>
                    {c.label}
                    {(c.sensitive || c.regulated) && (
                      <Text span size="sm" fw={700} c="red.9">
                        {' — '}
                        {c.sensitive ? t('map.sensitive') : t('map.regulated')}
                      </Text>
                    )}
                  </List.Item>
                ))}
              </List>
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="impact-subjects">
              <Title order={4} size="h5" id="impact-subjects" mb="xs">
                {t('map.impact.dataSubjects')}
              </Title>
              <List size="sm">
                {d.dataSubjects.map((s) => (
                  <List.Item key={s.code}>
                    {s.label}
                    {s.vulnerable ? ` (${t('map.impact.vulnerable')})` : ''}
                  </List.Item>
                ))}
              </List>
            </Paper>
          </Group>
          <ActivitiesTable
            caption={t('map.impact.activitiesCaption', { host: d.host })}
            activities={d.activities}
            memberName={members.name}
            data-testid="impact-activities"
          />
        </Stack>
      )}
    </Stack>
  );
}
