import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bearerSubprotocols, parseFrame, WidgetSocket, widgetSocketUrl, type SocketState } from './socket';
import { FakeSocket, flush } from './testing';

describe('widget socket helpers', () => {
  it('carries the token in the subprotocol pair Quarkus understands', () => {
    expect(bearerSubprotocols('a.b.c')).toEqual(['bearer-token-carrier',
      'quarkus-http-upgrade%23Authorization%23Bearer%20a.b.c']);
  });

  it('derives the socket URL from the gateway origin', () => {
    expect(widgetSocketUrl('https://support.example.com')).toBe('wss://support.example.com/ws/widget');
    expect(widgetSocketUrl('http://127.0.0.1:8080')).toBe('ws://127.0.0.1:8080/ws/widget');
  });

  it('parses frames and ignores junk', () => {
    expect(parseFrame('{"type":"read","payload":{"readAt":"x"}}')).toEqual({ type: 'read', payload: { readAt: 'x' } });
    expect(parseFrame('{"type":"typing"}')).toEqual({ type: 'typing', payload: {} });
    expect(parseFrame('nope')).toBeNull();
    expect(parseFrame('{"payload":{}}')).toBeNull();
    expect(parseFrame(42)).toBeNull();
  });
});

describe('WidgetSocket', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
  });
  afterEach(() => vi.useRealTimers());

  function make() {
    const states: SocketState[] = [];
    const tokenCalls: boolean[] = [];
    const opens: number[] = [];
    const frames: unknown[] = [];
    let n = 0;
    const socket = new WidgetSocket({
      url: 'wss://gw/ws/widget',
      accessToken: async (refresh) => {
        tokenCalls.push(refresh);
        return `t${++n}`;
      },
      onFrame: (f) => frames.push(f),
      onState: (s) => states.push(s),
      onOpen: () => opens.push(Date.now()),
      createSocket: FakeSocket.create,
      random: () => 0,
    });
    return { socket, states, tokenCalls, opens, frames };
  }

  it('connects with the token, reports frames (not pongs), sends only while live', async () => {
    const { socket, states, frames, opens } = make();
    expect(socket.send({ type: 'typing', active: true })).toBe(false);
    socket.start();
    await flush();
    const ws = FakeSocket.last();
    expect(ws.url).toBe('wss://gw/ws/widget');
    expect(ws.protocols[1]).toBe(encodeURIComponent('quarkus-http-upgrade#Authorization#Bearer t1'));
    ws.open();
    expect(states).toEqual(['connecting', 'live']);
    expect(opens).toHaveLength(1);
    ws.receive({ type: 'pong' });
    ws.receive({ type: 'read', payload: { readAt: 'x' } });
    expect(frames).toEqual([{ type: 'read', payload: { readAt: 'x' } }]);
    expect(socket.send({ type: 'read' })).toBe(true);
    expect(ws.sent).toEqual([{ type: 'read' }]);
    await vi.advanceTimersByTimeAsync(25_000);
    expect(ws.sent).toContainEqual({ type: 'ping' });
    socket.stop();
    expect(ws.closedWith).toBe(1000);
  });

  it('reconnects with growing delays and refreshes the session after three failed attempts', async () => {
    const { socket, tokenCalls, states } = make();
    socket.start();
    await flush();
    FakeSocket.last().open();
    FakeSocket.last().drop(1006); // failure 1: retry after 1 s (random 0 → the full ceiling)
    expect(states.at(-1)).toBe('offline');
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeSocket.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.last().drop(); // failure 2: after 2 s
    await vi.advanceTimersByTimeAsync(2_000);
    expect(FakeSocket.all).toHaveLength(3);
    FakeSocket.last().drop(); // failure 3: after 4 s, with a refreshed session
    await vi.advanceTimersByTimeAsync(3_999);
    expect(FakeSocket.all).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.all).toHaveLength(4);
    expect(tokenCalls).toEqual([false, false, false, true]);
    FakeSocket.last().open();
    expect(states.at(-1)).toBe('live');
    FakeSocket.last().drop(); // counting starts again
    await vi.advanceTimersByTimeAsync(1_000);
    expect(FakeSocket.all).toHaveLength(5);
    socket.stop();
  });

  it('reconnects at once when the server closes at token expiry (1008)', async () => {
    const { socket, tokenCalls } = make();
    socket.start();
    await flush();
    FakeSocket.last().open();
    FakeSocket.last().drop(1008);
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.all).toHaveLength(2);
    expect(FakeSocket.last().protocols[1]).toContain('t2');
    expect(tokenCalls).toEqual([false, false]);
    socket.stop();
  });

  it('renews onto a fresh token without a gap: the old socket closes only once the new one is open', async () => {
    const { socket, opens } = make();
    socket.start();
    await flush();
    const old = FakeSocket.last();
    old.open();
    await socket.renew();
    const fresh = FakeSocket.last();
    expect(fresh).not.toBe(old);
    expect(old.closedWith).toBeNull();
    fresh.open();
    expect(old.closedWith).toBe(1000);
    expect(opens).toHaveLength(2);
    expect(socket.send({ type: 'read' })).toBe(true);
    expect(fresh.sent).toEqual([{ type: 'read' }]);
    socket.stop();
  });

  it('retryNow skips the backoff wait', async () => {
    const { socket } = make();
    socket.start();
    await flush();
    FakeSocket.last().drop();
    FakeSocket.last();
    socket.retryNow();
    await flush();
    expect(FakeSocket.all).toHaveLength(2);
    socket.stop();
  });
});
