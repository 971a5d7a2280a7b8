import { describe, expect, it } from 'vitest';
import { conversationStatusLabel, customerLabel, messagePreview, messageStatusLabel, relativeTime } from './labels';
import { newIdempotencyKey } from './ids';

describe('messageStatusLabel', () => {
  it('names each delivery state', () => {
    expect(messageStatusLabel({ status: 'PENDING' })).toBe('Sending…');
    expect(messageStatusLabel({ status: 'SENT' })).toBe('Sent');
    expect(messageStatusLabel({ status: 'RECEIVED' })).toBe('Received');
  });

  it('shows the failure reason, or a fallback when there is none', () => {
    expect(messageStatusLabel({ status: 'FAILED', failureReason: 'Forbidden: bot was blocked by the user' }))
      .toBe('failed: Forbidden: bot was blocked by the user');
    expect(messageStatusLabel({ status: 'FAILED', failureReason: '  ' })).toBe('failed: unknown error');
    expect(messageStatusLabel({ status: 'FAILED' })).toBe('failed: unknown error');
  });
});

describe('conversation labels', () => {
  it('labels statuses and keeps unknown ones', () => {
    expect(conversationStatusLabel('OPEN_UNCLAIMED')).toBe('Unclaimed');
    expect(conversationStatusLabel('AWAITING_CUSTOMER')).toBe('Awaiting customer');
    expect(conversationStatusLabel('SNOOZED')).toBe('SNOOZED');
  });

  it('shows the username when there is one', () => {
    expect(customerLabel({ id: '1', displayName: 'Jane Doe', username: 'jane' })).toBe('Jane Doe (@jane)');
    expect(customerLabel({ id: '1', displayName: 'Jane Doe', username: null })).toBe('Jane Doe');
  });

  it('previews the first 80 characters on one line', () => {
    expect(messagePreview('hello\n\nworld  ')).toBe('hello world');
    expect(messagePreview('x'.repeat(100))).toBe(`${'x'.repeat(79)}…`);
  });
});

describe('relativeTime', () => {
  const now = Date.parse('2026-11-21T12:00:00Z');
  it('shortens recent times', () => {
    expect(relativeTime('2026-11-21T11:59:30Z', now)).toBe('now');
    expect(relativeTime('2026-11-21T12:00:30Z', now)).toBe('now');
    expect(relativeTime('2026-11-21T11:55:00Z', now)).toBe('5m');
    expect(relativeTime('2026-11-21T09:00:00Z', now)).toBe('3h');
    expect(relativeTime('2026-11-19T12:00:00Z', now)).toBe('2d');
    expect(relativeTime('garbage', now)).toBe('');
  });
});

describe('newIdempotencyKey', () => {
  it('builds a v4 UUID without randomUUID (plain http pages)', () => {
    const key = newIdempotencyKey({ getRandomValues: <T extends ArrayBufferView | null>(array: T) => {
      (array as unknown as Uint8Array).fill(0xff);
      return array;
    } });
    expect(key).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(newIdempotencyKey()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('audit and colour helpers', () => {
  it('renders before/after objects on one line, naming operators and statuses', async () => {
    const { auditActionLabel, auditStateText } = await import('./labels');
    const names = (id: string) => (id === 'op1' ? 'Anna' : null);
    expect(auditStateText({ status: 'OPEN_UNCLAIMED', assigneeId: null }, names)).toBe('status: Unclaimed, assignee: —');
    expect(auditStateText({ status: 'OPEN_ASSIGNED', assigneeId: 'op1' }, names)).toBe('status: Assigned, assignee: Anna');
    expect(auditStateText({ assigneeId: 'op9', tag: { name: 'vip' } }, names)).toBe('assignee: op9, tag: {"name":"vip"}');
    expect(auditStateText(null)).toBe('');
    expect(auditActionLabel('conversation.claimed')).toBe('Claimed');
    expect(auditActionLabel('something.new')).toBe('something.new');
  });

  it('picks black or white text for a tag colour', async () => {
    const { readableTextColor, isHexColor } = await import('./colors');
    expect(readableTextColor('#ffeb3b')).toBe('#000000');
    expect(readableTextColor('#1a237e')).toBe('#ffffff');
    expect(readableTextColor('#b71c1c')).toBe('#ffffff');
    expect(readableTextColor('red')).toBe('#000000');
    expect(isHexColor('#A1b2C3')).toBe(true);
    expect(isHexColor('#abc')).toBe(false);
  });
});
