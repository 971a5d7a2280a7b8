import { Alert, Button, Group, Modal, Paper, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, type ReactNode, useEffect, useMemo, useState } from 'react';
import { tt } from '../i18n/telegram';
import { useServices } from '../ui/services';
import { InlineError, adminErrorText } from './shared';
import {
  type SupportGroup,
  TelegramAdminApi,
  type TelegramBotInfo,
  type TelegramWebhookInfo,
  parseGroupChatId,
} from './telegramAdmin';

function useTelegramAdminApi(): TelegramAdminApi {
  const { api } = useServices();
  return useMemo(() => new TelegramAdminApi(api), [api]);
}

function when(iso: string | null | undefined): string {
  if (!iso) return tt('tg.common.none');
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/**
 * Loads once on mount unless `initial` is given (tests and server rendering pass it): the value, the failure text,
 * and a setter for answers of later calls.
 */
function useInitialLoad<T>(initial: T | undefined, load: () => Promise<T>) {
  const [data, setData] = useState<T | undefined>(initial);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (initial !== undefined && generation === 0) return undefined;
    let cancelled = false;
    load().then(
      (value) => {
        if (!cancelled) {
          setData(value);
          setError(null);
        }
      },
      (failure: unknown) => {
        if (!cancelled) setError(adminErrorText(failure));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [generation]);
  return { data, setData, error, reload: () => setGeneration((g) => g + 1) };
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Title order={3} size="h5" mb="sm">{title}</Title>
      <Stack gap="sm">{children}</Stack>
    </Paper>
  );
}

function Facts({ rows }: { rows: [string, ReactNode, string][] }) {
  return (
    <Table withRowBorders={false} verticalSpacing={2} maw={640}>
      <Table.Tbody>
        {rows.map(([label, value, testId]) => (
          <Table.Tr key={testId}>
            <Table.Th w={180} fw={500} c="dimmed">{label}</Table.Th>
            <Table.Td data-testid={testId} style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * The bot in use (username, token hint, mode, where the token comes from) and a form for a new token. The token field
 * is a password field that is never pre-filled and is cleared after saving; the page never receives the token.
 */
export function TelegramBotSection({ initial }: { initial?: TelegramBotInfo }) {
  const api = useTelegramAdminApi();
  const { data: bot, setData: setBot, error: loadError, reload } = useInitialLoad(initial, () => api.bot());
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!token.trim()) {
      setError(tt('tg.admin.bot.tokenRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setBot(await api.saveBotToken(token));
      setToken('');
      setDone(tt('tg.admin.bot.saved'));
    } catch (failure) {
      setError(adminErrorText(failure));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await api.removeBotToken();
      setConfirming(false);
      setDone(tt('tg.admin.bot.removed'));
      reload();
    } catch (failure) {
      setError(adminErrorText(failure));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title={tt('tg.admin.bot.title')} testId="telegram-bot">
      <InlineError error={loadError} testId="telegram-bot-load-error" />
      {bot === undefined && !loadError && <Text c="dimmed" size="sm">{tt('tg.common.loading')}</Text>}
      {bot && !bot.configured && <Text size="sm" data-testid="telegram-bot-none">{tt('tg.admin.bot.notConfigured')}</Text>}
      {bot?.configured && (
        <Facts rows={[
          [tt('tg.admin.bot.username'), bot.username ? `@${bot.username}${bot.firstName ? ` (${bot.firstName})` : ''}` : tt('tg.common.none'), 'telegram-bot-username'],
          [tt('tg.admin.bot.tokenHint'), <code key="hint">{bot.tokenHint ?? tt('tg.common.none')}</code>, 'telegram-bot-token-hint'],
          [tt('tg.admin.bot.mode'), bot.mode === 'webhook' ? tt('tg.admin.bot.mode.webhook') : bot.mode === 'polling' ? tt('tg.admin.bot.mode.polling') : (bot.mode ?? tt('tg.common.none')), 'telegram-bot-mode'],
          [tt('tg.admin.bot.webhookUrl'), bot.webhookUrl ?? tt('tg.common.none'), 'telegram-bot-webhook-url'],
          [tt('tg.admin.bot.source'), bot.source === 'console' ? tt('tg.admin.bot.source.console') : bot.source === 'environment' ? tt('tg.admin.bot.source.environment') : (bot.source ?? tt('tg.common.none')), 'telegram-bot-source'],
        ]} />
      )}
      <form onSubmit={(event) => void save(event)} data-testid="telegram-bot-form" autoComplete="off">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <PasswordInput label={tt('tg.admin.bot.token')} placeholder={tt('tg.admin.bot.tokenPlaceholder')} value={token}
            onChange={(event) => setToken(event.currentTarget.value)} autoComplete="new-password" spellCheck={false}
            w={420} data-testid="telegram-bot-token" />
          <Button type="submit" loading={busy} data-testid="telegram-bot-save">{tt('tg.admin.bot.save')}</Button>
          {bot?.source === 'console' && (
            <Button variant="default" color="red" onClick={() => setConfirming(true)} disabled={busy}
              data-testid="telegram-bot-remove">{tt('tg.admin.bot.remove')}</Button>
          )}
        </Group>
      </form>
      <InlineError error={error} testId="telegram-bot-error" />
      {done && <Alert color="green" variant="light" data-testid="telegram-bot-done">{done}</Alert>}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={tt('tg.admin.bot.remove')} centered>
        <Text size="sm" mb="md">{tt('tg.admin.bot.removeConfirm')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)}>{tt('tg.common.cancel')}</Button>
          <Button color="red" loading={busy} onClick={() => void remove()} data-testid="telegram-bot-remove-confirm">
            {tt('tg.common.confirm')}
          </Button>
        </Group>
      </Modal>
    </Section>
  );
}

/** Telegram's view of the webhook (URL, pending updates, last error) and "Re-register webhook" (409 in polling mode). */
export function TelegramWebhookSection({ initial }: { initial?: TelegramWebhookInfo }) {
  const api = useTelegramAdminApi();
  const { data: info, setData: setInfo, error: loadError, reload } = useInitialLoad(initial, () => api.webhookInfo());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function register() {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      setInfo(await api.registerWebhook());
      setDone(true);
    } catch (failure) {
      setError(adminErrorText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title={tt('tg.admin.webhook.title')} testId="telegram-webhook">
      <InlineError error={loadError} testId="telegram-webhook-load-error" />
      {info && (
        <Facts rows={[
          [tt('tg.admin.webhook.url'), info.url || tt('tg.common.none'), 'telegram-webhook-url'],
          [tt('tg.admin.webhook.pending'), String(info.pendingUpdateCount ?? 0), 'telegram-webhook-pending'],
          [tt('tg.admin.webhook.lastError'), info.lastErrorMessage
            ? `${info.lastErrorMessage} (${when(info.lastErrorDate)})` : tt('tg.admin.webhook.noError'), 'telegram-webhook-last-error'],
        ]} />
      )}
      <Group gap="sm">
        <Button onClick={() => void register()} loading={busy} data-testid="telegram-webhook-register">
          {tt('tg.admin.webhook.register')}
        </Button>
        <Button variant="default" onClick={reload} data-testid="telegram-webhook-reload">{tt('tg.common.reload')}</Button>
      </Group>
      <InlineError error={error} testId="telegram-webhook-error" />
      {done && <Alert color="green" variant="light" data-testid="telegram-webhook-done">{tt('tg.admin.webhook.registered')}</Alert>}
    </Section>
  );
}

/** The support group (forum supergroup) chat id: help text, current group, save (PUT) and unlink (DELETE). */
export function TelegramSupportGroupSection({ initial }: { initial?: SupportGroup | null }) {
  const api = useTelegramAdminApi();
  const { data: group, setData: setGroup, error: loadError } = useInitialLoad(initial, () => api.supportGroup());
  const [chatId, setChatId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    const id = parseGroupChatId(chatId);
    if (id === null) {
      setError(tt('tg.admin.group.chatIdInvalid'));
      return;
    }
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      setGroup(await api.saveSupportGroup(id));
      setChatId('');
      setDone(true);
    } catch (failure) {
      setError(adminErrorText(failure));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await api.removeSupportGroup();
      setGroup(null);
    } catch (failure) {
      setError(adminErrorText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title={tt('tg.admin.group.title')} testId="telegram-group">
      <Text size="sm" c="dimmed" maw={720} data-testid="telegram-group-help">{tt('tg.admin.group.help')}</Text>
      <InlineError error={loadError} testId="telegram-group-load-error" />
      {group === null && <Text size="sm" data-testid="telegram-group-none">{tt('tg.admin.group.none')}</Text>}
      {group && (
        <Group gap="sm">
          <Text size="sm" data-testid="telegram-group-current" data-chat-id={String(group.chatId)}>
            <code>{group.chatId}</code> · {tt('tg.admin.group.linked', { time: when(group.linkedAt) })}
          </Text>
          <Button size="xs" variant="default" color="red" onClick={() => void remove()} disabled={busy}
            data-testid="telegram-group-remove">{tt('tg.admin.group.remove')}</Button>
        </Group>
      )}
      <form onSubmit={(event) => void save(event)} data-testid="telegram-group-form">
        <Group align="flex-end" gap="sm">
          <TextInput label={tt('tg.admin.group.chatId')} placeholder={tt('tg.admin.group.chatIdPlaceholder')} value={chatId}
            onChange={(event) => setChatId(event.currentTarget.value)} dir="ltr" inputMode="numeric" w={260}
            data-testid="telegram-group-chat-id" />
          <Button type="submit" loading={busy} data-testid="telegram-group-save">{tt('tg.admin.group.save')}</Button>
        </Group>
      </form>
      <InlineError error={error} testId="telegram-group-error" />
      {done && <Alert color="green" variant="light" data-testid="telegram-group-done">{tt('tg.admin.group.saved')}</Alert>}
    </Section>
  );
}

/** Admin → Telegram: the bot token, the webhook and the support group. */
export function TelegramPage() {
  return (
    <Stack gap="md" data-testid="telegram-page">
      <TelegramBotSection />
      <TelegramWebhookSection />
      <TelegramSupportGroupSection />
    </Stack>
  );
}
