import { describe, expect, it } from 'vitest';
import type { Message, ServerFrame } from '../api/types';
import { type ThreadState, initialThreadState, threadReducer as reduce } from './thread';

function outbound(id: string, createdAt: string, status: Message['status'] = 'PENDING'): Message {
  return { id, direction: 'OUTBOUND', text: `reply ${id}`, status, createdAt };
}

function open(id = 'c1'): ThreadState {
  return reduce(initialThreadState, { type: 'opened', conversationId: id });
}

describe('threadReducer', () => {
  it('merges the POST answer and the socket echo of the same message into one bubble', () => {
    let state = open();
    state = reduce(state, { type: 'upserted', conversationId: 'c1', message: outbound('m1', '2026-11-21T12:00:00Z') });
    state = reduce(state, {
      type: 'frame',
      frame: { type: 'message.queued', conversationId: 'c1', payload: { operatorId: 'op', message: outbound('m1', '2026-11-21T12:00:00Z') } },
    });
    expect(state.messages).toHaveLength(1);
    expect(state.messages[0].status).toBe('PENDING');
  });

  it('applies sent/failed even when they arrive before the message, and never goes back to PENDING', () => {
    let state = open();
    const sent: ServerFrame = { type: 'message.sent', conversationId: 'c1', payload: { messageId: 'm1', status: 'SENT' } };
    const failed: ServerFrame = { type: 'message.failed', conversationId: 'c1', payload: { messageId: 'm2', status: 'FAILED', reason: 'Forbidden: bot was blocked by the user' } };
    state = reduce(state, { type: 'frame', frame: sent });
    state = reduce(state, { type: 'frame', frame: failed });
    state = reduce(state, { type: 'upserted', conversationId: 'c1', message: outbound('m1', '2026-11-21T12:00:00Z') });
    state = reduce(state, { type: 'upserted', conversationId: 'c1', message: outbound('m2', '2026-11-21T12:00:01Z') });
    expect(state.messages.map((m) => [m.id, m.status, m.failureReason ?? null])).toEqual([
      ['m1', 'SENT', null],
      ['m2', 'FAILED', 'Forbidden: bot was blocked by the user'],
    ]);
    // a stale list answer (still PENDING) does not undo the delivery state
    state = reduce(state, { type: 'loaded', conversationId: 'c1', messages: [outbound('m1', '2026-11-21T12:00:00Z')] });
    expect(state.messages[0].status).toBe('SENT');
    expect(state.orphanStatuses).toEqual({});
  });

  it('keeps messages in time order and keeps live ones that raced the initial load', () => {
    let state = open();
    const live: Message = { id: 'in3', direction: 'INBOUND', text: 'third', status: 'RECEIVED', createdAt: '2026-11-21T12:03:00Z' };
    state = reduce(state, { type: 'frame', frame: { type: 'message.received', conversationId: 'c1', payload: { customer: { id: 'x', displayName: 'X', username: null }, message: live } } });
    state = reduce(state, {
      type: 'loaded', conversationId: 'c1',
      messages: [
        { id: 'in1', direction: 'INBOUND', text: 'first', status: 'RECEIVED', createdAt: '2026-11-21T12:01:00Z' },
        outbound('o2', '2026-11-21T12:02:00Z', 'SENT'),
      ],
    });
    expect(state.loaded).toBe(true);
    expect(state.messages.map((m) => m.id)).toEqual(['in1', 'o2', 'in3']);
  });

  it('ignores events and answers for another conversation', () => {
    const state = open('c1');
    expect(reduce(state, { type: 'upserted', conversationId: 'c2', message: outbound('m1', '2026-11-21T12:00:00Z') })).toBe(state);
    expect(reduce(state, { type: 'frame', frame: { type: 'message.sent', conversationId: 'c2', payload: { messageId: 'm1', status: 'SENT' } } })).toBe(state);
    const other = reduce(state, { type: 'opened', conversationId: 'c2' });
    expect(reduce(other, { type: 'loaded', conversationId: 'c1', messages: [outbound('m1', '2026-11-21T12:00:00Z')] })).toBe(other);
  });
});

describe('threadReducer: system and blocked messages', () => {
  it('appends a posted system message once, keeping its template key', () => {
    let state = open();
    const bubble: Message = { id: 's1', direction: 'OUTBOUND', text: 'Conversation reopened', status: 'RECORDED', createdAt: '2026-11-21T12:00:00Z' };
    const frame: ServerFrame = {
      type: 'system_message.posted', conversationId: 'c1',
      payload: { key: 'conversation_reopened', message: bubble, text: 'Conversation reopened', widgetBanner: false, telegram: false, pin: false },
    };
    state = reduce(state, { type: 'frame', frame });
    state = reduce(state, { type: 'frame', frame });
    expect(state.messages).toEqual([{ ...bubble, systemKey: 'conversation_reopened' }]);
    // a template without a transcript bubble adds nothing
    const bannerOnly: ServerFrame = { type: 'system_message.posted', conversationId: 'c1', payload: { key: 'waiting_for_agent', message: null } };
    expect(reduce(state, { type: 'frame', frame: bannerOnly })).toBe(state);
  });

  it('never keeps a BLOCKED message, from the REST load or from an event', () => {
    let state = open();
    const blocked: Message = { id: 'b1', direction: 'INBOUND', text: 'spam', status: 'BLOCKED', createdAt: '2026-11-21T12:00:00Z' };
    const ok: Message = { id: 'm1', direction: 'INBOUND', text: 'hi', status: 'RECEIVED', createdAt: '2026-11-21T11:00:00Z' };
    state = reduce(state, { type: 'loaded', conversationId: 'c1', messages: [ok, blocked] });
    state = reduce(state, { type: 'frame', frame: { type: 'message.received', conversationId: 'c1', payload: { customer: { id: 'cu', displayName: 'X', username: null }, message: { ...blocked, id: 'b2' } } } });
    expect(state.messages.map((m) => m.id)).toEqual(['m1']);
    expect(state.loaded).toBe(true);
  });
});
