import { Box, Button, Group, Paper, Text, Tooltip } from '@mantine/core';
import { memo, useState } from 'react';
import type { Message } from '../api/types';
import { messageStatusLabel, systemKeyLabel } from '../format/labels';
import { canModify } from '../format/media';
import { t } from '../i18n';
import { tt } from '../i18n/telegram';
import { AttachmentView } from './AttachmentView';
import { CheckIcon, ClockIcon, DoubleCheckIcon } from './icons';
import { type MessageActions, useMessageActions } from './messageActions';
import { ConfirmMessageDelete, EditBox, EditedMark, ReactionChips, ReplyQuote, SourceBadge } from './MessageExtras';
import { errorText, useServices } from './services';

function clock(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/**
 * One message: inbound on the start side, outbound on the end side with its author and delivery status (clock =
 * pending, check = sent, double check = read by the customer (`read`), red "failed: <reason>" with a Retry button);
 * a system message (`systemKey` set) is a centered line. Above the text: the quote of the replied-to message (a click
 * scrolls to it) and the attachments; below: the "edited" mark (earlier versions in a popover) and reactions.
 * Operator replies written in the Telegram topic carry "via Telegram topic". The operator's own outbound messages
 * younger than 48 h offer Edit (Esc cancels) and Delete (confirmed). A deleted message is a "Message deleted" line.
 * The text is rendered as plain text with `white-space: pre-wrap`.
 */
export const MessageBubble = memo(function MessageBubble({ message, read = false }: { message: Message; read?: boolean }) {
  const actions = useMessageActions();
  if (message.systemKey) return <SystemMessageLine message={message} />;
  const outbound = message.direction === 'OUTBOUND';
  const attachments = message.attachments ?? [];
  return (
    <Box
      component="li"
      data-testid="message"
      data-message-id={message.id}
      data-direction={message.direction}
      data-status={message.status}
      data-read={outbound ? String(read) : undefined}
      data-deleted={message.deletedAt ? 'true' : undefined}
      style={{ display: 'flex', justifyContent: outbound ? 'flex-end' : 'flex-start' }}
    >
      <Paper
        px="sm"
        py={6}
        radius="lg"
        maw="75%"
        bg={outbound ? 'var(--mantine-color-indigo-1)' : 'var(--mantine-color-gray-1)'}
        style={{ minWidth: 0 }}
      >
        {(outbound && message.operatorName) || message.source === 'TELEGRAM_TOPIC' ? (
          <Group gap={6} wrap="nowrap">
            {outbound && message.operatorName && (
              <Text size="xs" c="indigo.8" fw={600} data-testid="message-author">{message.operatorName}</Text>
            )}
            <SourceBadge source={message.source} />
          </Group>
        ) : null}
        {message.deletedAt ? (
          <Text size="sm" c="dimmed" fs="italic" data-testid="message-deleted">{tt('tg.message.deleted')}</Text>
        ) : (
          <BubbleBody message={message} actions={actions} attachmentsCount={attachments.length} />
        )}
        <Group gap={4} justify="flex-end" wrap="nowrap" mt={2}>
          {!message.deletedAt && <EditedMark message={message} actions={actions} />}
          <Text size="xs" c="dimmed" title={new Date(message.createdAt).toLocaleString()}>
            {clock(message.createdAt)}
          </Text>
          {outbound && !message.deletedAt && <DeliveryStatus message={message} read={read} />}
        </Group>
        {!message.deletedAt && <ReactionChips reactions={message.reactions} />}
        {outbound && !message.deletedAt && message.status === 'FAILED' && actions && (
          <RetryButton message={message} actions={actions} />
        )}
      </Paper>
    </Box>
  );
});

/** Quote, attachments, text, and the edit/delete actions of the operator's own recent messages. */
function BubbleBody({ message, actions, attachmentsCount }: {
  message: Message;
  actions: MessageActions | null;
  attachmentsCount: number;
}) {
  const { api } = useServices();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const now = Date.now();
  const operatorId = actions?.operatorId ?? null;
  const editable = !!actions && canModify(message, operatorId, now, 'edit');
  const deletable = !!actions && canModify(message, operatorId, now, 'delete');

  async function save(text: string) {
    if (!actions) return;
    if (text === message.text) {
      setEditing(false);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await api.editMessage(actions.conversationId, message.id, text);
      actions.onPatched(message.id, {
        text: answer?.text ?? text,
        editedAt: answer?.editedAt ?? new Date().toISOString(),
      });
      setEditing(false);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!actions) return;
    setBusy(true);
    setError(null);
    try {
      await api.deleteMessage(actions.conversationId, message.id);
      actions.onPatched(message.id, { deletedAt: new Date().toISOString() });
      setConfirming(false);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <ReplyQuote message={message} actions={actions} />
      {(message.attachments ?? []).map((attachment) => (
        <AttachmentView key={attachment.id} attachment={attachment} />
      ))}
      {editing ? (
        <EditBox initial={message.text} busy={busy} error={error} onSave={(text) => void save(text)}
          onCancel={() => { setEditing(false); setError(null); }} />
      ) : (message.text || attachmentsCount === 0) && (
        <Text size="sm" dir="auto" data-testid="message-text" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {message.text}
        </Text>
      )}
      {!editing && (editable || deletable) && (
        <Group gap={2} justify="flex-end" mt={2} data-testid="message-own-actions">
          {editable && (
            <Button size="compact-xs" variant="subtle" onClick={() => { setEditing(true); setError(null); }}
              data-testid="message-edit">{tt('tg.message.edit')}</Button>
          )}
          {deletable && (
            <Button size="compact-xs" variant="subtle" color="red" onClick={() => { setConfirming(true); setError(null); }}
              data-testid="message-delete">{tt('tg.message.delete')}</Button>
          )}
        </Group>
      )}
      {confirming && (
        <ConfirmMessageDelete opened={confirming} busy={busy} error={error} onConfirm={() => void remove()}
          onCancel={() => { setConfirming(false); setError(null); }} />
      )}
    </>
  );
}

/** "Retry" under a FAILED reply: `POST …/retry`; on 202 the bubble goes back to PENDING (clock). */
function RetryButton({ message, actions }: { message: Message; actions: MessageActions }) {
  const { api } = useServices();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function retry() {
    setBusy(true);
    setError(null);
    try {
      await api.retryMessage(actions.conversationId, message.id);
      actions.onPatched(message.id, { status: 'PENDING', failureReason: null });
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Group gap={6} justify="flex-end" mt={4} wrap="wrap">
      {error && <Text size="xs" c="red" role="alert" data-testid="message-retry-error">{tt('tg.message.retryFailed', { reason: error })}</Text>}
      <Button size="compact-xs" variant="light" color="red" onClick={() => void retry()} loading={busy}
        data-testid="message-retry">{tt('tg.message.retry')}</Button>
    </Group>
  );
}

/** A system message (welcome, reminder, reopened, closing…): a centered line, never a customer or operator bubble. */
function SystemMessageLine({ message }: { message: Message }) {
  const key = message.systemKey ?? '';
  const delivered = message.direction === 'OUTBOUND' && message.status !== 'RECORDED';
  return (
    <Box component="li" data-testid="system-message" data-message-id={message.id} data-system-key={key}
      data-status={message.status} style={{ display: 'flex', justifyContent: 'center' }}>
      <Box maw="85%" px="sm" py={4} ta="center"
        style={{ borderRadius: 999, background: 'var(--mantine-color-gray-0)', border: '1px dashed var(--mantine-color-gray-4)' }}>
        <Text size="xs" c="dimmed" fw={600} aria-label={t('system.label')}>
          {systemKeyLabel(key)}
          {` · ${clock(message.createdAt)}`}
          {message.operatorName && ` · ${t('message.author', { name: message.operatorName })}`}
        </Text>
        <Text size="sm" c="dark.4" dir="auto" data-testid="system-message-text" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {message.text}
        </Text>
        {delivered && (
          <Group gap={4} justify="center" mt={2}><DeliveryStatus message={message} /></Group>
        )}
      </Box>
    </Box>
  );
}

function DeliveryStatus({ message, read = false }: { message: Message; read?: boolean }) {
  const label = read ? t('message.readByCustomer') : messageStatusLabel(message);
  if (message.status === 'FAILED') {
    return (
      <Text size="xs" c="red" fw={500} data-testid="message-status" style={{ overflowWrap: 'anywhere' }}>
        {label}
      </Text>
    );
  }
  return (
    <Tooltip label={label} withArrow openDelay={300}>
      <Box
        component="span"
        role="img"
        aria-label={label}
        data-testid="message-status"
        c={message.status === 'SENT' ? 'indigo' : 'dimmed'}
        style={{ display: 'inline-flex' }}
      >
        {read ? <DoubleCheckIcon /> : message.status === 'SENT' ? <CheckIcon /> : <ClockIcon />}
      </Box>
    </Tooltip>
  );
}
