import { Alert, Box, Center, Group, Loader, ScrollArea, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { Conversation, Message } from '../api/types';
import { conversationChannel } from '../format/channel';
import { t } from '../i18n';
import { tt } from '../i18n/telegram';
import { isReadByCustomer } from '../state/customerActivity';
import type { NotesState } from '../state/notes';
import type { Reminder } from '../state/reminders';
import type { ThreadState } from '../state/thread';
import { ConversationHeader } from './ConversationHeader';
import { MessageBubble } from './MessageBubble';
import { NotesPanel } from './NotesPanel';
import { PinnedReminder } from './PinnedReminder';
import { ReplyBox } from './ReplyBox';
import { type MessageActions, MessageActionsContext } from './messageActions';

interface Props {
  conversation: Conversation | null;
  thread: ThreadState;
  error: string | null;
  notes: NotesState;
  notesError: string | null;
  onSend: (conversationId: string, text: string, idempotencyKey: string) => Promise<void>;
  /** Sends a file with an optional caption (multipart); absent = no attach button. */
  onSendFile?: (conversationId: string, file: File, caption: string, clientMessageId: string) => Promise<void>;
  /** A message changed by the operator's own action (retry, edit, delete): apply `patch` to the thread. */
  onMessagePatched?: (conversationId: string, messageId: string, patch: Partial<Message>) => void;
  /** The signed-in operator (their own messages can be edited and deleted). */
  operatorId?: string | null;
  /** The operator started (true) or stopped (false) typing a reply in this conversation. */
  onTyping?: (conversationId: string, active: boolean) => void;
  /** Show "Customer is typing…" under the thread. */
  customerTyping?: boolean;
  /** The customer's latest read time (ms since the epoch) or null: replies up to it show as read. */
  customerReadAt?: number | null;
  onAddNote: (conversationId: string, text: string) => Promise<void>;
  /** The conversation after an action (lifecycle button, tag change). */
  onChanged: (conversation: Conversation) => void;
  /** An action was refused: re-read the conversation. */
  onRefused: (conversationId: string) => void;
  /** The pinned operator reminder shown above the thread until the conversation is claimed, or null. */
  pinnedReminder?: Reminder | null;
  /** Load the next page of notes (shown while `notes.nextCursor` is set). */
  onLoadMoreNotes?: () => void;
  loadingMoreNotes?: boolean;
  /** Open another conversation (the customer panel's list). */
  onOpenConversation?: (conversationId: string) => void;
  /** An admin erased the customer's data: these conversations are gone. */
  onCustomerErased?: (customerId: string, conversationIds: string[]) => void;
}

/** Whether Telegram refuses messages to this conversation's customer now (they blocked the bot). */
export function botBlocked(conversation: Conversation): boolean {
  return conversationChannel(conversation) === 'TELEGRAM' && !!conversation.customer.botBlockedAt;
}

function replyBlockedReason(conversation: Conversation): string | null {
  if (conversation.status === 'CLOSED') return t('reply.closed');
  if (conversation.status === 'BLOCKED') return t('reply.blocked');
  if (botBlocked(conversation)) return tt('tg.blocked.reply');
  return null;
}

function blockedDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * The open conversation: header (channel, status, assignee, actions, tags, customer panel, audit, export), the
 * pinned reminder while it waits unclaimed, live message list (kept scrolled to the newest unless scrolled up;
 * replies the customer has read get a double tick), "Customer is typing…", reply box, and the internal notes beside
 * them. When the customer blocked the bot (Telegram conversations, `customer.botBlockedAt`) a banner says so and the
 * reply box is disabled.
 */
export function ConversationView(props: Props) {
  const { conversation, thread, error, notes, notesError, onSend, onAddNote, onChanged, onRefused } = props;
  const { onTyping, customerTyping = false, customerReadAt = null, pinnedReminder = null } = props;
  const { onLoadMoreNotes, loadingMoreNotes = false, onOpenConversation, onCustomerErased } = props;
  const { onSendFile, onMessagePatched, operatorId = null } = props;
  const viewport = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const conversationId = conversation?.id ?? null;

  const scrollToBottom = useCallback(() => {
    const el = viewport.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, []);

  useEffect(() => {
    stickToBottom.current = true;
  }, [conversationId]);

  // also when "Customer is typing…" appears (the thread gets shorter)
  useLayoutEffect(() => {
    if (stickToBottom.current) scrollToBottom();
  }, [thread.messages, customerTyping, scrollToBottom]);

  const send = useCallback(async (text: string, key: string) => {
    if (!conversationId) return;
    stickToBottom.current = true;
    await onSend(conversationId, text, key);
  }, [conversationId, onSend]);

  const typing = useCallback((active: boolean) => {
    if (conversationId) onTyping?.(conversationId, active);
  }, [conversationId, onTyping]);

  const sendFile = useCallback(async (file: File, caption: string, key: string) => {
    if (!conversationId || !onSendFile) return;
    stickToBottom.current = true;
    await onSendFile(conversationId, file, caption, key);
  }, [conversationId, onSendFile]);

  const actions = useMemo<MessageActions | null>(() => {
    if (!conversationId) return null;
    return {
      conversationId,
      operatorId,
      onPatched: (messageId, patch) => onMessagePatched?.(conversationId, messageId, patch),
      scrollTo: (messageId) => {
        const el = viewport.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(messageId)}"]`);
        if (!el) return false;
        el.scrollIntoView({ block: 'center', behavior: 'smooth' });
        el.animate?.([{ backgroundColor: 'var(--mantine-color-yellow-2)' }, { backgroundColor: 'transparent' }], 1200);
        return true;
      },
    };
  }, [conversationId, operatorId, onMessagePatched]);

  if (!conversation) {
    return (
      <Center h="100%">
        <Text c="dimmed">{t('thread.empty')}</Text>
      </Center>
    );
  }

  const { customer } = conversation;
  return (
    <Stack gap={0} h="100%" data-testid="conversation-view" data-conversation-id={conversation.id}
      data-status={conversation.status}>
      <ConversationHeader conversation={conversation} onChanged={onChanged} onRefused={onRefused}
        onOpenConversation={onOpenConversation} onCustomerErased={onCustomerErased} />
      <Group gap={0} align="stretch" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
        <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
          {pinnedReminder && <PinnedReminder reminder={pinnedReminder} />}
          {botBlocked(conversation) && (
            <Alert color="orange" variant="light" m="sm" role="status" data-testid="bot-blocked-banner">
              {tt('tg.blocked.banner', { date: blockedDate(customer.botBlockedAt ?? '') })}
            </Alert>
          )}
          {error && (
            <Alert color="red" variant="light" m="sm" role="alert">{t('thread.loadFailed', { reason: error })}</Alert>
          )}
          <ScrollArea
            style={{ flex: 1 }}
            viewportRef={viewport}
            type="auto"
            onScrollPositionChange={({ y }) => {
              const el = viewport.current;
              if (el) stickToBottom.current = el.scrollHeight - (y + el.clientHeight) < 48;
            }}
          >
            <MessageActionsContext.Provider value={actions}>
              <Stack component="ol" gap={6} m={0} px="md" py="sm" style={{ listStyle: 'none' }}
                data-testid="message-list" role="log" aria-live="polite" aria-label={customer.displayName}>
                {thread.messages.map((message) => (
                  <MessageBubble key={message.id} message={message} read={isReadByCustomer(message, customerReadAt)} />
                ))}
              </Stack>
            </MessageActionsContext.Provider>
            {!thread.loaded && !error && (
              <Center p="lg"><Loader size="sm" aria-label={t('thread.loading')} /></Center>
            )}
            {thread.loaded && thread.messages.length === 0 && (
              <Text c="dimmed" ta="center" p="lg" size="sm">{t('thread.noMessages')}</Text>
            )}
          </ScrollArea>
          <Box aria-live="polite">
            {customerTyping && (
              <Text size="xs" c="dimmed" fs="italic" px="md" py={2} data-testid="customer-typing">
                {t('thread.customerTyping')}
              </Text>
            )}
          </Box>
          {/* files go to Telegram customers only: the widget cannot display attachments (the server answers 422) */}
          <ReplyBox key={conversation.id} onSend={send} onTyping={typing}
            onSendFile={onSendFile && conversationChannel(conversation) !== 'WIDGET' ? sendFile : undefined}
            disabledReason={replyBlockedReason(conversation)} />
        </Stack>
        <Box w={{ base: 240, xl: 300 }} style={{ flexShrink: 0 }}>
          <NotesPanel key={conversation.id} notes={notes} error={notesError}
            onAdd={(text) => onAddNote(conversation.id, text)} onLoadMore={onLoadMoreNotes} loadingMore={loadingMoreNotes} />
        </Box>
      </Group>
    </Stack>
  );
}
