import { describe, expect, it } from 'vitest';
import type { Conversation, ConversationStatus, LifecycleFrame, Message, ServerFrame } from '../api/types';
import {
  type ConversationListState,
  conversationListReducer as reduce,
  conversationListStateFor,
  initialConversationListState,
  needsFetch,
} from './conversationList';
import { type ListQuery, defaultListQuery } from './listQuery';

const closedTab: ListQuery = { ...defaultListQuery, tab: 'closed' };
const unclaimedTab: ListQuery = { ...defaultListQuery, tab: 'unclaimed' };

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
  return reduce(state, { type: 'pageLoaded', query: state.query, page: { items, nextCursor: null }, append: false });
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

  it('ignores a new conversation that the status tab hides', () => {
    let state = reduce(initialConversationListState, { type: 'queryChanged', query: closedTab });
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

  it('drops an upserted conversation whose status left the tab, unless it is open', () => {
    let state = reduce(initialConversationListState, { type: 'queryChanged', query: unclaimedTab });
    state = loaded([conversation('a', '2026-11-21T11:00:00Z'), conversation('b', '2026-11-21T10:00:00Z')], state);
    state = reduce(state, { type: 'opened', id: 'b' });
    state = reduce(state, { type: 'upserted', conversation: conversation('a', at, { status: 'OPEN_ASSIGNED' }) });
    state = reduce(state, { type: 'upserted', conversation: conversation('b', at, { status: 'OPEN_ASSIGNED' }) });
    expect(state.items.map((c) => [c.id, c.status])).toEqual([['b', 'OPEN_ASSIGNED']]);
  });

  it('ignores a page answered for a query that is no longer selected and appends "load more" pages', () => {
    let state = reduce(initialConversationListState, { type: 'queryChanged', query: closedTab });
    const stale = reduce(state, { type: 'pageLoaded', query: defaultListQuery, page: { items: [conversation('x', at)], nextCursor: null }, append: false });
    expect(stale).toBe(state);
    state = reduce(state, { type: 'pageLoaded', query: { ...closedTab }, page: { items: [conversation('a', at, { status: 'CLOSED' })], nextCursor: 'c1' }, append: false });
    state = reduce(state, {
      type: 'pageLoaded', query: closedTab, append: true,
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

describe('conversationListReducer: lifecycle and tool events', () => {
  const me = 'op-me';
  const state0 = (query: ListQuery) => reduce(conversationListStateFor(me), { type: 'queryChanged', query });
  const lifecycle = (type: LifecycleFrame['type'], conversationId: string, status: ConversationStatus,
    assigneeId: string | null): ServerFrame => ({
    type, conversationId,
    payload: { eventId: `${type}-${conversationId}`, state: { status, assigneeId, codename: `Code ${conversationId}` }, actor: { id: 'anna', name: 'Anna' } },
  });
  const tagFrame = (type: 'conversation.tagged' | 'conversation.untagged', conversationId: string): ServerFrame => ({
    type, conversationId, payload: { tag: { id: 't1', name: 'vip', color: '#ff0000' }, actor: null },
  });

  it('drops a conversation claimed by someone else from Unclaimed, but keeps the open one (updated)', () => {
    let state = loaded([conversation('a', '2026-11-21T11:00:00Z'), conversation('b', '2026-11-21T10:00:00Z')], state0(unclaimedTab));
    state = reduce(state, { type: 'opened', id: 'b' });
    state = reduce(state, { type: 'frame', frame: lifecycle('conversation.claimed', 'a', 'OPEN_ASSIGNED', 'anna'), receivedAt: at });
    state = reduce(state, { type: 'frame', frame: lifecycle('conversation.claimed', 'b', 'OPEN_ASSIGNED', 'anna'), receivedAt: at });
    expect(state.items.map((c) => [c.id, c.status, c.assigneeId])).toEqual([['b', 'OPEN_ASSIGNED', 'anna']]);
  });

  it('updates status and assignee in place in All, and keeps the order', () => {
    let state = loaded([conversation('a', '2026-11-21T11:00:00Z'), conversation('b', '2026-11-21T10:00:00Z')], state0(defaultListQuery));
    state = reduce(state, { type: 'frame', frame: lifecycle('conversation.claimed', 'b', 'OPEN_ASSIGNED', me), receivedAt: at });
    state = reduce(state, { type: 'frame', frame: lifecycle('conversation.status_changed', 'b', 'AWAITING_CUSTOMER', me), receivedAt: at });
    expect(state.items.map((c) => [c.id, c.status, c.assigneeId ?? null])).toEqual([['a', 'OPEN_UNCLAIMED', null], ['b', 'AWAITING_CUSTOMER', me]]);
    state = reduce(state, { type: 'frame', frame: lifecycle('conversation.closed', 'b', 'CLOSED', me), receivedAt: at });
    expect(state.items.map((c) => c.id)).toEqual(['a']);
  });

  it('asks for a fetch when an event moves an unknown conversation into the tab', () => {
    const mine = loaded([], state0({ ...defaultListQuery, tab: 'mine' }));
    expect(needsFetch(mine, lifecycle('conversation.assigned', 'x', 'OPEN_ASSIGNED', me))).toBe(true);
    expect(needsFetch(mine, lifecycle('conversation.assigned', 'x', 'OPEN_ASSIGNED', 'anna'))).toBe(false);
    const unclaimed = loaded([], state0(unclaimedTab));
    expect(needsFetch(unclaimed, lifecycle('conversation.unassigned', 'x', 'OPEN_UNCLAIMED', null))).toBe(true);
    expect(needsFetch(unclaimed, lifecycle('conversation.reopened', 'x', 'OPEN_UNCLAIMED', null))).toBe(true);
    expect(needsFetch(unclaimed, lifecycle('conversation.closed', 'x', 'CLOSED', null))).toBe(false);
    const closed = loaded([], state0(closedTab));
    expect(needsFetch(closed, lifecycle('conversation.closed', 'x', 'CLOSED', 'anna'))).toBe(true);
    const searched = loaded([], state0({ ...closedTab, q: 'refund' }));
    expect(needsFetch(searched, lifecycle('conversation.closed', 'x', 'CLOSED', 'anna'))).toBe(false);
    // the fetched snapshot is added when it matches
    const fetched = reduce(mine, { type: 'upserted', conversation: conversation('x', at, { status: 'OPEN_ASSIGNED', assigneeId: me }) });
    expect(fetched.items.map((c) => c.id)).toEqual(['x']);
    const other = reduce(mine, { type: 'upserted', conversation: conversation('y', at, { status: 'OPEN_ASSIGNED', assigneeId: 'anna' }) });
    expect(other).toBe(mine);
  });

  it('keeps tags current and follows the tag filter', () => {
    let all = loaded([conversation('a', at)], state0(defaultListQuery));
    all = reduce(all, { type: 'frame', frame: tagFrame('conversation.tagged', 'a'), receivedAt: at });
    all = reduce(all, { type: 'frame', frame: tagFrame('conversation.tagged', 'a'), receivedAt: at });
    expect(all.items[0].tags).toEqual([{ id: 't1', name: 'vip', color: '#ff0000' }]);
    all = reduce(all, { type: 'frame', frame: tagFrame('conversation.untagged', 'a'), receivedAt: at });
    expect(all.items[0].tags).toEqual([]);

    let vip = loaded([conversation('a', at, { tags: [{ id: 't1', name: 'vip', color: '#ff0000' }] })], state0({ ...defaultListQuery, tag: 't1' }));
    expect(needsFetch(vip, tagFrame('conversation.tagged', 'z'))).toBe(true);
    vip = reduce(vip, { type: 'frame', frame: tagFrame('conversation.untagged', 'a'), receivedAt: at });
    expect(vip.items).toEqual([]);
  });

  it('removes a deleted conversation, open or not', () => {
    let state = loaded([conversation('a', at), conversation('b', at)], state0(defaultListQuery));
    state = reduce(state, { type: 'opened', id: 'a' });
    state = reduce(state, { type: 'frame', frame: { type: 'conversation.deleted', conversationId: 'a', payload: { reason: 'erasure' } }, receivedAt: at });
    expect(state.items.map((c) => c.id)).toEqual(['b']);
  });

  it('does not add new conversations live under a text filter or a tab they do not belong to', () => {
    const opened: ServerFrame = { type: 'conversation.opened', conversationId: 'n', payload: { codename: 'N', status: 'OPEN_UNCLAIMED', customer } };
    const searched = reduce(state0({ ...defaultListQuery, q: 'maya' }), { type: 'frame', frame: opened, receivedAt: at });
    expect(searched.items).toEqual([]);
    const mine = reduce(state0({ ...defaultListQuery, tab: 'mine' }), { type: 'frame', frame: opened, receivedAt: at });
    expect(mine.items).toEqual([]);
    const unclaimed = reduce(state0(unclaimedTab), { type: 'frame', frame: opened, receivedAt: at });
    expect(unclaimed.items.map((c) => [c.id, c.assigneeId, c.tags])).toEqual([['n', null, []]]);
  });
});

describe('conversationListReducer: widget conversations', () => {
  it('takes the channel of conversation.opened (TELEGRAM when absent)', () => {
    const opened = (id: string, channel?: string): ServerFrame => ({
      type: 'conversation.opened', conversationId: id,
      payload: { occurredAt: '2026-11-21T11:00:00Z', codename: `Code ${id}`, status: 'OPEN_UNCLAIMED', customer, channel },
    });
    let state = loaded([]);
    state = reduce(state, { type: 'frame', frame: opened('w', 'WIDGET'), receivedAt: at });
    state = reduce(state, { type: 'frame', frame: opened('t'), receivedAt: at });
    expect(Object.fromEntries(state.items.map((c) => [c.id, c.channel]))).toEqual({ w: 'WIDGET', t: 'TELEGRAM' });
  });

  it('renames the customer in all their rows on customer.updated, and keeps the state when nothing changes', () => {
    const other = { id: 'cu2', displayName: 'Max', username: null };
    const state = loaded([conversation('a', '2026-11-21T10:00:00Z'), conversation('b', '2026-11-21T09:00:00Z'),
      conversation('c', '2026-11-21T08:00:00Z', { customer: other })]);
    const frame: ServerFrame = {
      type: 'customer.updated', conversationId: 'a',
      payload: { customer: { ...customer, displayName: 'Janie', nickname: 'Janie' } },
    };
    const next = reduce(state, { type: 'frame', frame, receivedAt: at });
    expect(next.items.map((c) => [c.id, c.customer.displayName, c.customer.nickname ?? null]))
      .toEqual([['a', 'Janie', 'Janie'], ['b', 'Janie', 'Janie'], ['c', 'Max', null]]);
    expect(next.items[2]).toBe(state.items[2]);
    expect(reduce(next, { type: 'frame', frame, receivedAt: at })).toBe(next);
  });

  it('clears the unread count on conversation.read (another operator read it)', () => {
    const state = loaded([conversation('a', '2026-11-21T10:00:00Z', { unreadCount: 2 })]);
    const next = reduce(state, { type: 'frame', frame: { type: 'conversation.read', conversationId: 'a', payload: {} }, receivedAt: at });
    expect(next.items[0].unreadCount).toBe(0);
  });
});
