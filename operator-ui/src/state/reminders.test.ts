import { describe, expect, it } from 'vitest';
import type { ConversationStatus, LifecycleFrameType, ServerFrame } from '../api/types';
import { reminderNoticeText } from '../format/labels';
import { parseServerFrame } from '../live/frames';
import {
  type RemindersState,
  initialRemindersState,
  isNewReminder,
  isOperatorReminder,
  reminderMinutes,
  remindedIds,
  remindersOf,
  remindersReducer as reduce,
} from './reminders';

const AT = '2026-11-21T10:20:00Z';

function reminder(conversationId: string, key: string, extra: Record<string, unknown> = {}): ServerFrame {
  const pin = key.endsWith('_pin');
  return {
    type: 'system_message.posted',
    conversationId,
    payload: {
      eventId: `e-${conversationId}-${key}`,
      occurredAt: AT,
      key,
      audience: 'operators',
      message: { id: `m-${conversationId}-${key}`, direction: 'OUTBOUND', text: `⏰ ${key}`, status: 'RECORDED', createdAt: AT, systemKey: key },
      text: `⏰ ${key}`,
      widgetBanner: false,
      telegram: true,
      pin,
      ...extra,
    },
  } as ServerFrame;
}

function lifecycle(type: LifecycleFrameType, conversationId: string, status: ConversationStatus, assigneeId: string | null): ServerFrame {
  return { type, conversationId, payload: { eventId: `l-${type}`, state: { status, assigneeId, codename: 'Blue Lion #84C2' } } };
}

const frame = (state: RemindersState, f: ServerFrame) => reduce(state, { type: 'frame', frame: f, receivedAt: AT });

