import {
  Alert,
  Badge,
  Button,
  Group,
  MultiSelect,
  Paper,
  PasswordInput,
  Stack,
  Table,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ROLES } from '../../api/enums';
import type { Member, Role, User } from '../../api/responses';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/error-alert';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';
import { DisableUserModal } from './disable-user-modal';
import { UserEditModal } from './user-edit-modal';

/** Accounts (admin): list, create, edit roles, scopes and display name, reset a password, disable or enable. */
export function UsersPanel() {
  const { t } = useTranslation();
  const f = useFormat();
  const { me } = useSession();
  const [editing, setEditing] = useState<User | null>(null);
  const [disabling, setDisabling] = useState<User | null>(null);
  const [notice, setNotice] = useState('');
  const [rowError, setRowError] = useState<unknown>(null);
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

  async function enable(u: User) {
    setRowError(null);
    setNotice('');
    try {
      await call<User>(api.PATCH('/api/v1/users/{id}', { params: { path: { id: u.id } }, body: { disabled: false } }));
      setNotice(t('admin.enabledDone', { name: u.username }));
      await users.reload();
    } catch (err) {
      setRowError(err);
    }
  }

  return (
    <Stack>
      <ErrorAlert error={users.error ?? rowError} />
      {notice && (
        <Alert color="teal" role="status">
          {notice}
        </Alert>
      )}
      <Table striped aria-label={t('admin.users')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.username')}</Table.Th>
            <Table.Th>{t('admin.displayName')}</Table.Th>
            <Table.Th>{t('admin.roles')}</Table.Th>
            <Table.Th>{t('admin.scopes')}</Table.Th>
            <Table.Th>{t('admin.lastLogin')}</Table.Th>
            <Table.Th>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(users.data ?? []).map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>
                {u.username} {u.id === me?.id && t('admin.you')}{' '}
                {u.disabled && <Badge color="gray.8">{t('admin.disabled')}</Badge>}
              </Table.Td>
              <Table.Td>{u.displayName}</Table.Td>
              <Table.Td>{u.roles.map((r) => t(`roles.${r}`)).join(', ')}</Table.Td>
              <Table.Td>{u.memberScopes.join(', ') || t('common.all')}</Table.Td>
              <Table.Td>{f.dateTime(u.lastLoginAt)}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button
                    size="compact-xs"
                    variant="outline"
                    onClick={() => setEditing(u)}
                    aria-label={t('admin.editUser', { name: u.username })}
                  >
                    {t('admin.edit')}
                  </Button>
                  {u.disabled ? (
                    <Button
                      size="compact-xs"
                      variant="outline"
                      onClick={() => void enable(u)}
                      aria-label={t('admin.enableUser', { name: u.username })}
                    >
                      {t('admin.enable')}
                    </Button>
                  ) : (
                    u.id !== me?.id && (
                      <Button
                        size="compact-xs"
                        color="red.9"
                        variant="outline"
                        onClick={() => setDisabling(u)}
                        aria-label={t('admin.disableUser', { name: u.username })}
                      >
                        {t('admin.disable')}
                      </Button>
                    )
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <UserEditModal
        user={editing}
        members={members.data ?? []}
        onClose={() => setEditing(null)}
        onSaved={(u) => {
          setEditing(null);
          setNotice(t('admin.saved'));
          void users.reload();
        }}
      />
      <DisableUserModal
        user={disabling}
        onClose={() => setDisabling(null)}
        onDisabled={(u) => {
          setDisabling(null);
          setNotice(t('admin.disabledDone', { name: u.username }));
          void users.reload();
        }}
      />
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
