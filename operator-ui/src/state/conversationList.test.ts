import { describe, expect, it } from 'vitest';
import type { Conversation, Message, ServerFrame } from '../api/types';
import {
  type ConversationListState,
  conversationListReducer as reduce,
  initialConversationListState,
  needsFetch,
} from './conversationList';

const customer = { id: 'cu1', displayName: 'Jane Doe', username: 'jane' };

function conversation(id: string, updatedAt: string, extra: Partial<Conversation> = {}): Conversation {
  return {
    id, status: 'OPEN_UNCLAIMED', codename: `Code ${id}`, customer, lastMessage: null, unreadCount: 0,
    updatedAt, createdAt: updatedAt, ...extra,
  };
}

function inbound(id: string, createdAt: string, text = `text ${id}`): Message {
  return { id, direction: 'INBOUND', text, status: 'RECEIVED', createdAt };
}

function received(conversationId: string, message: Message, eventId?: string): ServerFrame {
  return { type: 'message.received', conversationId, payload: { eventId, customer, message } };
}

function loaded(items: Conversation[], state = initialConversationListState): ConversationListState {
  return reduce(state, { type: 'pageLoaded', filter: state.filter, page: { items, nextCursor: null }, append: false });
}

const at = '2026-11-21T12:00:00Z';