describe('remindersReducer', () => {
  it('marks the conversation on an operator reminder; a pinned one is kept as the pinned reminder', () => {
    let state = frame(initialRemindersState, reminder('c1', 'unclaimed_reminder_5m'));
    expect(remindersOf(state, 'c1')?.latest).toMatchObject({ key: 'unclaimed_reminder_5m', pin: false, at: AT, messageId: 'm-c1-unclaimed_reminder_5m' });
    expect(remindersOf(state, 'c1')?.pinned).toBeNull();
    state = frame(state, reminder('c1', 'unclaimed_reminder_15m_pin'));
    expect(remindersOf(state, 'c1')?.pinned).toMatchObject({ key: 'unclaimed_reminder_15m_pin', pin: true, text: '⏰ unclaimed_reminder_15m_pin' });
    expect([...remindedIds(state)]).toEqual(['c1']);
    expect(remindersOf(state, 'c2')).toBeNull();
  });

  it('ignores system messages for the customer', () => {
    const welcome = reminder('c1', 'welcome_message', { audience: 'customer', pin: false });
    expect(isOperatorReminder(welcome)).toBe(false);
    expect(frame(initialRemindersState, welcome)).toBe(initialRemindersState);
    // a customer-audience message with a reminder key (should never happen) is not a reminder either
    expect(frame(initialRemindersState, reminder('c1', 'unclaimed_reminder_5m', { audience: 'customer' }))).toBe(initialRemindersState);
  });

  it('takes a reminder key without audience (older server) as an operator reminder', () => {
    const old = reminder('c1', 'unclaimed_reminder_5m', { audience: undefined });
    expect(isOperatorReminder(old)).toBe(true);
    expect(isOperatorReminder(reminder('c1', 'closing_message', { audience: undefined }))).toBe(false);
  });

  it.each([
    ['claimed', lifecycle('conversation.claimed', 'c1', 'OPEN_ASSIGNED', 'op-anna')],
    ['assigned', lifecycle('conversation.assigned', 'c1', 'OPEN_ASSIGNED', 'op-bob')],
    ['closed', lifecycle('conversation.closed', 'c1', 'CLOSED', null)],
    ['blocked', lifecycle('conversation.blocked', 'c1', 'BLOCKED', null)],
    ['answered (reply claims it)', lifecycle('conversation.status_changed', 'c1', 'AWAITING_CUSTOMER', 'op-anna')],
  ])('clears the reminder and the pin when the conversation is %s', (_, change) => {
    let state = frame(initialRemindersState, reminder('c1', 'unclaimed_reminder_15m_pin'));
    state = frame(state, reminder('c2', 'unclaimed_reminder_5m'));
    state = frame(state, change);
    expect(remindersOf(state, 'c1')).toBeNull();
    expect(remindersOf(state, 'c2')).not.toBeNull();
  });

  it('keeps the reminder while the conversation stays unclaimed', () => {
    const state = frame(initialRemindersState, reminder('c1', 'unclaimed_reminder_5m'));
    expect(frame(state, lifecycle('conversation.unassigned', 'c1', 'OPEN_UNCLAIMED', null))).toBe(state);
    expect(frame(state, lifecycle('conversation.claimed', 'c9', 'OPEN_ASSIGNED', 'op-anna'))).toBe(state);
    const message: ServerFrame = {
      type: 'message.received', conversationId: 'c1',
      payload: { customer: { id: 'cu', displayName: 'Maya', username: null }, message: { id: 'x', direction: 'INBOUND', text: 'hello?', status: 'RECEIVED', createdAt: AT } },
    };
    expect(frame(state, message)).toBe(state);
  });

  it('clears on a REST snapshot that is no longer unclaimed (a missed event), and on deletion', () => {
    let state = frame(initialRemindersState, reminder('c1', 'unclaimed_reminder_5m'));
    state = frame(state, reminder('c2', 'unclaimed_reminder_5m'));
    state = frame(state, reminder('c3', 'unclaimed_reminder_5m'));
    state = reduce(state, { type: 'observed', conversations: [
      { id: 'c1', status: 'OPEN_UNCLAIMED', assigneeId: null },
      { id: 'c2', status: 'OPEN_ASSIGNED', assigneeId: 'op-anna' },
    ] });
    expect([...remindedIds(state)].sort()).toEqual(['c1', 'c3']);
    state = frame(state, { type: 'conversation.deleted', conversationId: 'c3', payload: { reason: 'bulk' } });
    state = reduce(state, { type: 'removed', conversationIds: ['c1'] });
    expect(remindedIds(state).size).toBe(0);
  });

  it('a redelivered reminder is not new and changes nothing', () => {
    const first = reminder('c1', 'unclaimed_reminder_5m');
    expect(isNewReminder(initialRemindersState, first)).toBe(true);
    const state = frame(initialRemindersState, first);
    expect(isNewReminder(state, first)).toBe(false);
    expect(frame(state, first)).toBe(state);
    expect(isNewReminder(state, reminder('c1', 'unclaimed_reminder_15m_pin'))).toBe(true);
  });

  it('a reminder after a claim (new unclaimed period) marks the conversation again', () => {
    let state = frame(initialRemindersState, reminder('c1', 'unclaimed_reminder_5m'));
    state = frame(state, lifecycle('conversation.claimed', 'c1', 'OPEN_ASSIGNED', 'op-anna'));
    state = frame(state, lifecycle('conversation.unassigned', 'c1', 'OPEN_UNCLAIMED', null));
    state = frame(state, reminder('c1', 'unclaimed_reminder_5m', { eventId: 'e-second', message: null }));
    expect(remindersOf(state, 'c1')?.latest.eventId).toBe('e-second');
  });

  it('reads reminders from socket text frames (audience passes the frame parser)', () => {
    const parsed = parseServerFrame(JSON.stringify(reminder('c1', 'unclaimed_reminder_15m_pin')));
    expect(parsed && isOperatorReminder(parsed)).toBe(true);
  });
});

describe('reminder texts', () => {
  it('says how long the conversation waited, from the reminder key', () => {
    expect(reminderMinutes('unclaimed_reminder_5m')).toBe(5);
    expect(reminderMinutes('unclaimed_reminder_15m_pin')).toBe(15);
    expect(reminderMinutes('unclaimed_reminder_30m')).toBe(30);
    expect(reminderMinutes('custom_nudge')).toBeNull();
    expect(reminderNoticeText('Blue Lion #84C2', 'unclaimed_reminder_15m_pin')).toBe('Blue Lion #84C2 has waited 15 minutes — unclaimed');
    expect(reminderNoticeText(null, 'custom_nudge')).toBe('A conversation is still waiting — unclaimed');
  });
});
