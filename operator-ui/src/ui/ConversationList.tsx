import { Alert, Badge, Box, Button, Chip, Group, ScrollArea, Stack, Text } from '@mantine/core';
import type { KeyboardEvent } from 'react';
import type { Conversation, ConversationStatus } from '../api/types';
import { conversationStatusColor, conversationStatusLabel, messagePreview, relativeTime } from '../format/labels';
import { type MessageKey, t } from '../i18n';

const FILTERS: { value: string; status: ConversationStatus | null; label: MessageKey }[] = [
  { value: 'ALL', status: null, label: 'filter.all' },
  { value: 'OPEN_UNCLAIMED', status: 'OPEN_UNCLAIMED', label: 'filter.OPEN_UNCLAIMED' },
  { value: 'OPEN_ASSIGNED', status: 'OPEN_ASSIGNED', label: 'filter.OPEN_ASSIGNED' },
  { value: 'AWAITING_CUSTOMER', status: 'AWAITING_CUSTOMER', label: 'filter.AWAITING_CUSTOMER' },
  { value: 'CLOSED', status: 'CLOSED', label: 'filter.CLOSED' },
];

interface Props {
  items: Conversation[];
  filter: ConversationStatus | null;
  onFilterChange: (filter: ConversationStatus | null) => void;
  openId: string | null;
  onOpen: (conversation: Conversation) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  error: string | null;
  now: number;
}

/** Status filter chips and the live list of conversations (most recent activity first). */
export function ConversationList(props: Props) {
  const { items, filter, onFilterChange, openId, onOpen, hasMore, loadingMore, onLoadMore, error, now } = props;
  return (
    <Stack gap={0} h="100%">
      <Box p="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Chip.Group
          multiple={false}
          value={FILTERS.find((f) => f.status === filter)?.value ?? 'ALL'}
          onChange={(value) => onFilterChange(FILTERS.find((f) => f.value === value)?.status ?? null)}
        >
          <Group gap={6} role="radiogroup" aria-label={t('filter.label')}>
            {FILTERS.map((f) => (
              <Chip key={f.value} value={f.value} size="xs" wrapperProps={{ 'data-testid': `filter-${f.value}` }}>
                {t(f.label)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Box>
      {error && (
        <Alert color="red" variant="light" m="sm" role="alert" data-testid="conversation-list-error">
          {t('list.loadFailed', { reason: error })}
        </Alert>
      )}
      <ScrollArea style={{ flex: 1 }} type="auto">
        <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} data-testid="conversation-list" aria-label="Conversations">
          {items.map((conversation) => (
            <ConversationRow
              key={conversation.id}
              conversation={conversation}
              active={conversation.id === openId}
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

function ConversationRow({ conversation, active, onOpen, now }: {
  conversation: Conversation;
  active: boolean;
  onOpen: (conversation: Conversation) => void;
  now: number;
}) {
  const { customer, lastMessage, unreadCount } = conversation;
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
      onClick={() => onOpen(conversation)}
      onKeyDown={onKeyDown}
      px="sm"
      py={10}
      bg={active ? 'var(--mantine-primary-color-light)' : undefined}
      style={{ cursor: 'pointer', borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text fw={unreadCount > 0 ? 700 : 600} size="sm" truncate="end" data-testid="conversation-customer">
          {customer.displayName}
          {customer.username && (
            <Text span c="dimmed" fw={400} size="sm">{` @${customer.username}`}</Text>
          )}
        </Text>
        <Text size="xs" c="dimmed" style={{ flexShrink: 0 }} title={new Date(conversation.updatedAt).toLocaleString()}>
          {relativeTime(conversation.updatedAt, now)}
        </Text>
      </Group>
      <Group justify="space-between" wrap="nowrap" gap="xs" mt={2}>
        <Text size="xs" c="dimmed" truncate="end" data-testid="conversation-codename">{conversation.codename}</Text>
        <Badge size="xs" variant="light" color={conversationStatusColor(conversation.status)} style={{ flexShrink: 0 }}>
          {conversationStatusLabel(conversation.status)}
        </Badge>
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
