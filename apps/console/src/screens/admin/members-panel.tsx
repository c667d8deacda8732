import {
  Alert,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Table,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { MEMBER_TYPES } from '../../api/enums';
import type { Member, MemberType } from '../../api/responses';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/error-alert';
import { useAsync } from '../../components/use-async';
import { useFormat } from '../../i18n/format';
import { MemberEditModal } from './member-edit-modal';

const EMPTY = { code: '', name: '', type: 'city' as MemberType, networks: '', retentionDays: 365 };

/** Members in the user's scope (the API filters), with their networks; admins create and edit them. */
export function MembersPanel() {
  const { t } = useTranslation();
  const f = useFormat();
  const { hasRole } = useSession();
  const members = useAsync(() => call<Member[]>(api.GET('/api/v1/members')), []);
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<Member | null>(null);
  const [notice, setNotice] = useState('');
  const isAdmin = hasRole('admin');

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const networks = form.networks.split(/\s+/).filter(Boolean);
      await call<Member>(
        api.POST('/api/v1/members', {
          body: { code: form.code, name: form.name, type: form.type, networks, retentionDays: form.retentionDays },
        }),
      );
      setForm(EMPTY);
      await members.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Stack>
      <ErrorAlert error={members.error} />
      {notice && (
        <Alert color="teal" role="status">
          {notice}
        </Alert>
      )}
      <Table striped data-testid="members-table" aria-label={t('admin.members')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.code')}</Table.Th>
            <Table.Th>{t('admin.name')}</Table.Th>
            <Table.Th>{t('admin.type')}</Table.Th>
            <Table.Th>{t('admin.networks')}</Table.Th>
            <Table.Th>{t('admin.retention')}</Table.Th>
            {isAdmin && <Table.Th>{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(members.data ?? []).map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{m.code}</Table.Td>
              <Table.Td>{m.name}</Table.Td>
              <Table.Td>{t(`memberType.${m.type}`, { defaultValue: m.type })}</Table.Td>
              <Table.Td>{m.networks.join(', ')}</Table.Td>
              <Table.Td>{f.number(m.retentionDays)}</Table.Td>
              {isAdmin && (
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="outline"
                    onClick={() => {
                      setNotice('');
                      setEditing(m);
                    }}
                    aria-label={t('admin.editMember', { name: m.name })}
                  >
                    {t('admin.edit')}
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <MemberEditModal
        member={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          setNotice(t('admin.saved'));
          void members.reload();
        }}
      />
      {isAdmin && (
        <Paper withBorder p="md" component="section" aria-labelledby="new-member-title">
          <form onSubmit={(e) => void create(e)}>
            <Stack>
              <Title order={3} size="h4" id="new-member-title">
                {t('admin.newMember')}
              </Title>
              <ErrorAlert error={error} />
              <Group grow align="flex-start">
                <TextInput
                  label={t('admin.code')}
                  required
                  value={form.code}
                  onChange={(e) => setForm({ ...form, code: e.currentTarget.value })}
                />
                <TextInput
                  label={t('admin.name')}
                  required
                  value={form.name}
                  onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
                />
                <NativeSelect
                  label={t('admin.type')}
                  value={form.type}
                  onChange={(e) => setForm({ ...form, type: e.currentTarget.value as MemberType })}
                  data={MEMBER_TYPES.map((m) => ({ value: m, label: t(`memberType.${m}`) }))}
                />
                <NumberInput
                  label={t('admin.retention')}
                  min={1}
                  value={form.retentionDays}
                  onChange={(v) => setForm({ ...form, retentionDays: Number(v) || 365 })}
                />
              </Group>
              <Textarea
                label={t('admin.networks')}
                description={t('admin.networksHint')}
                value={form.networks}
                onChange={(e) => setForm({ ...form, networks: e.currentTarget.value })}
              />
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
