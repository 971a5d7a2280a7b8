import { describe, expect, it } from 'vitest';
import type { Message, ServerFrame } from '../api/types';
import {
  CUSTOMER_TYPING_TIMEOUT_MS,
  type CustomerActivityState,
  customerActivityReducer as reduce,
  customerReadAt,
  initialCustomerActivityState,
  isCustomerTyping,
  isReadByCustomer,
  nextTypingExpiry,
} from './customerActivity';

const typing = (conversationId: string, active: boolean): ServerFrame =>
  ({ type: 'customer.typing', conversationId, payload: { active } });
const read = (conversationId: string, readAt?: string): ServerFrame =>
  ({ type: 'customer.read', conversationId, payload: readAt ? { readAt } : {} });

function frames(state: CustomerActivityState, now: number, ...list: ServerFrame[]): CustomerActivityState {
  return list.reduce((s, frame) => reduce(s, { type: 'frame', frame, now }), state);
}

const t0 = Date.parse('2026-11-21T12:00:00Z');

describe('customer typing', () => {
  it('shows typing until 6 s pass without a new frame; each frame restarts the 6 s', () => {
    let state = frames(initialCustomerActivityState, t0, typing('c1', true));
    expect(isCustomerTyping(state, 'c1')).toBe(true);
    expect(isCustomerTyping(state, 'c2')).toBe(false);
    expect(nextTypingExpiry(state)).toBe(t0 + CUSTOMER_TYPING_TIMEOUT_MS);

    state = frames(state, t0 + 4_000, typing('c1', true)); // still typing: restarts the timeout
    state = reduce(state, { type: 'tick', now: t0 + 6_000 });
    expect(isCustomerTyping(state, 'c1')).toBe(true);
    state = reduce(state, { type: 'tick', now: t0 + 9_999 });
    expect(isCustomerTyping(state, 'c1')).toBe(true);
    state = reduce(state, { type: 'tick', now: t0 + 10_000 });
    expect(isCustomerTyping(state, 'c1')).toBe(false);
    expect(nextTypingExpiry(state)).toBeNull();
  });

  it('expires each conversation on its own and keeps the state object when nothing expired', () => {
    const state = frames(frames(initialCustomerActivityState, t0, typing('c1', true)), t0 + 3_000, typing('c2', true));
    expect(reduce(state, { type: 'tick', now: t0 + 1_000 })).toBe(state);
    const later = reduce(state, { type: 'tick', now: t0 + 7_000 });
    expect(isCustomerTyping(later, 'c1')).toBe(false);
    expect(isCustomerTyping(later, 'c2')).toBe(true);
    expect(nextTypingExpiry(later)).toBe(t0 + 9_000);
  });

  it('hides typing on active:false, on a customer message and on deletion', () => {
    const on = frames(initialCustomerActivityState, t0, typing('c1', true));
    expect(isCustomerTyping(frames(on, t0 + 1, typing('c1', false)), 'c1')).toBe(false);
    const message: Message = { id: 'm1', direction: 'INBOUND', text: 'hi', status: 'RECEIVED', createdAt: '2026-11-21T12:00:01Z' };
    const received: ServerFrame = { type: 'message.received', conversationId: 'c1', payload: { customer: { id: 'cu', displayName: 'V', username: null }, message } };
    expect(isCustomerTyping(frames(on, t0 + 1, received), 'c1')).toBe(false);
    expect(isCustomerTyping(frames(on, t0 + 1, { type: 'conversation.deleted', conversationId: 'c1', payload: {} }), 'c1')).toBe(false);
    // active:false without an indicator changes nothing
    expect(frames(initialCustomerActivityState, t0, typing('c1', false))).toBe(initialCustomerActivityState);
  });
});

describe('customer read receipts', () => {
  const reply = (createdAt: string, extra: Partial<Message> = {}): Message =>
    ({ id: createdAt, direction: 'OUTBOUND', text: 'hello', status: 'SENT', createdAt, operatorName: 'Anna', ...extra });

  it('marks the operator replies up to the read time as read, later ones not', () => {
    const state = frames(initialCustomerActivityState, t0, read('c1', '2026-11-21T12:00:05Z'));
    const readAt = customerReadAt(state, 'c1');
    expect(readAt).toBe(Date.parse('2026-11-21T12:00:05Z'));
    expect(customerReadAt(state, 'c2')).toBeNull();
    expect(isReadByCustomer(reply('2026-11-21T12:00:04Z'), readAt)).toBe(true);
    expect(isReadByCustomer(reply('2026-11-21T12:00:05Z'), readAt)).toBe(true);
    expect(isReadByCustomer(reply('2026-11-21T12:00:06Z'), readAt)).toBe(false);
    expect(isReadByCustomer(reply('2026-11-21T12:00:04Z'), null)).toBe(false);
  });

  it('never marks customer messages, system messages or undelivered replies', () => {
    const readAt = Date.parse('2026-11-21T13:00:00Z');
    expect(isReadByCustomer(reply('2026-11-21T12:00:00Z', { direction: 'INBOUND', status: 'RECEIVED' }), readAt)).toBe(false);
    expect(isReadByCustomer(reply('2026-11-21T12:00:00Z', { systemKey: 'welcome_message' }), readAt)).toBe(false);
    expect(isReadByCustomer(reply('2026-11-21T12:00:00Z', { status: 'PENDING' }), readAt)).toBe(false);
    expect(isReadByCustomer(reply('2026-11-21T12:00:00Z', { status: 'FAILED' }), readAt)).toBe(false);
  });

  it('uses the arrival time without readAt, and only moves forward', () => {
    const state = frames(initialCustomerActivityState, t0, read('c1'));
    expect(customerReadAt(state, 'c1')).toBe(t0);
    const older = frames(state, t0 + 10, read('c1', '2026-11-21T11:00:00Z'));
    expect(older).toBe(state);
    const newer = frames(state, t0 + 10, read('c1', '2026-11-21T12:30:00Z'));
    expect(customerReadAt(newer, 'c1')).toBe(Date.parse('2026-11-21T12:30:00Z'));
    expect(customerReadAt(frames(newer, t0, { type: 'conversation.deleted', conversationId: 'c1', payload: {} }), 'c1')).toBeNull();
  });
});
