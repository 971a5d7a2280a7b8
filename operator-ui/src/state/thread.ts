import type { Message, MessageStatus, ServerFrame } from '../api/types';

/** The open conversation's messages, oldest first. */
export interface ThreadState {
  conversationId: string | null;
  messages: Message[];
  loaded: boolean;
  /** Delivery outcomes that arrived before their message (e.g. `message.sent` before the POST answered). */
  orphanStatuses: Record<string, { status: MessageStatus; reason: string | null }>;
}

export type ThreadAction =
  | { type: 'opened'; conversationId: string | null }
  /** The complete list from `GET …/messages` (merged, so live messages that raced the request are kept). */
  | { type: 'loaded'; conversationId: string; messages: Message[] }
  /** One message from the POST answer. */
  | { type: 'upserted'; conversationId: string; message: Message }
  /**
   * Fields of one message changed by the operator's own action (retry → `PENDING`, edit, delete), applied as they
   * are (a retry may turn FAILED back into PENDING, which delivery updates never do).
   */
  | { type: 'patched'; conversationId: string; messageId: string; patch: Partial<Message> }
  | { type: 'frame'; frame: ServerFrame };

export const initialThreadState: ThreadState = { conversationId: null, messages: [], loaded: false, orphanStatuses: {} };

/** Later delivery states outrank earlier ones, so a stale snapshot never turns SENT back into PENDING. */
export function statusRank(status: MessageStatus): number {
  switch (status) {
    case 'SENT':
    case 'FAILED':
      return 2;
    case 'PENDING':
      return 1;
    default:
      return 0;
  }
}

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

/** Merges one message into its id's slot: the newer delivery state wins; other fields come from `incoming`. */
export function mergeMessage(existing: Message | undefined, incoming: Message): Message {
  if (!existing) return incoming;
  // a deletion seen live stays, also when a snapshot without `deletedAt` arrives later
  const kept = existing.deletedAt && !incoming.deletedAt ? { ...incoming, deletedAt: existing.deletedAt } : incoming;
  if (statusRank(existing.status) > statusRank(incoming.status)) {
    return { ...kept, status: existing.status, failureReason: existing.failureReason ?? null };
  }
  return kept;
}

/** Applies `patch` to the message `messageId` (unknown ids change nothing). */
function patchMessage(state: ThreadState, messageId: string, patch: Partial<Message>): ThreadState {
  const index = state.messages.findIndex((m) => m.id === messageId);
  if (index < 0) return state;
  const messages = state.messages.slice();
  messages[index] = { ...messages[index], ...patch, id: messageId };
  return { ...state, messages };
}

function applyOrphans(state: ThreadState, message: Message): { message: Message; orphanStatuses: ThreadState['orphanStatuses'] } {
  const orphan = state.orphanStatuses[message.id];
  if (!orphan) return { message, orphanStatuses: state.orphanStatuses };
  const { [message.id]: _used, ...rest } = state.orphanStatuses;
  const patched = statusRank(orphan.status) >= statusRank(message.status)
    ? { ...message, status: orphan.status, failureReason: orphan.reason ?? message.failureReason ?? null }
    : message;
  return { message: patched, orphanStatuses: rest };
}

/** Messages an operator may see: a blocked customer's messages never are (the server should not send them anyway). */
export function isVisible(message: Pick<Message, 'status'>): boolean {
  return message.status !== 'BLOCKED';
}

/** Adds or replaces messages by id, keeping the list ordered by `createdAt` (ties: arrival order). */
function upsertAll(state: ThreadState, all: Message[]): ThreadState {
  const incoming = all.filter(isVisible);
  if (incoming.length === 0 && all.length > 0) return state;
  const messages = state.messages.slice();
  const indexById = new Map(messages.map((m, i) => [m.id, i]));
  let orphanStatuses = state.orphanStatuses;
  for (const raw of incoming) {
    const withOrphan = applyOrphans({ ...state, orphanStatuses }, raw);
    orphanStatuses = withOrphan.orphanStatuses;
    const index = indexById.get(raw.id);
    if (index === undefined) {
      indexById.set(raw.id, messages.length);
      messages.push(withOrphan.message);
    } else {
      messages[index] = mergeMessage(messages[index], withOrphan.message);
    }
  }
  const sorted = messages
    .map((message, order) => ({ message, order }))
    .sort((a, b) => time(a.message.createdAt) - time(b.message.createdAt) || a.order - b.order)
    .map((entry) => entry.message);
  return { ...state, messages: sorted, orphanStatuses };
}

function setStatus(state: ThreadState, messageId: string, status: MessageStatus, reason: string | null): ThreadState {
  const index = state.messages.findIndex((m) => m.id === messageId);
  if (index < 0) {
    return { ...state, orphanStatuses: { ...state.orphanStatuses, [messageId]: { status, reason } } };
  }
  const current = state.messages[index];
  if (statusRank(current.status) > statusRank(status)) return state;
  const messages = state.messages.slice();
  messages[index] = { ...current, status, failureReason: status === 'FAILED' ? reason : current.failureReason ?? null };
  return { ...state, messages };
}

/**
 * The open conversation's message list: loaded once (and again after a reconnect), live-appended from socket
 * events (customer and operator messages, system messages) and the reply POST, de-duplicated by message id, with
 * delivery status updates from `message.sent`/`failed`, and edits, deletions (kept as a "message deleted"
 * placeholder) and reactions from `message.edited`/`deleted`/`reactions_changed`. Messages with status `BLOCKED` are
 * never kept.
 */
export function threadReducer(state: ThreadState, action: ThreadAction): ThreadState {
  switch (action.type) {
    case 'opened':
      if (action.conversationId === state.conversationId) return state;
      return { conversationId: action.conversationId, messages: [], loaded: false, orphanStatuses: {} };
    case 'loaded':
      if (action.conversationId !== state.conversationId) return state;
      return { ...upsertAll(state, action.messages), loaded: true };
    case 'upserted':
      if (action.conversationId !== state.conversationId) return state;
      return upsertAll(state, [action.message]);
    case 'patched':
      if (action.conversationId !== state.conversationId) return state;
      return patchMessage(state, action.messageId, action.patch);
    case 'frame': {
      const frame = action.frame;
      if (frame.conversationId !== state.conversationId) return state;
      switch (frame.type) {
        case 'message.received':
        case 'message.queued':
          return upsertAll(state, [frame.payload.message]);
        case 'message.sent':
          return setStatus(state, frame.payload.messageId, 'SENT', null);
        case 'message.failed':
          return setStatus(state, frame.payload.messageId, 'FAILED', frame.payload.reason ?? null);
        case 'message.edited':
          return patchMessage(state, frame.payload.messageId, {
            text: frame.payload.text,
            editedAt: frame.payload.editedAt ?? frame.payload.occurredAt ?? new Date().toISOString(),
          });
        case 'message.deleted':
          return patchMessage(state, frame.payload.messageId, {
            deletedAt: frame.payload.occurredAt ?? new Date().toISOString(),
          });
        case 'message.reactions_changed':
          return patchMessage(state, frame.payload.messageId, { reactions: frame.payload.reactions ?? [] });
        case 'system_message.posted': {
          const message = frame.payload.message;
          if (!message) return state;
          return upsertAll(state, [{ ...message, systemKey: message.systemKey ?? frame.payload.key }]);
        }
        default:
          return state;
      }
    }
  }
}
