import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { User } from '../../api/responses';
import { ErrorAlert } from '../../components/error-alert';

interface Props {
  user: User | null;
  onClose(): void;
  onDisabled(user: User): void;
}

/** Asks before disabling an account: it can no longer sign in and its sessions are closed. */
export function DisableUserModal({ user, onClose, onDisabled }: Props) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setError(null), [user]);

  async function confirm() {
    if (!user) return;
    setBusy(true);
    setError(null);
    try {
      onDisabled(
        await call<User>(
          api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body: { disabled: true } }),
        ),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      opened={!!user}
      onClose={onClose}
      title={user ? t('admin.disableTitle', { name: user.username }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <Text>{t('admin.disableText')}</Text>
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red.9" loading={busy} onClick={() => void confirm()}>
            {t('admin.disable')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
