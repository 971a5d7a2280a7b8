import { describe, expect, it } from 'vitest';
import type { Conversation, ServerFrame } from '../api/types';
import { patchConversation } from './conversationPatch';

const base: Conversation = {
  id: 'c1', status: 'OPEN_ASSIGNED', codename: 'Blue Lion #84C2', customer: { id: 'cu', displayName: 'Jane', username: null },
  lastMessage: null, unreadCount: 0, updatedAt: '2026-11-21T10:00:00Z', createdAt: '2026-11-21T10:00:00Z',
  assigneeId: 'anna', tags: [], closedAt: null,
};

describe('patchConversation', () => {
  it('applies the state of a lifecycle event, including a new codename on reopen', () => {
    const closed = patchConversation(base, {
      type: 'conversation.closed', conversationId: 'c1',
      payload: { occurredAt: '2026-11-21T12:00:00Z', state: { status: 'CLOSED', assigneeId: 'anna', codename: 'Blue Lion #84C2' } },
    });
    expect(closed).toMatchObject({ status: 'CLOSED', assigneeId: 'anna', closedAt: '2026-11-21T12:00:00Z' });
    const reopened = patchConversation(closed, {
      type: 'conversation.reopened', conversationId: 'c1',
      payload: { state: { status: 'OPEN_UNCLAIMED', assigneeId: null, codename: 'Red Fox #11AA' } },
    });
    expect(reopened).toMatchObject({ status: 'OPEN_UNCLAIMED', assigneeId: null, codename: 'Red Fox #11AA', closedAt: null });
  });

  it('returns the same object for frames that change nothing or concern another conversation', () => {
    const same: ServerFrame = { type: 'conversation.claimed', conversationId: 'c1', payload: { state: { status: 'OPEN_ASSIGNED', assigneeId: 'anna', codename: base.codename } } };
    expect(patchConversation(base, same)).toBe(base);
    expect(patchConversation(base, { ...same, conversationId: 'c2' } as ServerFrame)).toBe(base);
    expect(patchConversation(base, { type: 'note.added', conversationId: 'c1', payload: { note: { id: 'n', conversationId: 'c1', operatorId: 'o', operatorName: 'O', text: 't', createdAt: '' } } })).toBe(base);
  });

  it('attaches, recolours and detaches tags', () => {
    const vip = { id: 't1', name: 'vip', color: '#ff0000' };
    let c = patchConversation(base, { type: 'conversation.tagged', conversationId: 'c1', payload: { tag: vip } });
    c = patchConversation(c, { type: 'conversation.tagged', conversationId: 'c1', payload: { tag: { ...vip, color: '#00ff00' } } });
    expect(c.tags).toEqual([{ ...vip, color: '#00ff00' }]);
    c = patchConversation(c, { type: 'conversation.untagged', conversationId: 'c1', payload: { tag: vip } });
    expect(c.tags).toEqual([]);
  });

  it('renames the customer on customer.updated, in this and the same customer\'s other conversations', () => {
    const customer = { id: 'cu', displayName: 'Mo', username: null, nickname: 'Mo' };
    const renamed = patchConversation(base, { type: 'customer.updated', conversationId: 'c1', payload: { customer } });
    expect(renamed.customer).toEqual({ id: 'cu', displayName: 'Mo', username: null, nickname: 'Mo' });
    const other = { ...base, id: 'c9' };
    expect(patchConversation(other, { type: 'customer.updated', conversationId: 'c1', payload: { customer } }).customer.nickname).toBe('Mo');
    const stranger = { ...base, id: 'c9', customer: { ...base.customer, id: 'cu2' } };
    expect(patchConversation(stranger, { type: 'customer.updated', conversationId: 'c1', payload: { customer } })).toBe(stranger);
    expect(patchConversation(renamed, { type: 'customer.updated', conversationId: 'c1', payload: { customer } })).toBe(renamed);
  });

  it('clears the unread count on conversation.read, unless the customer wrote after it', () => {
    const unread = { ...base, unreadCount: 3, lastMessage: { text: 'hi', direction: 'INBOUND' as const, createdAt: '2026-11-21T12:00:00Z' } };
    const readAfter = patchConversation(unread, { type: 'conversation.read', conversationId: 'c1', payload: { readAt: '2026-11-21T12:00:01Z' } });
    expect(readAfter.unreadCount).toBe(0);
    const readBefore = patchConversation(unread, { type: 'conversation.read', conversationId: 'c1', payload: { readAt: '2026-11-21T11:59:59Z' } });
    expect(readBefore).toBe(unread);
    expect(patchConversation(base, { type: 'conversation.read', conversationId: 'c1', payload: {} })).toBe(base);
  });
});
