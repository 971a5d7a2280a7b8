import type { Conversation, Page, ServerFrame } from '../api/types';
import { parseChannel } from '../format/channel';
import { isLifecycleFrame, patchConversation } from './conversationPatch';
import { type ListQuery, canAddLive, defaultListQuery, matchesQuery, queryKey, tabStatuses } from './listQuery';

/** How many recent message / event ids are remembered to drop duplicate socket events. */
const SEEN_LIMIT = 1000;

export interface ConversationListState {
  /** Conversations matching {@link query}, most recent activity (`updatedAt`) first. */
  items: Conversation[];
  nextCursor: string | null;
  /** Tab and filters shown. */
  query: ListQuery;
  /** The signed-in operator's id (what "Mine" means). */
  me: string | null;
  /** The conversation open on the right: its unread count stays 0. */
  openId: string | null;
  /** Recently applied message ids (`m:<id>`) and event ids (`e:<id>`), oldest first, capped at SEEN_LIMIT. */
  seen: string[];
}

export type ConversationListAction =
  | { type: 'queryChanged'; query: ListQuery }
  /** A page of `GET /api/conversations` for `query`; `append` for "load more", otherwise it replaces the list. */
  | { type: 'pageLoaded'; query: ListQuery; page: Page<Conversation>; append: boolean }
  /** A fresh snapshot of one conversation (`GET /api/conversations/{id}`, or the answer of an action). */
  | { type: 'upserted'; conversation: Conversation }
  | { type: 'opened'; id: string | null }
  | { type: 'frame'; frame: ServerFrame; receivedAt: string };

export const initialConversationListState: ConversationListState = {
  items: [],
  nextCursor: null,
  query: defaultListQuery,
  me: null,
  openId: null,
  seen: [],
};

/** The initial list state for the operator `me`. */
export function conversationListStateFor(me: string | null, query: ListQuery = defaultListQuery): ConversationListState {
  return { ...initialConversationListState, me, query };
}

/**
 * True when a socket frame concerns a conversation the list does not hold but may now belong in it (a message to
 * an unknown conversation, or a lifecycle / tag change that moves one into this tab), so it should be fetched and
 * upserted.
 */
export function needsFetch(state: ConversationListState, frame: ServerFrame): boolean {
  if (state.items.some((item) => item.id === frame.conversationId)) return false;
  if (frame.type === 'message.received' || frame.type === 'message.queued') return true;
  if (state.query.q.trim() !== '') return false; // the server decides what matches a text filter
  if (isLifecycleFrame(frame)) {
    const { status, assigneeId } = frame.payload.state;
    if (!tabStatuses(state.query.tab).includes(status)) return false;
    return state.query.tab !== 'mine' || (state.me !== null && assigneeId === state.me);
  }
  if (frame.type === 'conversation.tagged') return state.query.tag === frame.payload.tag.id;
  return false;
}

function time(iso: string | undefined | null): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? 0 : t;
}

/** Sorts by `updatedAt` descending; ties keep their order (Array.prototype.sort is stable). */
function sortByActivity(items: Conversation[]): Conversation[] {
  return [...items].sort((a, b) => time(b.updatedAt) - time(a.updatedAt));
}

function remember(seen: string[], keys: string[]): string[] {
  const next = [...seen, ...keys];
  return next.length > SEEN_LIMIT ? next.slice(next.length - SEEN_LIMIT) : next;
}

/** Merges a server snapshot into a possibly newer local item: the later `updatedAt` wins. */
function mergeSnapshot(local: Conversation | undefined, incoming: Conversation): Conversation {
  if (local && time(local.updatedAt) > time(incoming.updatedAt)) {
    return { ...incoming, lastMessage: local.lastMessage, updatedAt: local.updatedAt, unreadCount: local.unreadCount };
  }
  return incoming;
}

function withOpenRead(item: Conversation, openId: string | null): Conversation {
  return item.id === openId && item.unreadCount !== 0 ? { ...item, unreadCount: 0 } : item;
}

function applyMessage(state: ConversationListState,
  frame: Extract<ServerFrame, { type: 'message.received' | 'message.queued' }>): ConversationListState {
  const message = frame.payload.message;
  const eventKey = frame.payload.eventId ? `e:${frame.payload.eventId}` : null;
  const messageKey = `m:${message.id}`;
  if (state.seen.includes(messageKey) || (eventKey && state.seen.includes(eventKey))) return state;
  const index = state.items.findIndex((item) => item.id === frame.conversationId);
  if (index < 0) return state; // unknown here: the caller fetches it (see needsFetch)
  const item = state.items[index];
  const newer = !item.lastMessage || time(message.createdAt) >= time(item.lastMessage.createdAt);
  const inbound = message.direction === 'INBOUND';
  const updated: Conversation = {
    ...item,
    lastMessage: newer ? { text: message.text, direction: message.direction, createdAt: message.createdAt } : item.lastMessage,
    updatedAt: time(message.createdAt) > time(item.updatedAt) ? message.createdAt : item.updatedAt,
    unreadCount: inbound && item.id !== state.openId ? item.unreadCount + 1 : item.unreadCount,
  };
  const items = state.items.slice();
  items[index] = updated;
  return {
    ...state,
    items: sortByActivity(items),
    seen: remember(state.seen, eventKey ? [messageKey, eventKey] : [messageKey]),
  };
}

