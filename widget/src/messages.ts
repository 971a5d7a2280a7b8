import type { ChatMessage, WidgetMessageView } from './types';

const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** A fresh client message id: a UUID when the browser has one, else 22 random base64url characters. */
export function newClientMessageId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Whether `id` is acceptable to the gateway as a `clientMessageId`. */
export function isClientMessageId(id: unknown): id is string {
  return typeof id === 'string' && CLIENT_ID.test(id);
}

/** Parses one message of the API or a `message` frame; null when it lacks the fields the widget needs. */
export function parseMessageView(value: unknown): WidgetMessageView | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || typeof v.text !== 'string' || typeof v.createdAt !== 'string') return null;
  const direction = v.direction === 'INBOUND' ? 'INBOUND' : v.direction === 'OUTBOUND' ? 'OUTBOUND' : null;
  if (!direction) return null;
  const kind = v.kind === 'customer' || v.kind === 'operator' || v.kind === 'system' ? v.kind
    : direction === 'INBOUND' ? 'customer' : 'operator';
  return {
    id: v.id,
    clientMessageId: typeof v.clientMessageId === 'string' ? v.clientMessageId : null,
    direction,
    kind,
    authorName: typeof v.authorName === 'string' && v.authorName.trim() !== '' ? v.authorName : null,
    text: v.text,
    createdAt: v.createdAt,
    systemKey: typeof v.systemKey === 'string' ? v.systemKey : null,
    editedAt: typeof v.editedAt === 'string' && v.editedAt ? v.editedAt : null,
  };
}

/** The local echo of a message the customer just wrote: `pending` until the server confirms it. */
export function localEcho(text: string, clientMessageId: string, now: Date = new Date()): ChatMessage {
  return {
    key: `c:${clientMessageId}`,
    id: null,
    clientMessageId,
    direction: 'INBOUND',
    kind: 'customer',
    authorName: null,
    text,
    createdAt: now.toISOString(),
    systemKey: null,
    status: 'pending',
  };
}

let noteCounter = 0;

/** A local note in the timeline (not stored by the server), e.g. "Anna joined the conversation". */
export function localNote(text: string, now: Date = new Date()): ChatMessage {
  return {
    key: `n:${++noteCounter}`,
    id: null,
    clientMessageId: null,
    direction: 'OUTBOUND',
    kind: 'note',
    authorName: null,
    text,
    createdAt: now.toISOString(),
    systemKey: null,
    status: 'sent',
  };
}

/** True for a message the server has confirmed (or a local note), i.e. one with a place in time. */
export function isSettled(m: ChatMessage): boolean {
  return m.status === 'sent';
}

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

/**
 * Order for display: settled messages by `createdAt` (ties keep their previous order), then the customer's
 * unconfirmed messages (pending / accepted / failed) in the order they were written.
 */
export function sortMessages(list: readonly ChatMessage[]): ChatMessage[] {
  const indexed = list.map((m, i) => ({ m, i }));
  indexed.sort((a, b) => {
    const sa = isSettled(a.m);
    const sb = isSettled(b.m);
    if (sa !== sb) return sa ? -1 : 1;
    if (sa) {
      const d = time(a.m.createdAt) - time(b.m.createdAt);
      if (d !== 0) return d;
    }
    return a.i - b.i;
  });
  return indexed.map((x) => x.m);
}

export interface MergeResult {
  messages: ChatMessage[];
  /** Messages that were not there before (not confirmations of local echoes, not repeats). */
  added: ChatMessage[];
}

/**
 * Merges server messages (history pages or `message` frames) into the list, without duplicates: a message already
 * present with the same `id` is updated in place; a local echo with the same `clientMessageId` becomes the server's
 * message (status `sent`, keeping its key so its element stays); anything else is appended. Returns the sorted list.
 */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly WidgetMessageView[]): MergeResult {
  const messages = current.slice();
  const byId = new Map<string, number>();
  const byClientId = new Map<string, number>();
  messages.forEach((m, i) => {
    if (m.id) byId.set(m.id, i);
    if (m.clientMessageId) byClientId.set(m.clientMessageId, i);
  });
  const added: ChatMessage[] = [];
  for (const view of incoming) {
    let index = byId.get(view.id);
    if (index === undefined && view.clientMessageId) index = byClientId.get(view.clientMessageId);
    if (index !== undefined) {
      const before = messages[index];
      if (before.deleted) continue; // a stale copy (a history read that raced the deletion) never brings it back
      // a reply shown before that comes back with another text was edited meanwhile (e.g. while offline)
      const edited = before.edited || !!view.editedAt
        || (before.status === 'sent' && before.kind === 'operator' && before.id === view.id && before.text !== view.text);
      messages[index] = {
        ...before,
        id: view.id,
        clientMessageId: view.clientMessageId ?? before.clientMessageId,
        direction: view.direction,
        kind: view.kind,
        authorName: view.authorName,
        text: view.text,
        createdAt: view.createdAt,
        systemKey: view.systemKey,
        status: 'sent',
        edited,
      };
      byId.set(view.id, index);
      continue;
    }
    const message: ChatMessage = {
      key: view.clientMessageId ? `c:${view.clientMessageId}` : `s:${view.id}`,
      id: view.id,
      clientMessageId: view.clientMessageId,
      direction: view.direction,
      kind: view.kind,
      authorName: view.authorName,
      text: view.text,
      createdAt: view.createdAt,
      systemKey: view.systemKey,
      status: 'sent',
      edited: !!view.editedAt,
    };
    byId.set(view.id, messages.length);
    if (view.clientMessageId) byClientId.set(view.clientMessageId, messages.length);
    messages.push(message);
    added.push(message);
  }
  return { messages: sortMessages(messages), added };
}

