import { describe, expect, it } from 'vitest';
import { bearerSubprotocols, operatorSocketUrl, parseServerFrame } from './frames';

describe('operatorSocketUrl', () => {
  it('matches the page scheme', () => {
    expect(operatorSocketUrl({ protocol: 'http:', host: 'localhost:8080' })).toBe('ws://localhost:8080/ws/operator');
    expect(operatorSocketUrl({ protocol: 'https:', host: 'support.example.com' })).toBe('wss://support.example.com/ws/operator');
  });
});

describe('bearerSubprotocols', () => {
  it('carries the token URL-encoded in the second subprotocol', () => {
    const [carrier, header] = bearerSubprotocols('a.b.c');
    expect(carrier).toBe('bearer-token-carrier');
    expect(header).toBe('quarkus-http-upgrade%23Authorization%23Bearer%20a.b.c');
    expect(decodeURIComponent(header)).toBe('quarkus-http-upgrade#Authorization#Bearer a.b.c');
  });
});

describe('parseServerFrame', () => {
  it('accepts known events', () => {
    const frame = parseServerFrame(JSON.stringify({
      type: 'message.sent',
      conversationId: 'c1',
      payload: { messageId: 'm1', status: 'SENT' },
    }));
    expect(frame).toEqual({ type: 'message.sent', conversationId: 'c1', payload: { messageId: 'm1', status: 'SENT' } });
  });

  it('drops pong, unknown types and malformed frames', () => {
    expect(parseServerFrame('{"type":"pong"}')).toBeNull();
    expect(parseServerFrame('{"type":"conversation.archived","conversationId":"c","payload":{}}')).toBeNull();
    expect(parseServerFrame('not json')).toBeNull();
    expect(parseServerFrame('{"type":"message.received","conversationId":"c","payload":{}}')).toBeNull();
    expect(parseServerFrame('{"type":"message.failed","payload":{"messageId":"m"}}')).toBeNull();
    expect(parseServerFrame(new ArrayBuffer(2))).toBeNull();
  });
});

describe('parseServerFrame: lifecycle and tool events', () => {
  const frame = (type: string, payload: unknown) => JSON.stringify({ type, conversationId: 'c1', payload });

  it('accepts lifecycle events carrying the state after the change', () => {
    for (const type of ['conversation.claimed', 'conversation.assigned', 'conversation.unassigned', 'conversation.closed',
      'conversation.reopened', 'conversation.blocked', 'conversation.unblocked', 'conversation.status_changed']) {
      const parsed = parseServerFrame(frame(type, { state: { status: 'OPEN_ASSIGNED', assigneeId: 'a', codename: 'X' }, actor: null }));
      expect(parsed?.type).toBe(type);
    }
    expect(parseServerFrame(frame('conversation.claimed', {}))).toBeNull();
    expect(parseServerFrame(frame('conversation.closed', { state: { assigneeId: null } }))).toBeNull();
  });

  it('accepts tag, note, system message and deletion events, and drops malformed ones', () => {
    expect(parseServerFrame(frame('conversation.tagged', { tag: { id: 't', name: 'vip', color: '#ff0000' } }))?.type).toBe('conversation.tagged');
    expect(parseServerFrame(frame('conversation.untagged', { tag: {} }))).toBeNull();
    expect(parseServerFrame(frame('note.added', { note: { id: 'n', text: 'x' } }))?.type).toBe('note.added');
    expect(parseServerFrame(frame('note.added', {}))).toBeNull();
    expect(parseServerFrame(frame('system_message.posted', { key: 'welcome_message', message: null }))?.type).toBe('system_message.posted');
    expect(parseServerFrame(frame('system_message.posted', { key: 'welcome_message', message: { id: 'm' } }))?.type).toBe('system_message.posted');
    expect(parseServerFrame(frame('system_message.posted', { key: 'welcome_message', message: { text: 'no id' } }))).toBeNull();
    expect(parseServerFrame(frame('system_message.posted', { message: null }))).toBeNull();
    expect(parseServerFrame(frame('conversation.deleted', { reason: 'bulk' }))?.type).toBe('conversation.deleted');
  });

  it('accepts the widget events: customer.updated, conversation.read, customer.typing, customer.read', () => {
    const customer = { id: 'cu', displayName: 'Visitor 84C2', username: null, nickname: 'Mo' };
    expect(parseServerFrame(frame('customer.updated', { customer }))).toEqual(
      { type: 'customer.updated', conversationId: 'c1', payload: { customer } });
    expect(parseServerFrame(frame('customer.updated', { customer: { displayName: 'x' } }))).toBeNull();
    expect(parseServerFrame(frame('customer.updated', {}))).toBeNull();
    expect(parseServerFrame(frame('conversation.read', { readAt: '2026-11-21T12:00:00Z', actor: { id: 'o', name: 'Anna' } }))?.type)
      .toBe('conversation.read');
    expect(parseServerFrame(frame('customer.typing', { active: true }))).toEqual(
      { type: 'customer.typing', conversationId: 'c1', payload: { active: true } });
    expect(parseServerFrame(frame('customer.typing', { active: 'yes' }))).toBeNull();
    expect(parseServerFrame(frame('customer.typing', {}))).toBeNull();
    expect(parseServerFrame(frame('customer.read', { readAt: '2026-11-21T12:00:00Z' }))?.payload)
      .toEqual({ readAt: '2026-11-21T12:00:00Z' });
    expect(parseServerFrame('{"type":"customer.read","conversationId":"c1"}'))
      .toEqual({ type: 'customer.read', conversationId: 'c1', payload: {} });
    expect(parseServerFrame('{"type":"customer.typing","payload":{"active":true}}')).toBeNull();
  });
});
