import { describe, expect, it } from 'vitest';
import type { Conversation, Message, ServerFrame } from '../api/types';
import { parseServerFrame } from '../live/frames';
import { patchConversation } from './conversationPatch';
import { type ThreadState, initialThreadState, threadReducer as reduce } from './thread';

function reply(id: string, status: Message['status'] = 'SENT', extra: Partial<Message> = {}): Message {
  return { id, direction: 'OUTBOUND', text: `reply ${id}`, status, createdAt: '2026-11-21T12:00:00Z', operatorId: 'op-me', ...extra };
}

function loaded(...messages: Message[]): ThreadState {
  const opened = reduce(initialThreadState, { type: 'opened', conversationId: 'c1' });
  return reduce(opened, { type: 'loaded', conversationId: 'c1', messages });
}

const frame = (value: ServerFrame) => ({ type: 'frame' as const, frame: value });

describe('thread: edits, deletions, reactions, retry', () => {
  it('applies message.edited (text and editedAt) to the open thread only', () => {
    let state = loaded(reply('m1'));
    state = reduce(state, frame({ type: 'message.edited', conversationId: 'c1',
      payload: { messageId: 'm1', text: 'Hello, fixed', previousText: 'reply m1', editedAt: '2026-11-21T12:05:00Z' } }));
    expect(state.messages[0]).toMatchObject({ text: 'Hello, fixed', editedAt: '2026-11-21T12:05:00Z' });
    const other = reduce(state, frame({ type: 'message.edited', conversationId: 'c2', payload: { messageId: 'm1', text: 'no' } }));
    expect(other).toBe(state);
  });

  it('keeps a deleted message as a placeholder, also after a reload without it marked', () => {
    let state = loaded(reply('m1'), reply('m2'));
    state = reduce(state, frame({ type: 'message.deleted', conversationId: 'c1',
      payload: { messageId: 'm1', occurredAt: '2026-11-21T12:06:00Z', actor: { id: 'op-me', name: 'Me' } } }));
    expect(state.messages.map((m) => m.deletedAt ?? null)).toEqual(['2026-11-21T12:06:00Z', null]);
    state = reduce(state, { type: 'loaded', conversationId: 'c1', messages: [reply('m1'), reply('m2')] });
    expect(state.messages[0].deletedAt).toBe('2026-11-21T12:06:00Z');
  });

  it('replaces the reactions on message.reactions_changed', () => {
    let state = loaded(reply('m1'));
    state = reduce(state, frame({ type: 'message.reactions_changed', conversationId: 'c1',
      payload: { messageId: 'm1', reactions: [{ emoji: '👍', count: 1, byCustomer: true }] } }));
    expect(state.messages[0].reactions).toEqual([{ emoji: '👍', count: 1, byCustomer: true }]);
  });

  it('a retried FAILED message goes back to PENDING, then to SENT on message.sent', () => {
    let state = loaded(reply('m1', 'FAILED', { failureReason: 'Forbidden: bot was blocked by the user' }));
    state = reduce(state, { type: 'patched', conversationId: 'c1', messageId: 'm1', patch: { status: 'PENDING', failureReason: null } });
    expect(state.messages[0]).toMatchObject({ status: 'PENDING', failureReason: null });
    state = reduce(state, frame({ type: 'message.sent', conversationId: 'c1', payload: { messageId: 'm1', status: 'SENT' } }));
    expect(state.messages[0].status).toBe('SENT');
  });
});

describe('live frames of issue 4', () => {
  it('parses message.edited/deleted/reactions_changed and rejects malformed ones', () => {
    const parse = (value: unknown) => parseServerFrame(JSON.stringify(value));
    expect(parse({ type: 'message.edited', conversationId: 'c1', payload: { messageId: 'm1', text: 'x' } })?.type).toBe('message.edited');
    expect(parse({ type: 'message.edited', conversationId: 'c1', payload: { messageId: 'm1' } })).toBeNull();
    expect(parse({ type: 'message.deleted', conversationId: 'c1', payload: { messageId: 'm1' } })?.type).toBe('message.deleted');
    expect(parse({ type: 'message.deleted', conversationId: 'c1', payload: {} })).toBeNull();
    expect(parse({ type: 'message.reactions_changed', conversationId: 'c1', payload: { messageId: 'm1', reactions: [] } })?.type)
      .toBe('message.reactions_changed');
    expect(parse({ type: 'message.reactions_changed', conversationId: 'c1', payload: { messageId: 'm1' } })).toBeNull();
  });

  it('customer.updated carries botBlockedAt into the conversation (and clears it on unblock)', () => {
    const conversation: Conversation = {
      id: 'c1', status: 'OPEN_ASSIGNED', codename: 'Blue Lion #84C2', customer: { id: 'cu', displayName: 'Maya', username: null },
      lastMessage: null, unreadCount: 0, updatedAt: '2026-11-21T10:00:00Z', createdAt: '2026-11-21T10:00:00Z',
    };
    const blocked = patchConversation(conversation, { type: 'customer.updated', conversationId: 'c1',
      payload: { customer: { id: 'cu', displayName: 'Maya', username: null, botBlockedAt: '2026-11-21T11:00:00Z' } } });
    expect(blocked.customer.botBlockedAt).toBe('2026-11-21T11:00:00Z');
    const unblocked = patchConversation(blocked, { type: 'customer.updated', conversationId: 'c1',
      payload: { customer: { id: 'cu', displayName: 'Maya', username: null, botBlockedAt: null } } });
    expect(unblocked.customer.botBlockedAt).toBeNull();
    // an older server without the field leaves it as it was
    const same = patchConversation(blocked, { type: 'customer.updated', conversationId: 'c1',
      payload: { customer: { id: 'cu', displayName: 'Maya', username: null } } });
    expect(same).toBe(blocked);
  });
});