/** Replaces one item after a live change; drops it when it left the list's query (the open one stays visible). */
function applyPatch(state: ConversationListState, frame: ServerFrame): ConversationListState {
  const index = state.items.findIndex((item) => item.id === frame.conversationId);
  if (index < 0) return state; // not here: the caller fetches it when it now belongs (see needsFetch)
  const item = state.items[index];
  const patched = patchConversation(item, frame);
  if (!matchesQuery(patched, state.query, state.me) && patched.id !== state.openId) {
    return { ...state, items: state.items.filter((_, i) => i !== index) };
  }
  if (patched === item) return state;
  const items = state.items.slice();
  items[index] = patched;
  return { ...state, items };
}

/**
 * The conversation list: REST pages merged with live socket events. A new conversation appears at the top; a new
 * message updates the preview, moves the row up and (inbound, not open) raises the unread count once per message id.
 * Lifecycle, tag and `conversation.read` (unread 0) events update a row in place, or drop it when it no longer belongs
 * to the tab and filters (the open conversation stays until another is opened); a deleted conversation disappears;
 * `customer.updated` renames the customer in every row of theirs.
 */
export function conversationListReducer(state: ConversationListState, action: ConversationListAction): ConversationListState {
  switch (action.type) {
    case 'queryChanged':
      if (queryKey(action.query) === queryKey(state.query)) return state;
      return { ...state, query: action.query, items: [], nextCursor: null };

    case 'pageLoaded': {
      if (queryKey(action.query) !== queryKey(state.query)) return state; // answer to an older query
      const byId = new Map(state.items.map((item) => [item.id, item]));
      const loaded = action.page.items.map((item) => withOpenRead(mergeSnapshot(byId.get(item.id), item), state.openId));
      if (action.append) {
        const known = new Set(state.items.map((item) => item.id));
        const items = [...state.items, ...loaded.filter((item) => !known.has(item.id))];
        return { ...state, items, nextCursor: action.page.nextCursor };
      }
      return { ...state, items: sortByActivity(loaded), nextCursor: action.page.nextCursor };
    }

    case 'upserted': {
      const incoming = action.conversation;
      const index = state.items.findIndex((item) => item.id === incoming.id);
      if (index < 0 && !canAddLive(incoming, state.query, state.me)) return state;
      if (index >= 0 && !matchesQuery(incoming, state.query, state.me) && incoming.id !== state.openId) {
        // no longer belongs to this view (e.g. its status changed); the open one stays visible until another is opened
        return { ...state, items: state.items.filter((item) => item.id !== incoming.id) };
      }
      const merged = withOpenRead(mergeSnapshot(index >= 0 ? state.items[index] : undefined, incoming), state.openId);
      const items = index >= 0 ? state.items.map((item, i) => (i === index ? merged : item)) : [merged, ...state.items];
      return { ...state, items: sortByActivity(items) };
    }

    case 'opened':
      return {
        ...state,
        openId: action.id,
        items: action.id ? state.items.map((item) => withOpenRead(item, action.id)) : state.items,
      };

    case 'frame': {
      const frame = action.frame;
      switch (frame.type) {
        case 'conversation.opened': {
          const eventKey = frame.payload.eventId ? `e:${frame.payload.eventId}` : null;
          if (eventKey && state.seen.includes(eventKey)) return state;
          if (state.items.some((item) => item.id === frame.conversationId)) return state;
          const at = frame.payload.occurredAt ?? action.receivedAt;
          const created: Conversation = {
            id: frame.conversationId,
            status: frame.payload.status,
            codename: frame.payload.codename,
            customer: frame.payload.customer,
            lastMessage: null,
            unreadCount: 0,
            updatedAt: at,
            createdAt: at,
            assigneeId: null,
            tags: [],
            closedAt: null,
            channel: parseChannel(frame.payload.channel),
          };
          if (!canAddLive(created, state.query, state.me)) return state;
          return {
            ...state,
            items: sortByActivity([created, ...state.items]),
            seen: eventKey ? remember(state.seen, [eventKey]) : state.seen,
          };
        }
        case 'message.received':
        case 'message.queued':
          return applyMessage(state, frame);
        case 'conversation.tagged':
        case 'conversation.untagged':
        case 'conversation.read':
          return applyPatch(state, frame);
        case 'customer.updated': {
          const items = state.items.map((item) => patchConversation(item, frame));
          return items.every((item, i) => item === state.items[i]) ? state : { ...state, items };
        }
        case 'conversation.deleted':
          if (!state.items.some((item) => item.id === frame.conversationId)) return state;
          return { ...state, items: state.items.filter((item) => item.id !== frame.conversationId) };
        default:
          return isLifecycleFrame(frame) ? applyPatch(state, frame) : state;
      }
    }
  }
}
