import { Alert, Button, Code, Group, NativeSelect, Paper, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { ApiKeyInfo, CreatedApiKey, Member } from '../../api/responses';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/error-alert';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';

/** Intake API keys of the members in scope: list, create (the secret is shown once), revoke. */
export function ApiKeysPanel() {
  const { t } = useTranslation();
  const f = useFormat();
  const { hasRole } = useSession();
  const canWrite = hasRole('admin', 'rssi', 'referent');
  const keys = useAsync(() => call<ApiKeyInfo[]>(api.GET('/api/v1/api-keys')), []);
  const members = useAsync(() => call<Member[]>(api.GET('/api/v1/members')), []);
  const [member, setMember] = useState('');
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [error, setError] = useState<unknown>(null);
  const memberCode = member || members.data?.[0]?.code || '';

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      setCreated(await call<CreatedApiKey>(api.POST('/api/v1/api-keys', { body: { member: memberCode, name } })));
      setName('');
      await keys.reload();
    } catch (err) {
      setError(err);
    }
  }

  async function revoke(id: string) {
    setError(null);
    try {
      await call<ApiKeyInfo>(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } }));
      await keys.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Stack>
      <ErrorAlert error={keys.error ?? error} />
      {created && (
        <Alert color="teal" role="status" title={t('admin.created')}>
          {t('admin.keyShown')} <Code>{created.key}</Code>
        </Alert>
      )}
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('common.member')}</Table.Th>
            <Table.Th>{t('admin.keyName')}</Table.Th>
            <Table.Th>{t('admin.prefix')}</Table.Th>
            <Table.Th>{t('admin.createdBy')}</Table.Th>
            <Table.Th>{t('admin.createdAt')}</Table.Th>
            <Table.Th>{t('admin.lastUsed')}</Table.Th>
            <Table.Th>{t('admin.revoked')}</Table.Th>
            {canWrite && <Table.Th>{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(keys.data ?? []).map((k) => (
            <Table.Tr key={k.id}>
              <Table.Td>{k.member}</Table.Td>
              <Table.Td>{k.name}</Table.Td>
              <Table.Td>
                <Code>{k.prefix}</Code>
              </Table.Td>
              <Table.Td>{k.createdBy}</Table.Td>
              <Table.Td>{f.dateTime(k.createdAt)}</Table.Td>
              <Table.Td>{f.dateTime(k.lastUsedAt)}</Table.Td>
              <Table.Td>{f.dateTime(k.revokedAt)}</Table.Td>
              {canWrite && (
                <Table.Td>
                  {!k.revokedAt && (
                    <Button
                      size="compact-xs"
                      color="red.9"
                      variant="outline"
                      onClick={() => void revoke(k.id)}
                      aria-label={t('admin.revokeKey', { name: k.name })}
                    >
                      {t('admin.revoke')}
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canWrite && (
        <Paper withBorder p="md" component="section" aria-labelledby="new-key-title">
          <form onSubmit={(e) => void create(e)}>
            <Stack>
              <Title order={3} size="h4" id="new-key-title">
                {t('admin.newKey')}
              </Title>
              <Group grow align="flex-start">
                <NativeSelect
                  label={t('common.member')}
                  value={memberCode}
                  onChange={(e) => setMember(e.currentTarget.value)}
                  data={(members.data ?? []).map((m) => ({ value: m.code, label: m.name }))}
                />
                <TextInput
                  label={t('admin.keyName')}
                  required
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                />
              </Group>
              <Group justify="flex-end">
                <Button type="submit">{t('common.create')}</Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}
