import { Alert, Badge, Box, Button, ColorSwatch, Group, ScrollArea, Stack, Text, Tooltip } from '@mantine/core';
import type { KeyboardEvent } from 'react';
import type { Conversation } from '../api/types';
import { conversationChannel } from '../format/channel';
import { conversationStatusColor, conversationStatusLabel, messagePreview, relativeTime } from '../format/labels';
import { t } from '../i18n';
import { ChannelBadge } from './ChannelBadge';
import { useConsoleData } from './consoleData';
import { BellIcon } from './icons';

interface Props {
  items: Conversation[];
  openId: string | null;
  onOpen: (conversation: Conversation) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  error: string | null;
  now: number;
  /** Conversations waiting unclaimed after an operator reminder: their rows carry a reminder badge. */
  reminderIds?: ReadonlySet<string>;
}

/** The live list of conversations of the selected tab and filters (most recent activity first). */
export function ConversationList(props: Props) {
  const { items, openId, onOpen, hasMore, loadingMore, onLoadMore, error, now, reminderIds } = props;
  return (
    <Stack gap={0} style={{ flex: 1, minHeight: 0 }}>
      {error && (
        <Alert color="red" variant="light" m="sm" role="alert" data-testid="conversation-list-error">
          {t('list.loadFailed', { reason: error })}
        </Alert>
      )}
      <ScrollArea style={{ flex: 1 }} type="auto">
        <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} data-testid="conversation-list" aria-label={t('list.label')}>
          {items.map((conversation) => (
            <ConversationRow
              key={conversation.id}
              conversation={conversation}
              active={conversation.id === openId}
              reminded={reminderIds?.has(conversation.id) ?? false}
              onOpen={onOpen}
              now={now}
            />
          ))}
        </Box>
        {items.length === 0 && !error && (
          <Text c="dimmed" ta="center" p="lg" size="sm" data-testid="conversation-list-empty">
            {t('list.empty')}
          </Text>
        )}
        {hasMore && (
          <Group justify="center" p="sm">
            <Button variant="subtle" size="xs" loading={loadingMore} onClick={onLoadMore} data-testid="load-more">
              {t('list.loadMore')}
            </Button>
          </Group>
        )}
      </ScrollArea>
    </Stack>
  );
}

function ConversationRow({ conversation, active, reminded, onOpen, now }: {
  conversation: Conversation;
  active: boolean;
  reminded: boolean;
  onOpen: (conversation: Conversation) => void;
  now: number;
}) {
  const { operatorName } = useConsoleData();
  const { customer, lastMessage, unreadCount } = conversation;
  const assignee = conversation.assigneeId ? operatorName(conversation.assigneeId) ?? t('conversation.unknownOperator') : null;
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(conversation);
    }
  };
  return (
    <Box
      component="li"
      role="button"
      tabIndex={0}
      aria-current={active ? 'true' : undefined}
      data-testid="conversation-item"
      data-conversation-id={conversation.id}
      data-status={conversation.status}
      data-unread={unreadCount}
      data-assignee-id={conversation.assigneeId ?? undefined}
      data-channel={conversationChannel(conversation)}
      data-reminder={reminded ? 'true' : undefined}
      onClick={() => onOpen(conversation)}
      onKeyDown={onKeyDown}
      px="sm"
      py={10}
      bg={active ? 'var(--mantine-primary-color-light)' : undefined}
      style={{ cursor: 'pointer', borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <ChannelBadge conversation={conversation} />
          <Text fw={unreadCount > 0 ? 700 : 600} size="sm" truncate="end" data-testid="conversation-customer">
            {customer.displayName}
            {customer.username && (
              <Text span c="dimmed" fw={400} size="sm">{` @${customer.username}`}</Text>
            )}
          </Text>
        </Group>
        <Text size="xs" c="dimmed" style={{ flexShrink: 0 }} title={new Date(conversation.updatedAt).toLocaleString()}>
          {relativeTime(conversation.updatedAt, now)}
        </Text>
      </Group>
      <Group justify="space-between" wrap="nowrap" gap="xs" mt={2}>
        <Text size="xs" c="dimmed" truncate="end">
          <Text span inherit data-testid="conversation-codename">{conversation.codename}</Text>
          {customer.nickname && <Text span inherit fs="italic">{` · ${customer.nickname}`}</Text>}
          {assignee && <Text span inherit>{` · ${assignee}`}</Text>}
        </Text>
        <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
          {(conversation.tags ?? []).slice(0, 4).map((tag) => (
            <Tooltip key={tag.id} label={tag.name} withArrow>
              <ColorSwatch size={10} color={tag.color} aria-label={tag.name} />
            </Tooltip>
          ))}
          {reminded && (
            <Tooltip label={t('reminder.badgeTitle')} withArrow>
              <Badge size="xs" variant="filled" color="orange" leftSection={<BellIcon size={10} />}
                data-testid="reminder-badge">
                {t('reminder.badge')}
              </Badge>
            </Tooltip>
          )}
          <Badge size="xs" variant="light" color={conversationStatusColor(conversation.status)}>
            {conversationStatusLabel(conversation.status)}
          </Badge>
        </Group>
      </Group>
      <Group justify="space-between" wrap="nowrap" gap="xs" mt={4}>
        <Text size="sm" c={lastMessage ? undefined : 'dimmed'} truncate="end" dir="auto" data-testid="conversation-preview">
          {lastMessage
            ? `${lastMessage.direction === 'OUTBOUND' ? t('list.you') : ''}${messagePreview(lastMessage.text)}`
            : t('list.noMessages')}
        </Text>
        {unreadCount > 0 && (
          <Badge size="sm" circle={unreadCount < 10} color="red" data-testid="conversation-unread"
            aria-label={t('list.unread', { count: unreadCount })} style={{ flexShrink: 0 }}>
            {unreadCount}
          </Badge>
        )}
      </Group>
    </Box>
  );
}