/**
 * An operator's `message.edited` frame: the message with `id` gets `text` and the "edited" mark. Null when nothing
 * changes (unknown id — the history brings the new text later —, deleted, or the same text already marked).
 */
export function applyEdit(current: readonly ChatMessage[], id: string, text: string): ChatMessage[] | null {
  const index = current.findIndex((m) => m.id === id);
  const before = index < 0 ? null : current[index];
  if (!before || before.deleted || (before.edited && before.text === text)) return null;
  const messages = current.slice();
  messages[index] = { ...before, text, edited: true };
  return messages;
}

/**
 * An operator's `message.deleted` frame (or a deletion the history revealed): the messages with these ids become
 * "Message deleted" placeholders (text dropped). Null when none of them is shown or all are deleted already.
 */
export function applyDeletions(current: readonly ChatMessage[], ids: Iterable<string>): ChatMessage[] | null {
  const gone = new Set(ids);
  let changed = false;
  const messages = current.map((m) => {
    if (!m.id || !gone.has(m.id) || m.deleted) return m;
    changed = true;
    return { ...m, text: '', edited: false, deleted: true };
  });
  return changed ? messages : null;
}

/**
 * Operators' replies deleted while the widget was not listening, as a history read reveals them: the ids in `shown`
 * (replies on screen BEFORE the read was sent, so the server had them) that the read covers but did not list. A read
 * from the start (`after` null) covers every message; a read from a cursor those created after the cursor's row
 * (`after`, its `createdAt`; same-millisecond ties are left alone).
 */
export function deletedSince(shown: readonly ChatMessage[], read: readonly WidgetMessageView[],
  after: string | null): string[] {
  const listed = new Set(read.map((v) => v.id));
  const from = after === null ? -Infinity : time(after);
  return shown.filter((m) => m.id && m.kind === 'operator' && m.status === 'sent' && !m.deleted && !listed.has(m.id)
    && time(m.createdAt) > from).map((m) => m.id as string);
}

/**
 * The key of the customer's message that should carry "Read": the newest settled INBOUND message created at or
 * before `readAt`; null when there is none or `readAt` is null.
 */
export function readReceiptKey(messages: readonly ChatMessage[], readAt: string | null): string | null {
  if (!readAt) return null;
  const limit = time(readAt);
  let key: string | null = null;
  let best = -Infinity;
  for (const m of messages) {
    if (m.direction !== 'INBOUND' || m.kind !== 'customer' || !isSettled(m)) continue;
    const t = time(m.createdAt);
    if (t <= limit && t >= best) {
      best = t;
      key = m.key;
    }
  }
  return key;
}

/** How many OUTBOUND messages (operator or system, not deleted) are newer than `seenAt` (ISO or null = none seen). */
export function countUnread(messages: readonly ChatMessage[], seenAt: string | null): number {
  const seen = seenAt ? time(seenAt) : -Infinity;
  let n = 0;
  for (const m of messages) {
    if (m.direction === 'OUTBOUND' && m.kind !== 'note' && !m.deleted && isSettled(m) && time(m.createdAt) > seen) n++;
  }
  return n;
}

/** The `createdAt` of the newest settled OUTBOUND message, or null. */
export function newestOutbound(messages: readonly ChatMessage[]): string | null {
  let best: string | null = null;
  for (const m of messages) {
    if (m.direction === 'OUTBOUND' && m.kind !== 'note' && isSettled(m) && (!best || time(m.createdAt) > time(best))) {
      best = m.createdAt;
    }
  }
  return best;
}
