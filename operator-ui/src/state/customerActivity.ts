import type { Message, ServerFrame } from '../api/types';

/** How long "Customer is typing…" stays without a new `customer.typing` frame (ms). */
export const CUSTOMER_TYPING_TIMEOUT_MS = 6_000;

/**
 * What the customer is doing, per conversation, from the widget's ephemeral frames (live only: nothing of it is
 * stored, so a reload starts empty).
 */
export interface CustomerActivityState {
  /** Conversation id → when its typing indicator expires (ms since the epoch). Present = shown. */
  typingUntil: Record<string, number>;
  /** Conversation id → the customer's latest read time (ms since the epoch). */
  readAt: Record<string, number>;
}

export type CustomerActivityAction =
  /** A socket frame, seen at `now` (ms since the epoch). */
  | { type: 'frame'; frame: ServerFrame; now: number }
  /** Time passed: indicators expired by `now` are removed. */
  | { type: 'tick'; now: number };

export const initialCustomerActivityState: CustomerActivityState = { typingUntil: {}, readAt: {} };

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const { [key]: _removed, ...rest } = record;
  return rest;
}

function parseTime(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/**
 * Customer typing and read receipts: `customer.typing` with `active` shows the indicator for
 * {@link CUSTOMER_TYPING_TIMEOUT_MS} (each new frame restarts it), `active: false`, a message from the customer or
 * the timeout hide it; `customer.read` moves the read time forward (its `readAt`, else `now`), never back; a
 * deleted conversation forgets both.
 */
export function customerActivityReducer(state: CustomerActivityState, action: CustomerActivityAction): CustomerActivityState {
  if (action.type === 'tick') {
    const expired = Object.keys(state.typingUntil).filter((id) => state.typingUntil[id] <= action.now);
    if (expired.length === 0) return state;
    const typingUntil = { ...state.typingUntil };
    for (const id of expired) delete typingUntil[id];
    return { ...state, typingUntil };
  }
  const { frame, now } = action;
  const id = frame.conversationId;
  switch (frame.type) {
    case 'customer.typing':
      if (!frame.payload.active) {
        const typingUntil = without(state.typingUntil, id);
        return typingUntil === state.typingUntil ? state : { ...state, typingUntil };
      }
      return { ...state, typingUntil: { ...state.typingUntil, [id]: now + CUSTOMER_TYPING_TIMEOUT_MS } };
    case 'message.received': {
      const typingUntil = without(state.typingUntil, id);
      return typingUntil === state.typingUntil ? state : { ...state, typingUntil };
    }
    case 'customer.read': {
      const at = parseTime(frame.payload.readAt) ?? now;
      if ((state.readAt[id] ?? -Infinity) >= at) return state;
      return { ...state, readAt: { ...state.readAt, [id]: at } };
    }
    case 'conversation.deleted': {
      const typingUntil = without(state.typingUntil, id);
      const readAt = without(state.readAt, id);
      return typingUntil === state.typingUntil && readAt === state.readAt ? state : { typingUntil, readAt };
    }
    default:
      return state;
  }
}

/** True while "Customer is typing…" is shown for the conversation. */
export function isCustomerTyping(state: CustomerActivityState, conversationId: string | null): boolean {
  return conversationId !== null && conversationId in state.typingUntil;
}

/** The earliest typing expiry (ms since the epoch), or null when no indicator is shown. */
export function nextTypingExpiry(state: CustomerActivityState): number | null {
  const times = Object.values(state.typingUntil);
  return times.length === 0 ? null : Math.min(...times);
}

/** The customer's latest read time in the conversation (ms since the epoch), or null when not known. */
export function customerReadAt(state: CustomerActivityState, conversationId: string | null): number | null {
  return conversationId === null ? null : state.readAt[conversationId] ?? null;
}

/**
 * True when the customer has read this message: an operator's reply (OUTBOUND, not a system message) that was
 * delivered (SENT) and created no later than the customer's read time.
 */
export function isReadByCustomer(message: Pick<Message, 'direction' | 'status' | 'createdAt' | 'systemKey'>,
  readAt: number | null): boolean {
  if (readAt === null || message.direction !== 'OUTBOUND' || message.systemKey || message.status !== 'SENT') return false;
  const created = Date.parse(message.createdAt);
  return !Number.isNaN(created) && created <= readAt;
}
