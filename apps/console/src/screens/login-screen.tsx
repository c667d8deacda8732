import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useSession } from '../auth/session';
import { LanguageSelect } from '../components/language-select';

export function LoginScreen() {
  const { t } = useTranslation();
  const { login, lost } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username, password);
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) setError(t('login.throttled'));
      else if (err instanceof ApiError && err.status < 500) setError(t('login.failed'));
      else setError(t('common.error', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center component="main" mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={400} maw="100%">
        <form onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
          <Stack>
            <Title order={1} size="h2" id="login-title">
              {t('login.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('login.subtitle')}
            </Text>
            {lost && !error && (
              <Alert color="yellow" role="status">
                {t('login.sessionLost')}
              </Alert>
            )}
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <TextInput
              label={t('login.username')}
              name="username"
              autoComplete="username"
              required
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              data-autofocus
              autoFocus
            />
            <PasswordInput
              label={t('login.password')}
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={busy}>
              {t('login.submit')}
            </Button>
            <LanguageSelect />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
