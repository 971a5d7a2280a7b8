import { Badge, Box, Button, Group, Loader, Modal, Popover, Stack, Text, Textarea, UnstyledButton } from '@mantine/core';
import { type KeyboardEvent, useState } from 'react';
import type { Message, MessageReaction, MessageVersion } from '../api/types';
import { tt } from '../i18n/telegram';
import type { MessageActions } from './messageActions';
import { errorText, useServices } from './services';

/** The quote of the replied-to message above the text; a click scrolls to it when it is loaded. */
export function ReplyQuote({ message, actions }: { message: Message; actions: MessageActions | null }) {
  const target = message.replyToMessageId ?? null;
  const text = message.replyToText ?? '';
  if (!target && !text) return null;
  const content = (
    <Box px={8} py={2} mb={4} data-testid="message-reply-quote" data-reply-to={target ?? undefined}
      style={{ borderInlineStart: '3px solid var(--mantine-color-indigo-4)', background: 'rgba(0,0,0,0.04)', borderRadius: 4 }}>
      <Text size="xs" c="dimmed" fw={600}>{tt('tg.message.replyTo')}</Text>
      <Text size="xs" dir="auto" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>{text}</Text>
    </Box>
  );
  if (!target || !actions) return content;
  return (
    <UnstyledButton onClick={() => actions.scrollTo(target)} style={{ display: 'block', width: '100%' }}
      aria-label={`${tt('tg.message.replyTo')}: ${text}`}>
      {content}
    </UnstyledButton>
  );
}

/** "via Telegram topic" for operator replies written in the support group's forum topic. */
export function SourceBadge({ source }: { source: string | null | undefined }) {
  if (source !== 'TELEGRAM_TOPIC') return null;
  return (
    <Badge size="xs" variant="light" color="cyan" tt="none" data-testid="message-source" data-source={source}>
      {tt('tg.message.viaTopic')}
    </Badge>
  );
}

/** Reaction chips (emoji and count; the customer's ones outlined). */
export function ReactionChips({ reactions }: { reactions: MessageReaction[] | null | undefined }) {
  const shown = (reactions ?? []).filter((r) => r.count > 0);
  if (shown.length === 0) return null;
  return (
    <Group gap={4} mt={4} role="list" aria-label={tt('tg.reactions.label')} data-testid="message-reactions">
      {shown.map((reaction) => (
        <Badge key={reaction.emoji} role="listitem" size="sm" radius="xl" tt="none"
          variant={reaction.byCustomer ? 'outline' : 'light'} color="gray" data-testid="message-reaction"
          data-emoji={reaction.emoji} data-by-customer={String(reaction.byCustomer)}
          title={reaction.byCustomer ? tt('tg.reactions.byCustomer', { emoji: reaction.emoji, count: reaction.count }) : undefined}>
          {reaction.emoji} {reaction.count}
        </Badge>
      ))}
    </Group>
  );
}

/** The "edited" mark; opening it loads the earlier versions (`GET …/versions`, oldest first). */
export function EditedMark({ message, actions }: { message: Message; actions: MessageActions | null }) {
  const { api } = useServices();
  const [versions, setVersions] = useState<MessageVersion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!message.editedAt) return null;
  const label = (
    <Text size="xs" c="dimmed" fs="italic" data-testid="message-edited" title={new Date(message.editedAt).toLocaleString()}>
      {tt('tg.message.edited')}
    </Text>
  );
  if (!actions) return label;
  const load = () => {
    setError(null);
    api.messageVersions(actions.conversationId, message.id).then(setVersions, (failure: unknown) => setError(errorText(failure)));
  };
  return (
    <Popover width={280} position="top" withArrow shadow="md" onOpen={load}>
      <Popover.Target>
        <UnstyledButton aria-label={tt('tg.message.versions')} data-testid="message-versions-open">{label}</UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown data-testid="message-versions">
        <Text size="xs" fw={600} mb={4}>{tt('tg.message.versions')}</Text>
        {error && <Text size="xs" c="red" role="alert">{tt('tg.message.versionsFailed', { reason: error })}</Text>}
        {!error && versions === null && <Loader size="xs" />}
        {versions?.length === 0 && <Text size="xs" c="dimmed">{tt('tg.message.noVersions')}</Text>}
        <Stack gap={4}>
          {versions?.map((version, index) => (
            <Box key={`${version.editedAt}-${index}`} data-testid="message-version">
              <Text size="xs" c="dimmed">{new Date(version.editedAt).toLocaleString()}</Text>
              <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{version.text}</Text>
            </Box>
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** What a key does in the edit box: Esc cancels, Enter (without Shift, not while composing) saves, others type. */
export function editKeyAction(key: string, shiftKey: boolean, composing: boolean): 'save' | 'cancel' | null {
  if (composing) return null;
  if (key === 'Escape') return 'cancel';
  if (key === 'Enter' && !shiftKey) return 'save';
  return null;
}

/** The text box that replaces the bubble's text while editing: Enter saves, Shift+Enter breaks the line, Esc cancels. */
export function EditBox({ initial, busy, error, onSave, onCancel }: {
  initial: string;
  busy: boolean;
  error: string | null;
  onSave: (text: string) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(initial);
  const blank = text.trim() === '';
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    const action = editKeyAction(event.key, event.shiftKey, event.nativeEvent.isComposing);
    if (action === 'cancel') {
      event.preventDefault();
      onCancel();
    } else if (action === 'save') {
      event.preventDefault();
      if (!blank && !busy) onSave(text.trim());
    }
  }
  return (
    <Stack gap={4} data-testid="message-edit-box">
      <Textarea value={text} onChange={(event) => setText(event.currentTarget.value)} onKeyDown={onKeyDown} autosize
        minRows={1} maxRows={8} autoFocus aria-label={tt('tg.message.edit')} description={tt('tg.message.editHint')}
        data-testid="message-edit-input" maxLength={4096} />
      {error && <Text size="xs" c="red" role="alert" data-testid="message-edit-error">{tt('tg.message.editFailed', { reason: error })}</Text>}
      <Group gap={4} justify="flex-end">
        <Button size="compact-xs" variant="default" onClick={onCancel} data-testid="message-edit-cancel">{tt('tg.message.cancel')}</Button>
        <Button size="compact-xs" onClick={() => onSave(text.trim())} disabled={blank} loading={busy}
          data-testid="message-edit-save">{tt('tg.message.save')}</Button>
      </Group>
    </Stack>
  );
}

/** The confirmation before deleting a message (deleted for the customer too). */
export function ConfirmMessageDelete({ opened, busy, error, onConfirm, onCancel }: {
  opened: boolean;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onCancel} title={tt('tg.message.deleteTitle')} centered>
      <Text size="sm" mb="md">{tt('tg.message.deleteText')}</Text>
      {error && <Text size="sm" c="red" role="alert" data-testid="message-delete-error">{tt('tg.message.deleteFailed', { reason: error })}</Text>}
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onCancel} data-testid="message-delete-cancel">{tt('tg.message.cancel')}</Button>
        <Button color="red" onClick={onConfirm} loading={busy} data-testid="message-delete-confirm">{tt('tg.message.delete')}</Button>
      </Group>
    </Modal>
  );
}