describe('conversationListReducer', () => {
  it('puts a newly opened conversation at the top, once', () => {
    const state = loaded([conversation('a', '2026-11-21T10:00:00Z')]);
    const opened: ServerFrame = {
      type: 'conversation.opened', conversationId: 'b',
      payload: { eventId: 'e1', occurredAt: '2026-11-21T11:00:00Z', codename: 'Blue Lion #84C2', status: 'OPEN_UNCLAIMED', customer },
    };
    const once = reduce(state, { type: 'frame', frame: opened, receivedAt: at });
    const twice = reduce(once, { type: 'frame', frame: opened, receivedAt: at });
    expect(twice.items.map((c) => c.id)).toEqual(['b', 'a']);
    expect(twice.items[0]).toMatchObject({ codename: 'Blue Lion #84C2', lastMessage: null, unreadCount: 0 });
  });

  it('ignores a new conversation that the status filter hides', () => {
    let state = reduce(initialConversationListState, { type: 'filterChanged', filter: 'CLOSED' });
    state = reduce(state, {
      type: 'frame', receivedAt: at,
      frame: { type: 'conversation.opened', conversationId: 'b', payload: { codename: 'X', status: 'OPEN_UNCLAIMED', customer } },
    });
    expect(state.items).toEqual([]);
  });

  it('updates preview, order and unread count from a received message, de-duplicated by message id', () => {
    let state = loaded([conversation('a', '2026-11-21T11:00:00Z'), conversation('b', '2026-11-21T10:00:00Z', { unreadCount: 2 })]);
    const frame = received('b', inbound('m1', '2026-11-21T11:30:00Z', 'hello there'), 'e1');
    state = reduce(state, { type: 'frame', frame, receivedAt: at });
    state = reduce(state, { type: 'frame', frame, receivedAt: at });
    // the same message again under another event id (at-least-once redelivery) is still counted once
    state = reduce(state, { type: 'frame', frame: received('b', inbound('m1', '2026-11-21T11:30:00Z', 'hello there'), 'e2'), receivedAt: at });
    expect(state.items.map((c) => c.id)).toEqual(['b', 'a']);
    expect(state.items[0]).toMatchObject({
      unreadCount: 3,
      updatedAt: '2026-11-21T11:30:00Z',
      lastMessage: { text: 'hello there', direction: 'INBOUND', createdAt: '2026-11-21T11:30:00Z' },
    });
  });

  it('does not count unread messages in the open conversation, and opening clears the count', () => {
    let state = loaded([conversation('a', '2026-11-21T11:00:00Z', { unreadCount: 4 })]);
    state = reduce(state, { type: 'opened', id: 'a' });
    expect(state.items[0].unreadCount).toBe(0);
    state = reduce(state, { type: 'frame', frame: received('a', inbound('m9', '2026-11-21T11:10:00Z')), receivedAt: at });
    expect(state.items[0].unreadCount).toBe(0);
    expect(state.items[0].lastMessage?.text).toBe('text m9');
  });

  it('updates the preview from an outbound message without raising the unread count', () => {
    let state = loaded([conversation('a', '2026-11-21T11:00:00Z', { unreadCount: 1 })]);
    const message: Message = { id: 'o1', direction: 'OUTBOUND', text: 'on it', status: 'PENDING', createdAt: '2026-11-21T11:05:00Z' };
    state = reduce(state, { type: 'frame', frame: { type: 'message.queued', conversationId: 'a', payload: { operatorId: 'op', message } }, receivedAt: at });
    expect(state.items[0]).toMatchObject({ unreadCount: 1, lastMessage: { text: 'on it', direction: 'OUTBOUND' } });
  });

  it('keeps the newer preview when an older message arrives late', () => {
    let state = loaded([conversation('a', '2026-11-21T11:00:00Z', {
      lastMessage: { text: 'newest', direction: 'INBOUND', createdAt: '2026-11-21T11:00:00Z' },
    })]);
    state = reduce(state, { type: 'frame', frame: received('a', inbound('old', '2026-11-21T10:00:00Z')), receivedAt: at });
    expect(state.items[0].lastMessage?.text).toBe('newest');
    expect(state.items[0].updatedAt).toBe('2026-11-21T11:00:00Z');
  });

  it('asks for a fetch when a message belongs to a conversation it does not hold', () => {
    const state = loaded([conversation('a', '2026-11-21T11:00:00Z')]);
    const frame = received('zzz', inbound('m1', at));
    expect(needsFetch(state, frame)).toBe(true);
    expect(needsFetch(state, received('a', inbound('m2', at)))).toBe(false);
    expect(reduce(state, { type: 'frame', frame, receivedAt: at })).toBe(state);
    const upserted = reduce(state, { type: 'upserted', conversation: conversation('zzz', at, { unreadCount: 1 }) });
    expect(upserted.items.map((c) => c.id)).toEqual(['zzz', 'a']);
  });

  it('drops an upserted conversation whose status left the filter, unless it is open', () => {
    let state = reduce(initialConversationListState, { type: 'filterChanged', filter: 'OPEN_UNCLAIMED' });
    state = loaded([conversation('a', '2026-11-21T11:00:00Z'), conversation('b', '2026-11-21T10:00:00Z')], state);
    state = reduce(state, { type: 'opened', id: 'b' });
    state = reduce(state, { type: 'upserted', conversation: conversation('a', at, { status: 'OPEN_ASSIGNED' }) });
    state = reduce(state, { type: 'upserted', conversation: conversation('b', at, { status: 'OPEN_ASSIGNED' }) });
    expect(state.items.map((c) => [c.id, c.status])).toEqual([['b', 'OPEN_ASSIGNED']]);
  });

  it('ignores a page answered for a filter that is no longer selected and appends "load more" pages', () => {
    let state = reduce(initialConversationListState, { type: 'filterChanged', filter: 'CLOSED' });
    const stale = reduce(state, { type: 'pageLoaded', filter: null, page: { items: [conversation('x', at)], nextCursor: null }, append: false });
    expect(stale).toBe(state);
    state = reduce(state, { type: 'pageLoaded', filter: 'CLOSED', page: { items: [conversation('a', at)], nextCursor: 'c1' }, append: false });
    state = reduce(state, {
      type: 'pageLoaded', filter: 'CLOSED', append: true,
      page: { items: [conversation('a', at), conversation('b', '2026-11-01T00:00:00Z')], nextCursor: null },
    });
    expect(state.items.map((c) => c.id)).toEqual(['a', 'b']);
    expect(state.nextCursor).toBeNull();
  });

  it('keeps live updates that are newer than a reloaded snapshot', () => {
    let state = loaded([conversation('a', '2026-11-21T10:00:00Z')]);
    state = reduce(state, { type: 'frame', frame: received('a', inbound('m1', '2026-11-21T11:00:00Z', 'live')), receivedAt: at });
    state = loaded([conversation('a', '2026-11-21T10:00:00Z')], state);
    expect(state.items[0]).toMatchObject({ unreadCount: 1, lastMessage: { text: 'live' } });
  });
});
