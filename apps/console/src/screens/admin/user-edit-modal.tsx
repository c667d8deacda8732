import {
  Alert,
  Button,
  Divider,
  Group,
  Modal,
  MultiSelect,
  PasswordInput,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ROLES } from '../../api/enums';
import type { Member, Role, User } from '../../api/responses';
import { ErrorAlert } from '../../components/error-alert';
import { FormActions } from '../../components/form-actions';
import { generalError, problemsByField, type Problem } from './field-errors';

interface Props {
  user: User | null;
  members: Member[];
  onClose(): void;
  onSaved(user: User): void;
}

const FIELDS = ['displayName', 'email', 'roles', 'memberScopes'] as const;

/**
 * Edits an account (PATCH /users/:id: display name, email, roles, member scopes) and sets a new
 * password (POST /users/:id/password). The API's field problems are shown at the field.
 */
export function UserEditModal({ user, members, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ displayName: '', email: '', roles: [] as Role[], memberScopes: [] as string[] });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<unknown>(null);
  const [passwordDone, setPasswordDone] = useState(false);

  useEffect(() => {
    if (!user) return;
    setForm({
      displayName: user.displayName,
      email: user.email ?? '',
      roles: user.roles,
      memberScopes: user.memberScopes,
    });
    setError(null);
    setPassword('');
    setPasswordError(null);
    setPasswordDone(false);
  }, [user]);

  const problems = problemsByField(error);
  const scopeText = (p: Problem) =>
    p.index !== undefined
      ? t('admin.scopeUnknown', { value: form.memberScopes[p.index] ?? '' })
      : /referent/.test(p.problem)
        ? t('admin.referentNeedsScope')
        : p.problem;
  const at = (field: (typeof FIELDS)[number]) =>
    problems[field]?.map((p) => (field === 'memberScopes' ? scopeText(p) : p.problem)).join(' ; ');

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!user) return;
    setError(null);
    setBusy(true);
    try {
      const email = form.email.trim();
      const saved = await call<User>(
        api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: user.id } },
          body: {
            displayName: form.displayName.trim(),
            roles: form.roles,
            memberScopes: form.memberScopes,
            ...(email && email !== user.email ? { email } : {}),
          },
        }),
      );
      onSaved(saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function resetPassword(e: FormEvent) {
    e.preventDefault();
    if (!user) return;
    setPasswordError(null);
    setPasswordDone(false);
    try {
      await call(api.POST('/api/v1/users/{id}/password', { params: { path: { id: user.id } }, body: { password } }));
      setPassword('');
      setPasswordDone(true);
    } catch (err) {
      setPasswordError(err);
    }
  }

  const passwordProblems = problemsByField(passwordError).password;
  return (
    <Modal
      opened={!!user}
      onClose={onClose}
      size="lg"
      title={user ? t('admin.editUser', { name: user.username }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <form
          noValidate
          onSubmit={(e) => void save(e)}
          aria-label={user ? t('admin.editUser', { name: user.username }) : undefined}
        >
          <Stack>
            <TextInput
              data-autofocus
              label={t('admin.displayName')}
              value={form.displayName}
              onChange={(e) => setForm({ ...form, displayName: e.currentTarget.value })}
              error={at('displayName')}
            />
            <TextInput
              type="email"
              label={t('admin.email')}
              autoComplete="off"
              value={form.email}
              onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
              error={at('email')}
            />
            <MultiSelect
              label={t('admin.roles')}
              data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              value={form.roles}
              onChange={(v) => setForm({ ...form, roles: v as Role[] })}
              error={at('roles')}
            />
            <MultiSelect
              label={t('admin.scopes')}
              data={members.map((m) => ({ value: m.code, label: m.name }))}
              value={form.memberScopes}
              onChange={(v) => setForm({ ...form, memberScopes: v })}
              searchable
              error={at('memberScopes')}
            />
            <FormActions error={generalError(error, FIELDS)} submit={t('common.save')} onCancel={onClose} busy={busy} />
          </Stack>
        </form>
        <Divider />
        <form noValidate onSubmit={(e) => void resetPassword(e)} aria-labelledby="reset-password-title">
          <Stack>
            <Title order={3} size="h5" id="reset-password-title">
              {t('admin.passwordTitle')}
            </Title>
            {passwordDone && (
              <Alert color="teal" role="status">
                {t('admin.passwordDone')}
              </Alert>
            )}
            <PasswordInput
              label={t('admin.newPassword')}
              description={t('admin.newPasswordHint')}
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={passwordProblems?.map((p) => p.problem).join(' ; ')}
              // Mantine's PasswordInput does not mark its inner input invalid itself.
              aria-invalid={!!passwordProblems}
            />
            <ErrorAlert error={generalError(passwordError, ['password'])} />
            <Group justify="flex-end">
              <Button type="submit" variant="outline" disabled={!password}>
                {t('admin.setPassword')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Modal>
  );
}
