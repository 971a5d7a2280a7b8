import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { TelegramLinkCode, TelegramLinkState } from '../api/ApiClient';
import { tt } from '../i18n/telegram';
import { errorText, useServices } from './services';

/** While a code is shown, how often the link state is re-read to notice that the operator sent it (ms). */
const LINK_POLL_MS = 5_000;

function linkedLabel(state: TelegramLinkState): string {
  if (state.telegramUsername) return tt('tg.link.linked', { username: `@${state.telegramUsername}` });
  return tt('tg.link.linkedId', { id: String(state.telegramUserId ?? '') });
}

/**
 * "Link Telegram": the operator's link state (`GET /api/telegram/link`); "Link Telegram" asks for a one-time code
 * (`POST`) and shows it with the command `/link CODE` to send in the support group, a copy button and its expiry
 * (the state is re-read every few seconds meanwhile); "Unlink" (`DELETE`). `initialState`/`initialCode` skip the
 * first load (tests, server rendering).
 */
export function TelegramLinkPanel({ initialState, initialCode = null }: {
  initialState?: TelegramLinkState;
  initialCode?: TelegramLinkCode | null;
}) {
  const { api } = useServices();
  const [state, setState] = useState<TelegramLinkState | undefined>(initialState);
  const [code, setCode] = useState<TelegramLinkCode | null>(initialCode);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (initialState !== undefined) return undefined;
    let cancelled = false;
    api.telegramLink().then(
      (value) => { if (!cancelled) setState(value); },
      (failure: unknown) => { if (!cancelled) setError(errorText(failure)); },
    );
    return () => { cancelled = true; };
  }, [api, initialState]);

  useEffect(() => {
    if (!code || state?.linked) return undefined;
    const id = setInterval(() => {
      if (Date.parse(code.expiresAt) < Date.now()) {
        setCode(null);
        return;
      }
      api.telegramLink().then((value) => {
        setState(value);
        if (value.linked) setCode(null);
      }, () => undefined);
    }, LINK_POLL_MS);
    return () => clearInterval(id);
  }, [api, code, state?.linked]);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  const createCode = () => run(async () => setCode(await api.createTelegramLinkCode()));
  const unlink = () => run(async () => {
    await api.unlinkTelegram();
    setState({ linked: false, telegramUserId: null, telegramUsername: null, linkedAt: null });
    setCode(null);
  });

  return (
    <Stack gap="sm" data-testid="telegram-link" data-linked={state ? String(state.linked) : undefined}>
      <Text fw={600}>{tt('tg.link.title')}</Text>
      {state === undefined && !error && <Text size="sm" c="dimmed">{tt('tg.common.loading')}</Text>}
      {state?.linked && (
        <Group gap="sm">
          <Text size="sm" data-testid="telegram-link-state">{linkedLabel(state)}</Text>
          <Button size="xs" variant="default" color="red" onClick={() => void unlink()} loading={busy}
            data-testid="telegram-unlink">{tt('tg.link.unlink')}</Button>
        </Group>
      )}
      {state && !state.linked && (
        <>
          <Text size="sm" c="dimmed" data-testid="telegram-link-state">{tt('tg.link.notLinked')}</Text>
          {!code && (
            <Group>
              <Button onClick={() => void createCode()} loading={busy} data-testid="telegram-link-create">
                {tt('tg.link.create')}
              </Button>
            </Group>
          )}
        </>
      )}
      {code && !state?.linked && (
        <Stack gap={6} data-testid="telegram-link-code" data-code={code.code}>
          <Text size="sm">{tt('tg.link.instructions')}</Text>
          <Group gap="sm" wrap="nowrap">
            <Code fz="lg" dir="ltr" data-testid="telegram-link-command">{code.command || `/link ${code.code}`}</Code>
            <CopyButton value={code.command || `/link ${code.code}`}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" color={copied ? 'teal' : undefined} onClick={copy}
                  data-testid="telegram-link-copy">{copied ? tt('tg.link.copied') : tt('tg.link.copy')}</Button>
              )}
            </CopyButton>
          </Group>
          <Text size="xs" c="dimmed" data-testid="telegram-link-expires">
            {tt('tg.link.expires', { time: new Date(code.expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) })}
          </Text>
        </Stack>
      )}
      {error && <Alert color="red" variant="light" role="alert" data-testid="telegram-link-error">{tt('tg.link.failed', { reason: error })}</Alert>}
    </Stack>
  );
}

/** The operator's profile dialog (for now: the Telegram link). */
export function ProfileDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={tt('tg.profile.title')} centered data-testid="profile-dialog">
      {opened && <TelegramLinkPanel />}
    </Modal>
  );
}
