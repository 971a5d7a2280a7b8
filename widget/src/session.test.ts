import { beforeEach, describe, expect, it, vi } from 'vitest';
import { WidgetApi } from './api';
import { ApiError } from './http';
import { jwtExpiry, needsRefresh, refreshDelay, refreshMargin, SessionManager, sessionFrom } from './session';
import { fakeFetch, json, memoryStore } from './testing';
import type { StoredSession } from './types';

const ORIGIN = 'https://support.example.com';
const KEY = `switchboard-widget:${ORIGIN}:session`;
const MIN = 60_000;

function session(over: Partial<StoredSession> = {}): StoredSession {
  return { conversationId: 'conv-1', token: 'tok-1', refreshToken: 'ref-1', expiresAt: 15 * MIN, lifetimeMs: 15 * MIN,
    codename: 'Blue Lion', ...over };
}

describe('refresh timing', () => {
  it('refreshes a 15-minute token between 90 s and 60 s before it expires', () => {
    const s = session();
    expect(refreshMargin(s.lifetimeMs)).toBe(MIN);
    expect(refreshDelay(s, 0, () => 0)).toBe(14 * MIN);
    expect(refreshDelay(s, 0, () => 1)).toBe(13.5 * MIN);
    expect(needsRefresh(s, 14 * MIN - 1)).toBe(false);
    expect(needsRefresh(s, 14 * MIN)).toBe(true);
  });

  it('uses a fifth of short lifetimes, at least 5 s, and never a negative delay', () => {
    expect(refreshMargin(60_000)).toBe(12_000);
    expect(refreshMargin(10_000)).toBe(5_000);
    expect(refreshDelay(session(), 20 * MIN, () => 0)).toBe(0);
  });

  it('reads expiresIn (seconds), else the JWT exp', () => {
    expect(sessionFrom({ token: 't', refreshToken: 'r', expiresIn: 900 }, 'c', null, 1000))
      .toMatchObject({ expiresAt: 901_000, lifetimeMs: 900_000 });
    const payload = btoa(JSON.stringify({ exp: 2000 })).replace(/=+$/, '');
    const jwt = `h.${payload}.s`;
    expect(jwtExpiry(jwt)).toBe(2_000_000);
    expect(sessionFrom({ token: jwt, refreshToken: 'r' }, 'c', null, 1_000_000)).toMatchObject({
      expiresAt: 2_000_000, lifetimeMs: 1_000_000 });
    expect(jwtExpiry('garbage')).toBeNull();
  });
});

