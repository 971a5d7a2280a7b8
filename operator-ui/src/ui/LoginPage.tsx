import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { ApiError, NetworkError } from '../api/problem';
import { t } from '../i18n';
import { useServices } from './services';

/** Username/password sign-in; shows the problem+json `detail` of a refused login. */
export function LoginPage() {
  const { auth } = useServices();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await auth.login(username.trim(), password);
    } catch (failure) {
      if (failure instanceof ApiError) setError(failure.detail ?? failure.title ?? t('login.failed'));
      else if (failure instanceof NetworkError) setError(t('login.unreachable'));
      else setError(t('login.failed'));
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" bg="var(--mantine-color-gray-0)">
      <Paper component="main" withBorder shadow="sm" p="xl" radius="md" w={380} maw="92vw">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={1} size="h3">{t('login.title')}</Title>
            <TextInput
              label={t('login.username')}
              name="username"
              autoComplete="username"
              autoFocus
              required
              value={username}
              onChange={(event) => setUsername(event.currentTarget.value)}
              data-testid="login-username"
            />
            <PasswordInput
              label={t('login.password')}
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              data-testid="login-password"
            />
            {error && (
              <Alert color="red" variant="light" role="alert" data-testid="login-error">
                {error}
              </Alert>
            )}
            <Button type="submit" loading={busy} disabled={!username.trim() || !password} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
