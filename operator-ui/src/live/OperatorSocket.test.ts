import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerFrame } from '../api/types';
import { type ConnectionState, OperatorSocket } from './OperatorSocket';

/** The parts of a browser WebSocket that OperatorSocket uses, driven by the test. */
class FakeSocket {
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  sent: string[] = [];
  closed = false;
  constructor(readonly url: string, readonly protocols: string[]) {}
  send(data: string) { this.sent.push(data); }
  close() { this.closed = true; }
  open() { this.onopen?.(); }
  receive(data: string) { this.onmessage?.({ data }); }
  drop() { this.onclose?.(); }
}

describe('OperatorSocket', () => {
  let sockets: FakeSocket[];
  let states: ConnectionState[];
  let frames: ServerFrame[];
  let reconnects: number;
  let tokenCalls: boolean[];

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    states = [];
    frames = [];
    reconnects = 0;
    tokenCalls = [];
  });
  afterEach(() => vi.useRealTimers());

  function start(): OperatorSocket {
    const socket = new OperatorSocket({
      url: 'ws://host/ws/operator',
      accessToken: async (force) => {
        tokenCalls.push(force);
        return `token${tokenCalls.length}`;
      },
      onFrame: (frame) => frames.push(frame),
      onState: (state) => states.push(state),
      onReconnected: () => reconnects++,
      createSocket: (url, protocols) => {
        const fake = new FakeSocket(url, protocols);
        sockets.push(fake);
        return fake as unknown as WebSocket;
      },
      pingIntervalMs: 20_000,
      random: () => 0,
    });
    socket.start();
    return socket;
  }

  it('connects with the token subprotocol, pings every 20 s and forwards event frames', async () => {
    const socket = start();
    await vi.advanceTimersByTimeAsync(0);
    expect(sockets).toHaveLength(1);
    expect(sockets[0].protocols[1]).toBe(encodeURIComponent('quarkus-http-upgrade#Authorization#Bearer token1'));
    sockets[0].open();
    expect(states).toEqual(['connecting', 'live']);
    sockets[0].receive('{"type":"pong"}');
    sockets[0].receive('{"type":"message.sent","conversationId":"c","payload":{"messageId":"m","status":"SENT"}}');
    expect(frames).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(sockets[0].sent).toEqual(['{"type":"ping"}']);
    expect(reconnects).toBe(0);
    socket.stop();
    expect(sockets[0].closed).toBe(true);
    expect(states.at(-1)).toBe('stopped');
  });

  it('sends client frames only while live', async () => {
    const socket = start();
    const typing = { type: 'typing', conversationId: 'c1', active: true } as const;
    expect(socket.send(typing)).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(socket.send(typing)).toBe(false); // created, not yet open
    sockets[0].open();
    expect(socket.send(typing)).toBe(true);
    expect(sockets[0].sent).toEqual(['{"type":"typing","conversationId":"c1","active":true}']);
    sockets[0].drop();
    expect(socket.send({ ...typing, active: false })).toBe(false); // dropped, not queued
    await vi.advanceTimersByTimeAsync(500);
    sockets[1].open();
    expect(sockets[1].sent).toEqual([]);
    socket.stop();
    expect(socket.send(typing)).toBe(false);
  });

  it('reconnects with backoff after a close and reports the reconnect so the caller re-fetches', async () => {
    const socket = start();
    await vi.advanceTimersByTimeAsync(0);
    sockets[0].open();
    sockets[0].drop();
    expect(states.at(-1)).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(499);
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(2);
    // refused before opening (e.g. expired token): the next attempt forces a token refresh, after a longer wait
    sockets[1].drop();
    await vi.advanceTimersByTimeAsync(999);
    expect(sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(3);
    expect(tokenCalls).toEqual([false, false, true]);
    sockets[2].open();
    expect(states.at(-1)).toBe('live');
    expect(reconnects).toBe(1);
    socket.stop();
  });

  it('closes a connection that has been silent for too long', async () => {
    const socket = start();
    await vi.advanceTimersByTimeAsync(0);
    sockets[0].open();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets[0].closed).toBe(true);
    expect(states.at(-1)).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(500);
    expect(sockets).toHaveLength(2);
    socket.stop();
  });

  it('stops when signed out (no token)', async () => {
    const socket = new OperatorSocket({
      url: 'ws://host/ws/operator',
      accessToken: async () => null,
      onFrame: () => {},
      onState: (state) => states.push(state),
      onReconnected: () => {},
      createSocket: () => { throw new Error('must not connect'); },
    });
    socket.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(states).toEqual(['connecting', 'stopped']);
  });
});
