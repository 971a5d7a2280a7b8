import { Stack } from '@mantine/core';
import type { Conversation, ConversationCounts } from '../api/types';
import type { ListQuery } from '../state/listQuery';
import { ConversationList } from './ConversationList';
import { ConversationTabs } from './ConversationTabs';
import { ListFilters } from './ListFilters';
import { SearchBox } from './SearchBox';

interface Props {
  query: ListQuery;
  onQueryChange: (query: ListQuery) => void;
  counts: ConversationCounts | null;
  items: Conversation[];
  openId: string | null;
  onOpen: (conversation: Conversation) => void;
  onOpenById: (conversationId: string) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  error: string | null;
  now: number;
  /** Conversations with an operator reminder (badge in their rows). */
  reminderIds?: ReadonlySet<string>;
}

/** The left column: search, status tabs with counts, filters, and the conversation list. */
export function ConversationPanel(props: Props) {
  const { query, onQueryChange, counts, onOpenById, now } = props;
  return (
    <Stack gap={0} h="100%">
      <Stack gap="xs" p="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <SearchBox now={now} onOpenConversation={onOpenById} onFilterList={(q) => onQueryChange({ ...query, q })} />
        <ConversationTabs tab={query.tab} counts={counts} onChange={(tab) => onQueryChange({ ...query, tab })} />
        <ListFilters query={query} onChange={onQueryChange} />
      </Stack>
      <ConversationList
        items={props.items}
        openId={props.openId}
        onOpen={props.onOpen}
        hasMore={props.hasMore}
        loadingMore={props.loadingMore}
        onLoadMore={props.onLoadMore}
        error={props.error}
        now={now}
        reminderIds={props.reminderIds}
      />
    </Stack>
  );
}
