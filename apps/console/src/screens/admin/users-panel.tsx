import { Badge, Button, Group, MultiSelect, Paper, PasswordInput, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ROLES } from '../../api/enums';
import type { Member, Role, User } from '../../api/responses';
import { ErrorAlert } from '../../components/error-alert';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';

export function UsersPanel() {
  const { t } = useTranslation();
  const f = useFormat();
  const users = useAsync(() => call<User[]>(api.GET('/api/v1/users')), []);
  const members = useAsync(() => call<Member[]>(api.GET('/api/v1/members')), []);
  const [form, setForm] = useState({
    username: '',
    displayName: '',
    password: '',
    roles: [] as Role[],
    memberScopes: [] as string[],
  });
  const [error, setError] = useState<unknown>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await call<User>(api.POST('/api/v1/users', { body: { ...form, displayName: form.displayName || undefined } }));
      setForm({ username: '', displayName: '', password: '', roles: [], memberScopes: [] });
      await users.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Stack>
      <ErrorAlert error={users.error} />
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.username')}</Table.Th>
            <Table.Th>{t('admin.displayName')}</Table.Th>
            <Table.Th>{t('admin.roles')}</Table.Th>
            <Table.Th>{t('admin.scopes')}</Table.Th>
            <Table.Th>{t('admin.lastLogin')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(users.data ?? []).map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>
                {u.username} {u.disabled && <Badge color="gray.8">{t('admin.disabled')}</Badge>}
              </Table.Td>
              <Table.Td>{u.displayName}</Table.Td>
              <Table.Td>{u.roles.map((r) => t(`roles.${r}`)).join(', ')}</Table.Td>
              <Table.Td>{u.memberScopes.join(', ') || t('common.all')}</Table.Td>
              <Table.Td>{f.dateTime(u.lastLoginAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Paper withBorder p="md" component="section" aria-labelledby="new-user-title">
        <form onSubmit={(e) => void create(e)}>
          <Stack>
            <Title order={3} size="h4" id="new-user-title">
              {t('admin.newUser')}
            </Title>
            <ErrorAlert error={error} />
            <Group grow align="flex-start">
              <TextInput
                label={t('admin.username')}
                required
                value={form.username}
                onChange={(e) => setForm({ ...form, username: e.currentTarget.value })}
              />
              <TextInput
                label={t('admin.displayName')}
                value={form.displayName}
                onChange={(e) => setForm({ ...form, displayName: e.currentTarget.value })}
              />
              <PasswordInput
                label={t('admin.password')}
                required
                autoComplete="new-password"
                value={form.password}
                onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
              />
            </Group>
            <Group grow align="flex-start">
              <MultiSelect
                label={t('admin.roles')}
                required
                data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                value={form.roles}
                onChange={(v) => setForm({ ...form, roles: v as Role[] })}
              />
              <MultiSelect
                label={t('admin.scopes')}
                data={(members.data ?? []).map((m) => ({ value: m.code, label: m.name }))}
                value={form.memberScopes}
                onChange={(v) => setForm({ ...form, memberScopes: v })}
                searchable
              />
            </Group>
            <Group justify="flex-end">
              <Button type="submit">{t('common.create')}</Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
