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
