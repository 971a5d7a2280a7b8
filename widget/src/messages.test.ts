import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  countUnread, isClientMessageId, localEcho, localNote, mergeMessages, newClientMessageId, newestOutbound,
  parseMessageView, readReceiptKey,
} from './messages';
import type { WidgetMessageView } from './types';

function view(over: Partial<WidgetMessageView>): WidgetMessageView {
  return {
    id: 'm1', clientMessageId: null, direction: 'OUTBOUND', kind: 'operator', authorName: 'Anna', text: 'hi',
    createdAt: '2025-01-01T10:00:00Z', systemKey: null, ...over,
  };
}

describe('mergeMessages', () => {
  it('turns a local echo into the server message when the clientMessageId comes back, keeping its key', () => {
    const echo = localEcho('hello', 'cid-00000001', new Date('2025-01-01T10:00:05Z'));
    const { messages, added } = mergeMessages([echo], [view({ id: 's1', clientMessageId: 'cid-00000001',
      direction: 'INBOUND', kind: 'customer', authorName: null, text: 'hello', createdAt: '2025-01-01T10:00:04Z' })]);
    expect(messages).toHaveLength(1);
    expect(added).toHaveLength(0);
    expect(messages[0]).toMatchObject({ key: 'c:cid-00000001', id: 's1', status: 'sent',
      createdAt: '2025-01-01T10:00:04Z' });
  });

  it('never duplicates a message that arrives as a frame and again in the history', () => {
    const frame = view({ id: 's2', text: 'from Anna' });
    const first = mergeMessages([], [frame]);
    const second = mergeMessages(first.messages, [view({ id: 's1', createdAt: '2025-01-01T09:00:00Z' }), frame]);
    expect(second.messages.map((m) => m.id)).toEqual(['s1', 's2']);
    expect(second.added.map((m) => m.id)).toEqual(['s1']);
    const third = mergeMessages(second.messages, [frame, frame]);
    expect(third.messages).toHaveLength(2);
    expect(third.added).toHaveLength(0);
  });

  it('de-duplicates within one batch and matches by id after the clientMessageId was seen', () => {
    const m = view({ id: 's9', clientMessageId: 'other-tab-1', direction: 'INBOUND', kind: 'customer' });
    const { messages } = mergeMessages([], [m, { ...m }]);
    expect(messages).toHaveLength(1);
    expect(messages[0].key).toBe('c:other-tab-1');
  });

  it('keeps unconfirmed messages after the confirmed ones, in the order written', () => {
    const a = localEcho('a', 'cid-aaaaaaa1', new Date('2025-01-01T10:00:00Z'));
    const b = localEcho('b', 'cid-bbbbbbb1', new Date('2025-01-01T10:00:01Z'));
    const { messages } = mergeMessages([a, b], [view({ id: 'op', createdAt: '2025-01-01T10:05:00Z' })]);
    expect(messages.map((m) => m.text)).toEqual(['hi', 'a', 'b']);
    const confirmed = mergeMessages(messages, [view({ id: 'sb', clientMessageId: 'cid-bbbbbbb1', text: 'b',
      direction: 'INBOUND', kind: 'customer', createdAt: '2025-01-01T10:04:00Z' })]);
    expect(confirmed.messages.map((m) => `${m.text}:${m.status}`)).toEqual(['b:sent', 'hi:sent', 'a:pending']);
  });

  it('orders settled messages by time, notes included', () => {
    const note = localNote('Anna joined', new Date('2025-01-01T10:01:00Z'));
    const { messages } = mergeMessages([note], [
      view({ id: 'late', createdAt: '2025-01-01T10:02:00Z' }), view({ id: 'early', createdAt: '2025-01-01T10:00:00Z' }),
    ]);
    expect(messages.map((m) => m.id ?? m.kind)).toEqual(['early', 'note', 'late']);
  });
});

describe('read receipts and unread', () => {
  const list = mergeMessages([], [
    view({ id: 'c1', direction: 'INBOUND', kind: 'customer', createdAt: '2025-01-01T10:00:00Z' }),
    view({ id: 'o1', createdAt: '2025-01-01T10:01:00Z' }),
    view({ id: 'c2', direction: 'INBOUND', kind: 'customer', createdAt: '2025-01-01T10:02:00Z' }),
    view({ id: 's1', kind: 'system', authorName: null, createdAt: '2025-01-01T10:03:00Z' }),
  ]).messages;

  it('puts "Read" under the newest customer message the operator has read', () => {
    expect(readReceiptKey(list, null)).toBeNull();
    expect(readReceiptKey(list, '2025-01-01T09:00:00Z')).toBeNull();
    expect(readReceiptKey(list, '2025-01-01T10:01:30Z')).toBe('s:c1');
    expect(readReceiptKey(list, '2025-01-01T11:00:00Z')).toBe('s:c2');
  });

  it('counts operator and system messages newer than the last seen one', () => {
    expect(countUnread(list, null)).toBe(2);
    expect(countUnread(list, '2025-01-01T10:01:00Z')).toBe(1);
    expect(countUnread([...list, localNote('x')], '2025-01-01T10:03:00Z')).toBe(0);
    expect(newestOutbound(list)).toBe('2025-01-01T10:03:00Z');
  });
});

describe('client message ids and parsing', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('makes ids the gateway accepts, with and without crypto.randomUUID', () => {
    expect(isClientMessageId(newClientMessageId())).toBe(true);
    vi.stubGlobal('crypto', { getRandomValues: (a: Uint8Array) => a.fill(251) });
    const id = newClientMessageId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(isClientMessageId(id)).toBe(true);
    expect(isClientMessageId('short')).toBe(false);
    expect(isClientMessageId('has space in it')).toBe(false);
  });

  it('rejects frames without the needed fields and fills in defaults', () => {
    expect(parseMessageView({ id: 'x', text: 'y' })).toBeNull();
    expect(parseMessageView({ id: 'x', text: 'y', createdAt: 'z', direction: 'SIDEWAYS' })).toBeNull();
    expect(parseMessageView({ id: 'x', text: 'y', createdAt: 'z', direction: 'OUTBOUND', authorName: ' ' }))
      .toMatchObject({ kind: 'operator', authorName: null, clientMessageId: null, systemKey: null });
  });
});
