import {
  type Conversation,
  type ConversationState,
  type Customer,
  LIFECYCLE_FRAME_TYPES,
  type LifecycleFrame,
  type ServerFrame,
  type Tag,
} from '../api/types';

const LIFECYCLE = new Set<string>(LIFECYCLE_FRAME_TYPES);

export function isLifecycleFrame(frame: ServerFrame): frame is LifecycleFrame {
  return LIFECYCLE.has(frame.type);
}

/** The lifecycle state of a conversation as carried by events. */
export function stateOf(conversation: Pick<Conversation, 'status' | 'assigneeId' | 'codename'>): ConversationState {
  return { status: conversation.status, assigneeId: conversation.assigneeId ?? null, codename: conversation.codename };
}

/** The conversation with a lifecycle state applied (status, assignee, codename; `closedAt` set/cleared on close/reopen). */
export function withState(conversation: Conversation, state: ConversationState, at?: string): Conversation {
  const sameState = conversation.status === state.status
    && (conversation.assigneeId ?? null) === (state.assigneeId ?? null)
    && conversation.codename === (state.codename || conversation.codename);
  if (sameState) return conversation;
  const closedAt = state.status === 'CLOSED'
    ? conversation.closedAt ?? at ?? null
    : state.status === 'BLOCKED' ? conversation.closedAt ?? null : null;
  return {
    ...conversation,
    status: state.status,
    assigneeId: state.assigneeId ?? null,
    codename: state.codename || conversation.codename,
    closedAt,
  };
}

function withTag(conversation: Conversation, tag: Tag): Conversation {
  const tags = conversation.tags ?? [];
  const index = tags.findIndex((t) => t.id === tag.id);
  if (index >= 0) {
    const current = tags[index];
    if (current.name === tag.name && current.color === tag.color) return conversation;
    return { ...conversation, tags: tags.map((t, i) => (i === index ? tag : t)) };
  }
  return { ...conversation, tags: [...tags, tag] };
}

function withoutTag(conversation: Conversation, tagId: string): Conversation {
  const tags = conversation.tags ?? [];
  if (!tags.some((t) => t.id === tagId)) return conversation;
  return { ...conversation, tags: tags.filter((t) => t.id !== tagId) };
}

/**
 * The customer's new names (display name, username, nickname) and bot-block state (`botBlockedAt`) from a
 * `customer.updated` event.
 */
function withCustomer(conversation: Conversation, customer: Customer): Conversation {
  const current = conversation.customer;
  const next: Customer = {
    ...current,
    displayName: customer.displayName || current.displayName,
    username: customer.username === undefined ? current.username : customer.username,
    nickname: customer.nickname === undefined ? current.nickname : customer.nickname,
    botBlockedAt: customer.botBlockedAt === undefined ? current.botBlockedAt : customer.botBlockedAt,
  };
  const same = next.displayName === current.displayName && next.username === current.username
    && (next.nickname ?? null) === (current.nickname ?? null)
    && (next.botBlockedAt ?? null) === (current.botBlockedAt ?? null);
  return same ? conversation : { ...conversation, customer: next };
}

function time(iso: string | null | undefined): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? 0 : t;
}

/** Unread count 0 after `conversation.read`, unless the customer's last message came after `readAt`. */
function withRead(conversation: Conversation, readAt: string | null | undefined): Conversation {
  if (conversation.unreadCount === 0) return conversation;
  const last = conversation.lastMessage;
  if (readAt && last && last.direction === 'INBOUND' && time(last.createdAt) > time(readAt)) return conversation;
  return { ...conversation, unreadCount: 0 };
}

/**
 * Applies a socket frame's effect on the conversation's own fields (lifecycle state, tags, unread count after
 * `conversation.read`, the customer's names after `customer.updated`). Frames about other conversations, and
 * frames that do not change these fields, return the same object. `customer.updated` also applies to the
 * customer's other conversations (same `customer.id`).
 */
export function patchConversation(conversation: Conversation, frame: ServerFrame): Conversation {
  if (frame.type === 'customer.updated') {
    const concerned = frame.conversationId === conversation.id || frame.payload.customer.id === conversation.customer.id;
    return concerned ? withCustomer(conversation, frame.payload.customer) : conversation;
  }
  if (frame.conversationId !== conversation.id) return conversation;
  if (isLifecycleFrame(frame)) return withState(conversation, frame.payload.state, frame.payload.occurredAt);
  switch (frame.type) {
    case 'conversation.tagged':
      return withTag(conversation, frame.payload.tag);
    case 'conversation.untagged':
      return withoutTag(conversation, frame.payload.tag.id);
    case 'conversation.read':
      return withRead(conversation, frame.payload.readAt ?? frame.payload.occurredAt);
    default:
      return conversation;
  }
}
