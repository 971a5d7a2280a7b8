import type { ConversationQuery } from '../api/ApiClient';
import type { Conversation, ConversationCounts, ConversationStatus } from '../api/types';

/** The status tabs above the conversation list. */
export type ConversationTab = 'unclaimed' | 'mine' | 'all' | 'closed' | 'blocked';

export const CONVERSATION_TABS: readonly ConversationTab[] = ['unclaimed', 'mine', 'all', 'closed', 'blocked'];

export const OPEN_STATUSES: readonly ConversationStatus[] = ['OPEN_UNCLAIMED', 'OPEN_ASSIGNED', 'AWAITING_CUSTOMER'];

/** What the list shows: a tab plus the optional tag, unread and text filters. */
export interface ListQuery {
  tab: ConversationTab;
  /** Tag id, or null for any. */
  tag: string | null;
  unread: boolean;
  /** Free-text filter applied on the server (`q`), '' for none. */
  q: string;
}

/** "All (open)" first: new conversations and replied ones stay in view. */
export const defaultListQuery: ListQuery = { tab: 'all', tag: null, unread: false, q: '' };

/** The statuses a tab lists. */
export function tabStatuses(tab: ConversationTab): readonly ConversationStatus[] {
  switch (tab) {
    case 'unclaimed':
      return ['OPEN_UNCLAIMED'];
    case 'mine':
      return ['OPEN_ASSIGNED', 'AWAITING_CUSTOMER'];
    case 'all':
      return OPEN_STATUSES;
    case 'closed':
      return ['CLOSED'];
    case 'blocked':
      return ['BLOCKED'];
  }
}

/** The count of `GET /api/conversations/counts` shown on a tab. */
export function tabCount(tab: ConversationTab, counts: ConversationCounts): number {
  switch (tab) {
    case 'unclaimed':
      return counts.unclaimed;
    case 'mine':
      return counts.mine;
    case 'all':
      return counts.open;
    case 'closed':
      return counts.closed;
    case 'blocked':
      return counts.blocked;
  }
}

/** The REST filters for a list query (`status=…&assignee=me&tag=…&unread=true&q=…`). */
export function toConversationQuery(query: ListQuery): ConversationQuery {
  return {
    statuses: [...tabStatuses(query.tab)],
    assignee: query.tab === 'mine' ? 'me' : null,
    tag: query.tag,
    unread: query.unread,
    q: query.q.trim() || null,
  };
}

/** A stable key of a query: pages answered for another key are stale. */
export function queryKey(query: ListQuery): string {
  return JSON.stringify([query.tab, query.tag, query.unread, query.q.trim()]);
}

/**
 * Whether a conversation belongs in the list for `query` as far as the console can tell (`me` = signed-in operator
 * id). The text filter is evaluated by the server only, so with a text filter a conversation is never added from a
 * live event, only kept (see {@link canAddLive}).
 */
export function matchesQuery(conversation: Pick<Conversation, 'status' | 'assigneeId' | 'tags' | 'unreadCount'>,
  query: ListQuery, me: string | null): boolean {
  if (!tabStatuses(query.tab).includes(conversation.status)) return false;
  if (query.tab === 'mine' && (!me || conversation.assigneeId !== me)) return false;
  if (query.tag && !(conversation.tags ?? []).some((tag) => tag.id === query.tag)) return false;
  if (query.unread && conversation.unreadCount <= 0) return false;
  return true;
}

/** Whether a conversation missing from the list may be added from a live event (false under a text filter). */
export function canAddLive(conversation: Pick<Conversation, 'status' | 'assigneeId' | 'tags' | 'unreadCount'>,
  query: ListQuery, me: string | null): boolean {
  return query.q.trim() === '' && matchesQuery(conversation, query, me);
}