describe('SessionManager', () => {
  let now = 0;
  beforeEach(() => {
    now = 0;
    vi.useRealTimers();
  });

  function manager(store = memoryStore({ [KEY]: JSON.stringify(session()) }), route = fakeFetch(() => json(200, {
    token: 'tok-2', refreshToken: 'ref-2', expiresIn: 900 }))) {
    const m = new SessionManager({ origin: ORIGIN, store, fetch: route, now: () => now, random: () => 0 });
    return { m, store, route };
  }

  it('gives the current token while it is fresh, without asking the server', async () => {
    const { m, route } = manager();
    expect(await m.accessToken()).toBe('tok-1');
    expect(route.calls).toHaveLength(0);
    m.dispose();
  });

  it('refreshes near expiry with the refresh token, stores the rotated pair', async () => {
    const { m, route, store } = manager();
    now = 14.5 * MIN;
    expect(await m.accessToken()).toBe('tok-2');
    expect(route.calls).toEqual([{ method: 'POST', path: '/api/widget/token', body: { refreshToken: 'ref-1' },
      auth: null }]);
    expect(JSON.parse(store.get(KEY)!)).toMatchObject({ conversationId: 'conv-1', token: 'tok-2',
      refreshToken: 'ref-2', expiresAt: 14.5 * MIN + 15 * MIN });
    m.dispose();
  });

  it('refreshes once for concurrent callers', async () => {
    const { m, route } = manager();
    now = 14.5 * MIN;
    const tokens = await Promise.all([m.accessToken(), m.accessToken(), m.refresh()]);
    expect(tokens).toEqual(['tok-2', 'tok-2', 'tok-2']);
    expect(route.calls).toHaveLength(1);
    m.dispose();
  });

  it('refreshes a token the server rejected even when it looks fresh', async () => {
    const { m, route } = manager();
    expect(await m.accessToken('tok-1')).toBe('tok-2');
    expect(route.calls).toHaveLength(1);
    expect(await m.accessToken('tok-1')).toBe('tok-2');
    expect(route.calls).toHaveLength(1);
    m.dispose();
  });

  it('adopts tokens another tab already rotated instead of reusing the old refresh token', async () => {
    const { m, route, store } = manager();
    store.set(KEY, JSON.stringify(session({ token: 'tok-other', refreshToken: 'ref-other', expiresAt: 30 * MIN })));
    now = 14.5 * MIN;
    expect(await m.accessToken()).toBe('tok-other');
    expect(route.calls).toHaveLength(0);
    m.dispose();
  });

  it('drops the session when the refresh is refused (revoked chain), and says so', async () => {
    const { m, store } = manager(undefined, fakeFetch(() => json(401, { title: 'Unauthorized' })));
    const events: string[] = [];
    m.onEvent((e) => events.push(e));
    now = 20 * MIN;
    expect(await m.accessToken()).toBeNull();
    expect(m.current).toBeNull();
    expect(store.get(KEY)).toBeNull();
    expect(events).toEqual(['lost']);
  });

  it('keeps the session when the gateway is down and throws so the caller retries', async () => {
    const { m } = manager(undefined, fakeFetch(() => json(503, { title: 'Unavailable' })));
    now = 20 * MIN;
    await expect(m.accessToken()).rejects.toBeInstanceOf(ApiError);
    expect(m.current?.token).toBe('tok-1');
    m.dispose();
  });

  it('refreshes by itself shortly before expiry', async () => {
    vi.useFakeTimers();
    const { m, route } = manager();
    await vi.advanceTimersByTimeAsync(14 * MIN - 1);
    expect(route.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(route.calls).toHaveLength(1);
    expect(m.current?.token).toBe('tok-2');
    m.dispose();
    vi.useRealTimers();
  });
});

describe('WidgetApi', () => {
  it('retries a request once with a refreshed token after a 401', async () => {
    const store = memoryStore({ [KEY]: JSON.stringify(session({ expiresAt: Date.now() + 15 * MIN })) });
    let first = true;
    const route = fakeFetch((call) => {
      if (call.path === '/api/widget/token') return json(200, { token: 'tok-2', refreshToken: 'ref-2', expiresIn: 900 });
      if (call.path.startsWith('/api/widget/conversations/conv-1/messages')) {
        if (first) {
          first = false;
          return json(401, { title: 'Unauthorized' });
        }
        return json(200, { items: [{ id: 'a', direction: 'OUTBOUND', kind: 'operator', text: 'x',
          createdAt: '2025-01-01T00:00:00Z' }], nextCursor: null });
      }
      return undefined;
    });
    const sessions = new SessionManager({ origin: ORIGIN, store, fetch: route });
    const api = new WidgetApi(ORIGIN, sessions, route);
    const history = await api.history();
    expect(history.items.map((m) => m.id)).toEqual(['a']);
    expect(history.resume).toBeNull();
    expect(route.calls.map((c) => `${c.method} ${c.path} ${c.auth}`)).toEqual([
      'GET /api/widget/conversations/conv-1/messages?limit=100 Bearer tok-1',
      'POST /api/widget/token null',
      'GET /api/widget/conversations/conv-1/messages?limit=100 Bearer tok-2',
    ]);
    sessions.dispose();
  });

  it('reads every history page and reports 429 with its Retry-After', async () => {
    const store = memoryStore({ [KEY]: JSON.stringify(session({ expiresAt: Date.now() + 15 * MIN })) });
    const route = fakeFetch((call) => {
      if (call.path === '/api/widget/conversations/conv-1/messages?limit=100') {
        return json(200, { items: [{ id: '1', direction: 'INBOUND', text: 'a', createdAt: 'x' }], nextCursor: 'n/2' });
      }
      if (call.path === '/api/widget/conversations/conv-1/messages?limit=100&cursor=n%2F2') {
        return json(200, { items: [{ id: '2', direction: 'INBOUND', text: 'b', createdAt: 'y' }], nextCursor: null });
      }
      if (call.method === 'POST') return json(429, { title: 'Too Many Requests' }, { 'Retry-After': '17' });
      return undefined;
    });
    const sessions = new SessionManager({ origin: ORIGIN, store, fetch: route });
    const api = new WidgetApi(ORIGIN, sessions, route);
    const history = await api.history();
    expect(history.items.map((m) => m.id)).toEqual(['1', '2']);
    expect(history.resume).toBe('n/2'); // the cursor of the last page: an incremental read starts there
    const error = await api.postMessage('hi', 'cid-00000001').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, retryAfter: 17 });
    expect(route.calls.at(-1)).toMatchObject({ body: { text: 'hi', clientMessageId: 'cid-00000001' } });
    sessions.dispose();
  });

  it('reads the history incrementally from the last page on, following nextCursor', async () => {
    const store = memoryStore({ [KEY]: JSON.stringify(session({ expiresAt: Date.now() + 15 * MIN })) });
    // keyset pages of two, oldest first; the cursor names the last row of the page before
    const rows = ['1', '2', '3', '4', '5'].map((id) => ({ id, direction: 'INBOUND', text: id, createdAt: `t${id}` }));
    const route = fakeFetch((call) => {
      const url = new URL(call.path, ORIGIN);
      if (!url.pathname.endsWith('/messages')) return undefined;
      const after = url.searchParams.get('cursor');
      const start = after ? rows.findIndex((r) => `after-${r.id}` === after) + 1 : 0;
      const page = rows.slice(start, start + 2);
      const more = start + 2 < rows.length;
      return json(200, { items: page, nextCursor: more ? `after-${page[1].id}` : null });
    });
    const sessions = new SessionManager({ origin: ORIGIN, store, fetch: route });
    const api = new WidgetApi(ORIGIN, sessions, route);
    rows.splice(3); // three messages so far
    const first = await api.history();
    expect(first.items.map((m) => m.id)).toEqual(['1', '2', '3']);
    expect(first.resume).toBe('after-2');
    expect(first.resumeAt).toBe('t2'); // the createdAt of the cursor's row: the next read covers what follows it

    route.calls.length = 0;
    const nothingNew = await api.history(first.resume, first.resumeAt);
    expect(nothingNew.items.map((m) => m.id)).toEqual(['3']); // just the last page again
    expect(nothingNew.resume).toBe('after-2');
    expect(nothingNew.resumeAt).toBe('t2');
    expect(route.calls.map((c) => c.path)).toEqual(['/api/widget/conversations/conv-1/messages?limit=100&cursor=after-2']);

    rows.push(...['4', '5', '6'].map((id) => ({ id, direction: 'INBOUND', text: id, createdAt: `t${id}` })));
    route.calls.length = 0;
    const newer = await api.history(nothingNew.resume);
    expect(newer.items.map((m) => m.id)).toEqual(['3', '4', '5', '6']);
    expect(newer.resume).toBe('after-4');
    expect(newer.resumeAt).toBe('t4');
    expect(route.calls.map((c) => c.path)).toEqual([
      '/api/widget/conversations/conv-1/messages?limit=100&cursor=after-2',
      '/api/widget/conversations/conv-1/messages?limit=100&cursor=after-4',
    ]);
    sessions.dispose();
  });
});
