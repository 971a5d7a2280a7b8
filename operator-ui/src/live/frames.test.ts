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
