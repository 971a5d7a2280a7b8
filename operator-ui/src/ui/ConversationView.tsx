import { Alert, Badge, Box, Center, Group, Loader, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type { Conversation } from '../api/types';
import { conversationStatusColor, conversationStatusLabel } from '../format/labels';
import { t } from '../i18n';
import type { ThreadState } from '../state/thread';
import { MessageBubble } from './MessageBubble';
import { ReplyBox } from './ReplyBox';

interface Props {
  conversation: Conversation | null;
  thread: ThreadState;
  error: string | null;
  onSend: (conversationId: string, text: string, idempotencyKey: string) => Promise<void>;
}

/** The open conversation: header, live message list (kept scrolled to the newest unless scrolled up) and reply box. */
export function ConversationView({ conversation, thread, error, onSend }: Props) {
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

  useLayoutEffect(() => {
    if (stickToBottom.current) scrollToBottom();
  }, [thread.messages, scrollToBottom]);

  const send = useCallback(async (text: string, key: string) => {
    if (!conversationId) return;
    stickToBottom.current = true;
    await onSend(conversationId, text, key);
  }, [conversationId, onSend]);

  if (!conversation) {
    return (
      <Center h="100%">
        <Text c="dimmed">{t('thread.empty')}</Text>
      </Center>
    );
  }

  const { customer } = conversation;
  return (
    <Stack gap={0} h="100%" data-testid="conversation-view" data-conversation-id={conversation.id}>
      <Group justify="space-between" px="md" py="sm" wrap="nowrap"
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }} data-testid="conversation-header">
        <Box style={{ minWidth: 0 }}>
          <Title order={2} size="h4" lineClamp={1}>
            {customer.displayName}
            {customer.username && <Text span c="dimmed" fw={400} size="md">{` @${customer.username}`}</Text>}
          </Title>
          <Text size="sm" c="dimmed">{conversation.codename}</Text>
        </Box>
        <Badge variant="light" color={conversationStatusColor(conversation.status)} data-testid="conversation-status">
          {conversationStatusLabel(conversation.status)}
        </Badge>
      </Group>
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
        <Stack component="ol" gap={6} m={0} px="md" py="sm" style={{ listStyle: 'none' }}
          data-testid="message-list" role="log" aria-live="polite" aria-label={customer.displayName}>
          {thread.messages.map((message) => <MessageBubble key={message.id} message={message} />)}
        </Stack>
        {!thread.loaded && !error && (
          <Center p="lg"><Loader size="sm" aria-label={t('thread.loading')} /></Center>
        )}
        {thread.loaded && thread.messages.length === 0 && (
          <Text c="dimmed" ta="center" p="lg" size="sm">{t('thread.noMessages')}</Text>
        )}
      </ScrollArea>
      <ReplyBox key={conversation.id} onSend={send} />
    </Stack>
  );
}
