import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  applyDeletions, applyEdit, countUnread, deletedSince, isClientMessageId, localEcho, localNote, mergeMessages,
  newClientMessageId, newestOutbound, parseMessageView, readReceiptKey,
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

describe('operators\' edits and deletions', () => {
  const shown = () => mergeMessages([], [
    view({ id: 'c1', direction: 'INBOUND', kind: 'customer', authorName: null, text: 'hello',
      createdAt: '2025-01-01T09:59:00Z' }),
    view({ id: 'o1', text: 'first answer' }),
    view({ id: 'o2', text: 'second answer', createdAt: '2025-01-01T10:01:00Z' }),
  ]).messages;

  it('an edit frame replaces the text and marks it edited; unknown, repeated or deleted ones change nothing', () => {
    const edited = applyEdit(shown(), 'o1', 'first answer, fixed');
    expect(edited?.find((m) => m.id === 'o1')).toMatchObject({ text: 'first answer, fixed', edited: true, key: 's:o1' });
    expect(edited?.find((m) => m.id === 'o2')?.edited).toBe(false);
    expect(applyEdit(edited!, 'o1', 'first answer, fixed')).toBeNull();
    expect(applyEdit(shown(), 'nope', 'x')).toBeNull();
    expect(applyEdit(applyDeletions(shown(), ['o1'])!, 'o1', 'back?')).toBeNull();
  });

  it('a deletion drops the text for a placeholder, and no later copy brings the message back', () => {
    const deleted = applyDeletions(shown(), ['o2'])!;
    expect(deleted.find((m) => m.id === 'o2')).toMatchObject({ text: '', deleted: true, key: 's:o2' });
    expect(applyDeletions(deleted, ['o2', 'unknown'])).toBeNull();
    const again = mergeMessages(deleted, [view({ id: 'o2', text: 'second answer', createdAt: '2025-01-01T10:01:00Z' })]);
    expect(again.messages.find((m) => m.id === 'o2')).toMatchObject({ text: '', deleted: true });
    expect(again.added).toHaveLength(0);
    expect(countUnread(deleted, null)).toBe(1); // the deleted reply no longer counts as unread
  });

  it('a history read with another text for a reply marks it edited, as does the server\'s editedAt', () => {
    const reread = mergeMessages(shown(), [view({ id: 'o1', text: 'changed while offline' })]).messages;
    expect(reread.find((m) => m.id === 'o1')).toMatchObject({ text: 'changed while offline', edited: true });
    const same = mergeMessages(shown(), [view({ id: 'o1', text: 'first answer' })]).messages;
    expect(same.find((m) => m.id === 'o1')?.edited).toBe(false);
    const fresh = mergeMessages([], [parseMessageView({ ...view({ id: 'o9' }), editedAt: '2025-01-01T11:00:00Z' })!]);
    expect(fresh.messages[0].edited).toBe(true);
    expect(parseMessageView(view({ id: 'o9' }))?.editedAt).toBeNull();
  });

  it('a reply shown before a history read and missing from it was deleted, within the range the read covers', () => {
    const before = shown();
    const c1 = view({ id: 'c1', direction: 'INBOUND', kind: 'customer', authorName: null, text: 'hello',
      createdAt: '2025-01-01T09:59:00Z' });
    const o2 = view({ id: 'o2', text: 'second answer', createdAt: '2025-01-01T10:01:00Z' });
    expect(deletedSince(before, [c1, o2], null)).toEqual(['o1']);
    // a read from a cursor covers only what was created after the cursor's row
    expect(deletedSince(before, [o2], '2025-01-01T10:00:00Z')).toEqual([]);
    expect(deletedSince(before, [o2], '2025-01-01T09:59:00Z')).toEqual(['o1']);
    expect(deletedSince(before, [], '2025-01-01T09:59:00Z')).toEqual(['o1', 'o2']);
    // the customer's own messages and pending echoes are never taken for deleted
    expect(deletedSince([...before, localEcho('x', 'cid-00000009')], [], null)).toEqual(['o1', 'o2']);
  });
});
