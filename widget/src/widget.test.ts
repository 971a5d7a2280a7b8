// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Locale } from './i18n';
import { fakeFetch, FakeSocket, json, memoryStore, type Call, type Route } from './testing';
import { Widget } from './widget';

const ORIGIN = 'https://support.example.com';
const SESSION_KEY = `switchboard-widget:${ORIGIN}:session`;
const STATE_KEY = `switchboard-widget:${ORIGIN}:state`;

/** Lets fetch answers, promise chains and zero-delay work run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

interface Server {
  route: Route;
  /** The history (of whichever conversation is asked for). */
  messages: Record<string, unknown>[];
  /** Fields of the conversation view besides the defaults. */
  info: Record<string, unknown>;
  /** History page size (keyset pages, `nextCursor` = `after-<id of the page's last row>`). */
  pageSize: number;
  messageAnswer: () => Response;
  createAnswer: () => Response;
}

function server(): Server {
  const view = (id: string, extra: Record<string, unknown> = {}) => ({ conversationId: id, codename: 'Blue Lion #84C2',
    status: 'OPEN_UNCLAIMED', nickname: null, locale: 'en', operatorName: null, lastReadByOperatorAt: null,
    ...s.info, ...extra });
  const s: Server = {
    messages: [],
    info: {},
    pageSize: 100,
    messageAnswer: () => json(202, { clientMessageId: 'x', acceptedAt: new Date().toISOString() }),
    createAnswer: () => json(201, { conversationId: 'conv-1', token: 'tok-1', refreshToken: 'ref-1',
      codename: 'Blue Lion #84C2', expiresIn: 900 }),
    route: (call: Call) => {
      if (call.method === 'POST' && call.path === '/api/widget/conversations') return s.createAnswer();
      const match = /^\/api\/widget\/conversations\/([^/?]+)(\/messages)?(?:\?(.*))?$/.exec(call.path);
      if (!match) return undefined;
      const [, id, messages, query] = match;
      if (call.method === 'GET' && !messages) return json(200, view(id));
      if (call.method === 'GET' && messages) {
        const after = new URLSearchParams(query ?? '').get('cursor');
        const start = after ? s.messages.findIndex((m) => `after-${m.id}` === after) + 1 : 0;
        const items = s.messages.slice(start, start + s.pageSize);
        const more = start + s.pageSize < s.messages.length;
        return json(200, { items, nextCursor: more ? `after-${items[items.length - 1].id}` : null });
      }
      if (call.method === 'POST' && messages) return s.messageAnswer();
      if (call.method === 'PATCH' && !messages) {
        return json(200, view(id, { nickname: (call.body as { nickname: string }).nickname }));
      }
      return undefined;
    },
  };
  return s;
}

function mount(srv: Server, options: { locale?: Locale; store?: ReturnType<typeof memoryStore>;
  tabStore?: ReturnType<typeof memoryStore>; position?: 'left' | 'right' } = {}) {
  const fetch = fakeFetch(srv.route);
  const store = options.store ?? memoryStore();
  const tabStore = options.tabStore ?? memoryStore();
  const widget = new Widget({ origin: ORIGIN, position: options.position ?? 'right', locale: options.locale ?? 'en' },
    { window, document, fetch, store, tabStore, createSocket: FakeSocket.create, locks: null });
  widget.mount();
  const host = document.getElementById('switchboard-widget') as HTMLElement;
  const shadow = host.shadowRoot as ShadowRoot;
  const q = <T extends HTMLElement = HTMLElement>(id: string) =>
    shadow.querySelector(`[data-testid="${id}"]`) as T;
  const all = (id: string) => Array.from(shadow.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
  const visible = (el: HTMLElement | null) => !!el && !el.hidden && !el.closest('[hidden]');
  return { widget, fetch, store, tabStore, host, shadow, q, all, visible };
}

function key(el: HTMLElement, k: string, shiftKey = false) {
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, shiftKey, bubbles: true, composed: true, cancelable: true }));
}

function type(input: HTMLTextAreaElement, text: string) {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

const FAKE_TIMERS: Parameters<typeof vi.useFakeTimers>[0] =
  { toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] };

/** A localStorage holding a live session of `conversationId`. */
function sessionStore(conversationId = 'conv-1', extra: Record<string, string> = {}) {
  return memoryStore({ [SESSION_KEY]: JSON.stringify({ conversationId, token: 'tok-1', refreshToken: 'ref-1',
    expiresAt: Date.now() + 900_000, lifetimeMs: 900_000, codename: null }), ...extra });
}

/** What another tab does to the shared session: changes localStorage, and this tab gets a `storage` event. */
function otherTab(store: ReturnType<typeof memoryStore>, conversationId: string | null) {
  if (conversationId) {
    store.set(SESSION_KEY, JSON.stringify({ conversationId, token: 'tok-9', refreshToken: 'ref-9',
      expiresAt: Date.now() + 900_000, lifetimeMs: 900_000, codename: null }));
  } else {
    store.remove(SESSION_KEY);
  }
  window.dispatchEvent(new StorageEvent('storage', { key: SESSION_KEY }));
}

const customerMessage = (id: string, clientMessageId: string, text: string, createdAt = '2030-01-01T10:00:00Z') => ({
  id, clientMessageId, direction: 'INBOUND', kind: 'customer', authorName: null, text, createdAt, systemKey: null });

const operatorMessage = (id: string, text: string, createdAt = '2030-01-01T10:01:00Z') => ({
  id, clientMessageId: null, direction: 'OUTBOUND', kind: 'operator', authorName: 'Anna', text, createdAt,
  systemKey: null });

describe('widget (jsdom)', () => {
  let mounted: ReturnType<typeof mount> | null = null;

  beforeEach(() => {
    FakeSocket.all = [];
    document.body.replaceChildren();
  });

  afterEach(() => {
    mounted?.widget.destroy();
    mounted = null;
    vi.useRealTimers();
  });

  it('renders a launcher and a closed dialog in an open shadow root, with labels', () => {
    const w = (mounted = mount(server()));
    expect(w.host.shadowRoot).not.toBeNull();
    const launcher = w.q('sb-launcher');
    expect(launcher.tagName).toBe('BUTTON');
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    expect(launcher.getAttribute('aria-label')).toBe('Open chat');
    const panel = w.q('sb-panel');
    expect(panel.getAttribute('role')).toBe('dialog');
    expect(panel.hidden).toBe(true);
    for (const id of ['sb-input', 'sb-send', 'sb-typing', 'sb-status', 'sb-offline', 'sb-notice', 'sb-nickname',
      'sb-unread']) {
      expect(w.q(id), id).not.toBeNull();
    }
    expect(w.q('sb-input').getAttribute('aria-label')).toBe('Message');
    expect(w.shadow.querySelector('[aria-live="polite"]')).not.toBeNull();
    // styles: constructable stylesheet where possible, else a <style> inside the shadow root (jsdom)
    const styled = (w.shadow.adoptedStyleSheets?.length ?? 0) > 0 || !!w.shadow.querySelector('style');
    expect(styled).toBe(true);
    expect(w.shadow.querySelector('.root')?.getAttribute('data-position')).toBe('right');
  });

  it('opens with the launcher, traps focus, closes on Escape and remembers the state', () => {
    const w = (mounted = mount(server()));
    w.q('sb-launcher').click();
    expect(w.visible(w.q('sb-panel'))).toBe(true);
    expect(w.q('sb-launcher').getAttribute('aria-expanded')).toBe('true');
    expect(w.shadow.activeElement).toBe(w.q('sb-input'));
    expect(JSON.parse(w.store.get(STATE_KEY)!).open).toBe(true);

    w.q('sb-send').focus();
    key(w.q('sb-send'), 'Tab');
    expect(w.shadow.activeElement?.getAttribute('data-testid')).toBe('sb-menu-button');
    key(w.shadow.activeElement as HTMLElement, 'Tab', true);
    expect(w.shadow.activeElement).toBe(w.q('sb-send'));

    key(w.q('sb-input'), 'Escape');
    expect(w.q('sb-panel').hidden).toBe(true);
    expect(w.shadow.activeElement).toBe(w.q('sb-launcher'));
    expect(JSON.parse(w.store.get(STATE_KEY)!).open).toBe(false);
  });

  it('starts the conversation on the first message, echoes it as pending and confirms it once', async () => {
    const srv = server();
    const w = (mounted = mount(srv));
    w.q('sb-launcher').click();
    const input = w.q<HTMLTextAreaElement>('sb-input');
    type(input, 'first line');
    key(input, 'Enter', true); // Shift+Enter: a new line, not a send
    expect(w.all('sb-message')).toHaveLength(0);
    type(input, 'Hello there');
    key(input, 'Enter');
    const echo = w.all('sb-message');
    expect(echo).toHaveLength(1);
    expect(echo[0].dataset).toMatchObject({ direction: 'INBOUND', status: 'pending' });
    const clientId = echo[0].dataset.clientId!;
    expect(clientId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(input.value).toBe('');

    await settle();
    const posts = w.fetch.calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => c.path)).toEqual(['/api/widget/conversations', '/api/widget/conversations/conv-1/messages']);
    expect(posts[0].body).toEqual({ locale: 'en' });
    expect(posts[0].auth).toBeNull();
    expect(posts[1]).toMatchObject({ auth: 'Bearer tok-1', body: { text: 'Hello there', clientMessageId: clientId } });
    expect(JSON.parse(w.store.get(SESSION_KEY)!)).toMatchObject({ conversationId: 'conv-1', refreshToken: 'ref-1' });
    expect(w.all('sb-message')[0].dataset.status).toBe('accepted');

    const socket = FakeSocket.last();
    expect(socket.url).toBe('wss://support.example.com/ws/widget');
    expect(socket.protocols).toEqual(['bearer-token-carrier',
      encodeURIComponent('quarkus-http-upgrade#Authorization#Bearer tok-1')]);
    socket.open();
    const confirmed = { id: 'srv-1', clientMessageId: clientId, direction: 'INBOUND', kind: 'customer',
      authorName: null, text: 'Hello there', createdAt: '2030-01-01T10:00:00Z', systemKey: null };
    socket.receive({ type: 'message', payload: confirmed });
    srv.messages.push(confirmed);
    await settle();
    const after = w.all('sb-message');
    expect(after).toHaveLength(1);
    expect(after[0]).toBe(echo[0]);
    expect(after[0].dataset).toMatchObject({ status: 'sent', id: 'srv-1', clientId });
    expect(after[0].querySelector('time')?.getAttribute('datetime')).toBe('2030-01-01T10:00:00Z');
  });

  it('shows operator replies, the unread badge, typing, banners, the joined note, read receipts and the close', async () => {
    const srv = server();
    const store = memoryStore({ [SESSION_KEY]: JSON.stringify({ conversationId: 'conv-1', token: 'tok-1',
      refreshToken: 'ref-1', expiresAt: Date.now() + 900_000, lifetimeMs: 900_000, codename: null }) });
    srv.messages.push({ id: 'c1', clientMessageId: 'cid-00000001', direction: 'INBOUND', kind: 'customer',
      authorName: null, text: 'Where is my order?', createdAt: '2030-01-01T10:00:00Z', systemKey: null });
    const w = (mounted = mount(srv, { store }));
    await settle();
    const socket = FakeSocket.last();
    socket.open();
    await settle();
    expect(w.all('sb-message')).toHaveLength(1);

    socket.receive({ type: 'operator.joined', payload: { name: 'Anna' } });
    expect(w.q('sb-note').textContent).toBe('Anna joined the conversation');
    socket.receive({ type: 'typing', payload: { name: 'Anna', active: true } });
    expect(w.q('sb-typing').hidden).toBe(false);
    expect(w.q('sb-typing').textContent).toBe('Anna is typing…');

    socket.receive({ type: 'message', payload: operatorMessage('o1', 'It ships today: https://acme.test/track.') });
    expect(w.q('sb-typing').hidden).toBe(true);
    const reply = w.all('sb-message')[1];
    expect(reply.dataset.direction).toBe('OUTBOUND');
    expect(reply.querySelector('[data-testid="sb-author"]')?.textContent).toBe('Anna replied');
    const link = reply.querySelector('a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('https://acme.test/track');
    expect(link.rel).toContain('noopener');
    expect(w.q('sb-unread').textContent).toBe('1');
    expect(w.visible(w.q('sb-unread'))).toBe(true);
    expect(w.q('sb-launcher').getAttribute('aria-label')).toBe('Open chat (1 unread)');

    socket.receive({ type: 'read', payload: { readAt: '2030-01-01T10:00:30Z' } });
    const read = w.all('sb-message')[0].querySelector('[data-testid="sb-read"]');
    expect(read?.textContent).toContain('Read');

    socket.receive({ type: 'banner', payload: { key: 'outage', text: 'Replies may be slow today.' } });
    expect(w.q('sb-banner').textContent).toContain('Replies may be slow today.');

    w.q('sb-launcher').click();
    expect(w.q('sb-unread').hidden).toBe(true);
    expect(socket.sent).toContainEqual({ type: 'read' });

    socket.receive({ type: 'conversation.status', payload: { status: 'CLOSED' } });
    expect(w.visible(w.q('sb-status'))).toBe(true);
    expect(w.q('sb-status').textContent).toContain('Write a message to start again');
    // writing again reopens: the note goes once the message is accepted
    const input = w.q<HTMLTextAreaElement>('sb-input');
    type(input, 'One more thing');
    key(input, 'Enter');
    await settle();
    expect(w.q('sb-status').hidden).toBe(true);
  });

  it('sends typing (throttled, then false after 3 s idle) and keeps the draft', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const srv = server();
    const store = memoryStore({ [SESSION_KEY]: JSON.stringify({ conversationId: 'conv-1', token: 'tok-1',
      refreshToken: 'ref-1', expiresAt: Date.now() + 900_000, lifetimeMs: 900_000, codename: null }) });
    const w = (mounted = mount(srv, { store }));
    await settle();
    const socket = FakeSocket.last();
    socket.open();
    const input = w.q<HTMLTextAreaElement>('sb-input');
    type(input, 'H');
    type(input, 'He');
    await vi.advanceTimersByTimeAsync(1000);
    type(input, 'Hel');
    const typing = () => socket.sent.filter((f) => (f as { type: string }).type === 'typing');
    expect(typing()).toEqual([{ type: 'typing', active: true }]);
    await vi.advanceTimersByTimeAsync(2999);
    expect(typing()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(typing()).toEqual([{ type: 'typing', active: true }, { type: 'typing', active: false }]);
    expect(JSON.parse(store.get(STATE_KEY)!).draft).toBe('Hel');
  });

  it('says so politely on 429 and sends the message after the wait', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const srv = server();
    let limited = true;
    srv.messageAnswer = () => (limited
      ? json(429, { title: 'Too Many Requests' }, { 'Retry-After': '17' })
      : json(202, { acceptedAt: 'now' }));
    const w = (mounted = mount(srv));
    const input = w.q<HTMLTextAreaElement>('sb-input');
    type(input, 'spam?');
    key(input, 'Enter');
    await settle();
    expect(w.q('sb-notice').hidden).toBe(false);
    expect(w.q('sb-notice').textContent).toContain('17');
    expect(w.all('sb-message')[0].dataset.status).toBe('pending');
    limited = false;
    await vi.advanceTimersByTimeAsync(16_000);
    await settle();
    expect(w.all('sb-message')[0].dataset.status).toBe('pending');
    await vi.advanceTimersByTimeAsync(1_000);
    await settle();
    expect(w.all('sb-message')[0].dataset.status).toBe('accepted');
    expect(w.fetch.calls.filter((c) => c.path.endsWith('/messages') && c.method === 'POST')).toHaveLength(2);
  });

  it('keeps a message pending with a retry while the gateway answers 503, and sends it later', async () => {
    const srv = server();
    let down = true;
    srv.messageAnswer = () => (down ? json(503, { title: 'Service Unavailable' }) : json(202, {}));
    const w = (mounted = mount(srv));
    const input = w.q<HTMLTextAreaElement>('sb-input');
    type(input, 'are you there?');
    key(input, 'Enter');
    await settle();
    const message = w.all('sb-message')[0];
    expect(message.dataset.status).toBe('pending');
    expect(w.q('sb-notice').textContent).toContain('will be sent');
    const retry = message.querySelector('[data-testid="sb-retry"]') as HTMLButtonElement;
    expect(retry).not.toBeNull();
    down = false;
    retry.click();
    await settle();
    expect(w.all('sb-message')[0].dataset.status).toBe('accepted');
    expect(w.q('sb-notice').hidden).toBe(true);
    const posts = w.fetch.calls.filter((c) => c.path.endsWith('/messages') && c.method === 'POST');
    expect(posts).toHaveLength(2);
    expect((posts[0].body as { clientMessageId: string }).clientMessageId)
      .toBe((posts[1].body as { clientMessageId: string }).clientMessageId);
  });

  it('restores the history and unsent messages after a reload, without duplicates', async () => {
    const srv = server();
    const store = memoryStore();
    const tabStore = memoryStore();
    srv.messageAnswer = () => json(503, {});
    const first = mount(srv, { store, tabStore });
    const input = first.q<HTMLTextAreaElement>('sb-input');
    type(input, 'kept across reload');
    key(input, 'Enter');
    await settle();
    type(input, 'half-written');
    await new Promise((r) => setTimeout(r, 350));
    const clientId = first.all('sb-message')[0].dataset.clientId!;
    first.widget.destroy();
    document.body.replaceChildren();
    FakeSocket.all = [];

    // meanwhile the first attempt did reach the server after all, and an operator answered
    srv.messages.push({ id: 's1', clientMessageId: clientId, direction: 'INBOUND', kind: 'customer', authorName: null,
      text: 'kept across reload', createdAt: '2030-01-01T10:00:00Z', systemKey: null });
    srv.messages.push(operatorMessage('o1', 'Yes, we are here'));
    srv.messageAnswer = () => json(202, {});
    const w = (mounted = mount(srv, { store, tabStore }));
    expect(w.q<HTMLTextAreaElement>('sb-input').value).toBe('half-written');
    await settle();
    const items = w.all('sb-message');
    expect(items.map((el) => el.dataset.status)).toEqual(['sent', 'sent']);
    expect(items[0].dataset.clientId).toBe(clientId);
    expect(items[1].textContent).toContain('Yes, we are here');
    expect(w.q('sb-unread').textContent).toBe('1');
  });

  it('validates the optional nickname before starting, and sends it along', async () => {
    const srv = server();
    const w = (mounted = mount(srv));
    w.q('sb-launcher').click();
    const nick = w.q<HTMLInputElement>('sb-nickname');
    expect(w.visible(nick)).toBe(true);
    nick.value = 'see www.spam.example';
    nick.dispatchEvent(new Event('input'));
    const input = w.q<HTMLTextAreaElement>('sb-input');
    type(input, 'hi');
    key(input, 'Enter');
    expect(w.all('sb-message')).toHaveLength(0);
    expect(w.shadow.querySelector('.err')?.textContent).toBe('A name cannot contain links.');
    expect(w.shadow.activeElement).toBe(nick);
    nick.value = '  Maria ';
    nick.dispatchEvent(new Event('input'));
    key(input, 'Enter');
    await settle();
    expect(w.fetch.calls[0].body).toEqual({ locale: 'en', nickname: 'Maria' });
    expect(w.visible(nick)).toBe(false);

    // later: change it through the menu (PATCH)
    (w.q('sb-change-name') as HTMLButtonElement).click();
    expect(w.visible(nick)).toBe(true);
    nick.value = 'Maria K';
    (w.q('sb-nickname-save') as HTMLButtonElement).click();
    await settle();
    expect(w.fetch.calls.at(-1)).toMatchObject({ method: 'PATCH', body: { nickname: 'Maria K' } });
    expect(w.visible(nick)).toBe(false);
  });

  it('shows the offline banner while the socket is down and reconnects', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const srv = server();
    const store = memoryStore({ [SESSION_KEY]: JSON.stringify({ conversationId: 'conv-1', token: 'tok-1',
      refreshToken: 'ref-1', expiresAt: Date.now() + 900_000, lifetimeMs: 900_000, codename: null }) });
    const w = (mounted = mount(srv, { store }));
    await settle();
    FakeSocket.last().open();
    expect(w.q('sb-offline').hidden).toBe(true);
    FakeSocket.last().drop();
    await vi.advanceTimersByTimeAsync(999);
    expect(w.q('sb-offline').hidden).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.all).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(w.q('sb-offline').hidden).toBe(false);
    const historyCalls = () => w.fetch.calls.filter((c) => c.path.includes('/messages?')).length;
    const before = historyCalls();
    FakeSocket.last().open();
    await settle();
    expect(w.q('sb-offline').hidden).toBe(true);
    expect(historyCalls()).toBe(before + 1);
  });

  it('speaks Persian right to left and Russian left to right', () => {
    const w = (mounted = mount(server(), { locale: 'fa', position: 'left' }));
    expect(w.q('sb-panel').getAttribute('dir')).toBe('rtl');
    expect(w.q('sb-panel').getAttribute('lang')).toBe('fa');
    expect(w.shadow.querySelector('.root')?.getAttribute('data-position')).toBe('left');
    expect(w.q('sb-input').getAttribute('placeholder')).toBe('پیامی بنویسید…');
    w.widget.destroy();
    document.body.replaceChildren();
    const ru = (mounted = mount(server(), { locale: 'ru' }));
    expect(ru.q('sb-panel').getAttribute('dir')).toBe('ltr');
    expect(ru.q('sb-launcher').getAttribute('aria-label')).toBe('Открыть чат');
  });

  it('reads the history again 4 s after every socket open, and after the first load only from the last page on',
    async () => {
      vi.useFakeTimers(FAKE_TIMERS);
      const srv = server();
      srv.pageSize = 2;
      srv.messages.push(customerMessage('c1', 'cid-00000001', 'Hi'),
        operatorMessage('o1', 'Hello!', '2030-01-01T10:01:00Z'), operatorMessage('o2', 'How can I help?',
          '2030-01-01T10:02:00Z'));
      const w = (mounted = mount(srv, { store: sessionStore() }));
      await settle();
      const reads = () => w.fetch.calls.filter((c) => c.path.includes('/messages?')).map((c) => c.path.split('?')[1]);
      expect(reads()).toEqual(['limit=100', 'limit=100&cursor=after-o1']); // the first load: every page
      expect(w.all('sb-message')).toHaveLength(3);

      FakeSocket.last().open();
      await settle();
      expect(reads().slice(2)).toEqual(['limit=100&cursor=after-o1']); // at once, from the last page on
      // a restarted notification replica misses this one: no frame, only the history has it
      srv.messages.push(operatorMessage('o3', 'Your order ships today', '2030-01-01T10:03:00Z'),
        operatorMessage('o4', 'Tracking: ACME-1', '2030-01-01T10:04:00Z'));
      await vi.advanceTimersByTimeAsync(3_999);
      expect(w.all('sb-message')).toHaveLength(3);
      await vi.advanceTimersByTimeAsync(1);
      await settle();
      expect(reads().slice(3)).toEqual(['limit=100&cursor=after-o1', 'limit=100&cursor=after-o3']);
      expect(w.all('sb-message').map((el) => el.dataset.id)).toEqual(['c1', 'o1', 'o2', 'o3', 'o4']);
      expect(w.q('sb-unread').textContent).toBe('4');

      // a reconnect: again at once and 4 s later, each reading only the newest page
      FakeSocket.last().drop(1012);
      await vi.advanceTimersByTimeAsync(0);
      FakeSocket.last().open();
      await settle();
      await vi.advanceTimersByTimeAsync(4_000);
      await settle();
      expect(reads().slice(5)).toEqual(['limit=100&cursor=after-o3', 'limit=100&cursor=after-o3']);
      expect(w.all('sb-message')).toHaveLength(5);
    });

  it('shows operators\' edits with an "edited" mark and deletions as "Message deleted", live and after a re-read',
    async () => {
      vi.useFakeTimers(FAKE_TIMERS);
      const srv = server();
      srv.pageSize = 2;
      // keyset pages as the server has them: a cursor stays valid when its row is deleted
      const createdAt = new Map<string, string>();
      const base = srv.route;
      srv.route = (call) => {
        const read = /^\/api\/widget\/conversations\/[^/?]+\/messages\?(.*)$/.exec(call.path);
        if (call.method !== 'GET' || !read) return base(call);
        const after = new URLSearchParams(read[1]).get('cursor');
        const from = after ? createdAt.get(after.slice('after-'.length)) as string : '';
        const rest = srv.messages.filter((m) => (m.createdAt as string) > from);
        const items = rest.slice(0, srv.pageSize);
        for (const m of items) createdAt.set(m.id as string, m.createdAt as string);
        return json(200, { items, nextCursor: rest.length > srv.pageSize ? `after-${items[items.length - 1].id}` : null });
      };
      srv.messages.push(customerMessage('c1', 'cid-00000001', 'Hi'),
        operatorMessage('o1', 'Hello!', '2030-01-01T10:01:00Z'),
        operatorMessage('o2', 'Your order is 1234', '2030-01-01T10:02:00Z'),
        operatorMessage('o3', 'Anything else?', '2030-01-01T10:03:00Z'));
      const w = (mounted = mount(srv, { store: sessionStore() }));
      await settle();
      const socket = FakeSocket.last();
      socket.open();
      await settle();
      const bubble = (id: string) => w.shadow.querySelector<HTMLElement>(`[data-id="${id}"] .bubble`)?.textContent;
      const edited = (id: string) => w.shadow.querySelector(`[data-id="${id}"] [data-testid="sb-edited"]`);

      socket.receive({ type: 'message.edited', payload: { messageId: 'o2', text: 'Your order is 1235' } });
      expect(bubble('o2')).toBe('Your order is 1235');
      expect(edited('o2')?.textContent).toBe('· edited');
      expect(edited('o1')).toBeNull();
      socket.receive({ type: 'message.deleted', payload: { messageId: 'o1' } });
      expect(bubble('o1')).toBe('Message deleted');
      expect(w.shadow.querySelector('[data-id="o1"]')?.hasAttribute('data-deleted')).toBe(true);
      expect(w.shadow.querySelector('[data-id="o1"] [data-testid="sb-deleted"]')).not.toBeNull();
      socket.receive({ type: 'message.edited', payload: { messageId: 'o1', text: 'resurrected?' } });
      socket.receive({ type: 'message.edited', payload: { messageId: 'unknown', text: 'x' } });
      expect(bubble('o1')).toBe('Message deleted');
      expect(w.all('sb-message')).toHaveLength(4);

      // the server's history agrees (o1 gone, o2's new text); the 4 s re-read keeps the placeholder and the mark
      srv.messages.splice(1, 1);
      srv.messages[1] = operatorMessage('o2', 'Your order is 1235', '2030-01-01T10:02:00Z');
      await vi.advanceTimersByTimeAsync(4_000);
      await settle();
      expect(bubble('o1')).toBe('Message deleted');
      expect(bubble('o2')).toBe('Your order is 1235');
      expect(edited('o2')).not.toBeNull();

      // while the socket is down an operator edits o3 and deletes o2: the re-read after the reconnect shows both
      socket.drop(1012);
      srv.messages.splice(1, 1);
      srv.messages[1] = operatorMessage('o3', 'Anything else? Happy to help', '2030-01-01T10:03:00Z');
      await vi.advanceTimersByTimeAsync(0);
      FakeSocket.last().open();
      await settle();
      expect(bubble('o3')).toBe('Anything else? Happy to help');
      expect(edited('o3')?.textContent).toBe('· edited');
      expect(bubble('o2')).toBe('Message deleted');
      expect(edited('o2')).toBeNull();
      expect(bubble('c1')).toBe('Hi');
      expect(w.all('sb-message').map((el) => el.dataset.id)).toEqual(['c1', 'o1', 'o2', 'o3']);
      const reads = w.fetch.calls.filter((c) => c.path.includes('/messages?')).map((c) => c.path.split('?')[1]);
      expect(reads.slice(-1)).toEqual(['limit=100&cursor=after-o1']); // an incremental read: o2 was after its cursor
    });

  it('says "Message deleted" and "edited" in Russian and Persian', async () => {
    for (const [locale, deleted, mark] of [['ru', 'Сообщение удалено', '· изменено'], ['fa', 'پیام حذف شد', '· ویرایش‌شده']]) {
      const srv = server();
      srv.messages.push(operatorMessage('o1', 'one'), operatorMessage('o2', 'two', '2030-01-01T10:02:00Z'));
      const w = (mounted = mount(srv, { locale: locale as Locale, store: sessionStore() }));
      await settle();
      FakeSocket.last().open();
      await settle();
      FakeSocket.last().receive({ type: 'message.deleted', payload: { messageId: 'o1' } });
      FakeSocket.last().receive({ type: 'message.edited', payload: { messageId: 'o2', text: 'two!' } });
      expect(w.shadow.querySelector('[data-id="o1"] .bubble')?.textContent).toBe(deleted);
      expect(w.shadow.querySelector('[data-id="o2"] [data-testid="sb-edited"]')?.textContent).toBe(mark);
      w.widget.destroy();
      document.body.replaceChildren();
      mounted = null;
    }
  });

  it('is a non-modal dialog and announces messages with the panel closed, politely and at most every 1.5 s',
    async () => {
      vi.useFakeTimers(FAKE_TIMERS);
      const w = (mounted = mount(server(), { store: sessionStore() }));
      await settle();
      const panel = w.q('sb-panel');
      expect(panel.hasAttribute('aria-modal')).toBe(false);
      const live = w.q('sb-live');
      expect(live.getAttribute('aria-live')).toBe('polite');
      expect(live.parentNode).toBe(w.shadow);
      expect(panel.contains(live)).toBe(false);
      expect(w.visible(live)).toBe(true);
      expect(panel.hidden).toBe(true);

      const socket = FakeSocket.last();
      socket.open();
      await settle();
      socket.receive({ type: 'message', payload: operatorMessage('o1', 'First') });
      await vi.advanceTimersByTimeAsync(50);
      expect(live.textContent).toBe('New message from Anna: First');
      socket.receive({ type: 'message', payload: operatorMessage('o2', 'Second', '2030-01-01T10:01:01Z') });
      socket.receive({ type: 'message', payload: operatorMessage('o3', 'Third', '2030-01-01T10:01:02Z') });
      await vi.advanceTimersByTimeAsync(1_400);
      expect(live.textContent).toBe(''); // waiting: not before 1.5 s after the last announcement
      await vi.advanceTimersByTimeAsync(100);
      expect(live.textContent).toBe('New message from Anna: Third'); // the newest of the ones that waited
    });

  it('sends accepted-but-unconfirmed messages again after the session was lost, with the same clientMessageId',
    async () => {
      const srv = server();
      const store = sessionStore();
      const w = (mounted = mount(srv, { store }));
      await settle();
      const input = w.q<HTMLTextAreaElement>('sb-input');
      type(input, 'Is my order on its way?');
      key(input, 'Enter');
      await settle();
      const first = w.all('sb-message')[0];
      expect(first.dataset.status).toBe('accepted');
      const clientId = first.dataset.clientId!;

      otherTab(store, null); // the session is gone (e.g. its refresh was refused in another tab)
      await settle();
      expect(w.all('sb-message')[0].dataset.status).toBe('pending');
      expect(w.all('sb-message')[0].querySelector('[data-testid="sb-retry"]')).not.toBeNull();
      expect(w.q('sb-notice').textContent).toContain('next message starts a new conversation');
      const posts = () => w.fetch.calls.filter((c) => c.method === 'POST');
      expect(posts()).toHaveLength(1); // nothing starts a conversation by itself

      srv.createAnswer = () => json(201, { conversationId: 'conv-2', token: 'tok-2', refreshToken: 'ref-2',
        codename: 'Red Fox #1A2B', expiresIn: 900 });
      type(input, 'Hello again');
      key(input, 'Enter');
      await settle();
      expect(posts().slice(1).map((c) => [c.path, (c.body as { clientMessageId?: string }).clientMessageId]))
        .toEqual([
          ['/api/widget/conversations', undefined],
          ['/api/widget/conversations/conv-2/messages', clientId],
          ['/api/widget/conversations/conv-2/messages', w.all('sb-message')[1].dataset.clientId],
        ]);
      expect(w.all('sb-message').map((el) => el.dataset.status)).toEqual(['accepted', 'accepted']);
    });

  it('drops a message accepted into a conversation that another tab replaced with a new one', async () => {
    const srv = server();
    const store = sessionStore();
    const w = (mounted = mount(srv, { store }));
    await settle();
    const input = w.q<HTMLTextAreaElement>('sb-input');
    type(input, 'written into conv-1');
    key(input, 'Enter');
    await settle();
    expect(w.all('sb-message')[0].dataset.status).toBe('accepted');
    otherTab(store, 'conv-2');
    await settle();
    expect(w.all('sb-message')).toHaveLength(0);
    expect(w.fetch.calls.filter((c) => c.method === 'POST' && c.path.includes('conv-2'))).toHaveLength(0);
    expect(w.tabStore.get(`switchboard-widget:${ORIGIN}:outbox`)).toBeNull();
  });

  it('after a reload re-sends unconfirmed messages of the same conversation, not ones accepted into another',
    async () => {
      const srv = server();
      const outbox = [
        { clientMessageId: 'cid-old-conv', text: 'to conv-0', createdAt: '2030-01-01T09:00:00Z', acceptedIn: 'conv-0' },
        { clientMessageId: 'cid-same-conv', text: 'to conv-1', createdAt: '2030-01-01T09:01:00Z',
          acceptedIn: 'conv-1' },
        { clientMessageId: 'cid-pending', text: 'never sent', createdAt: '2030-01-01T09:02:00Z' },
      ];
      const tabStore = memoryStore({ [`switchboard-widget:${ORIGIN}:outbox`]: JSON.stringify(outbox) });
      const w = (mounted = mount(srv, { store: sessionStore(), tabStore }));
      expect(w.all('sb-message').map((el) => el.dataset.clientId)).toEqual(['cid-same-conv', 'cid-pending']);
      await settle();
      const sent = w.fetch.calls.filter((c) => c.method === 'POST')
        .map((c) => (c.body as { clientMessageId: string }).clientMessageId);
      expect(sent).toEqual(['cid-same-conv', 'cid-pending']);
      expect(JSON.parse(w.tabStore.get(`switchboard-widget:${ORIGIN}:outbox`)!)).toEqual([
        { clientMessageId: 'cid-same-conv', text: 'to conv-1', createdAt: '2030-01-01T09:01:00.000Z',
          acceptedIn: 'conv-1' },
        { clientMessageId: 'cid-pending', text: 'never sent', createdAt: '2030-01-01T09:02:00.000Z',
          acceptedIn: 'conv-1' },
      ]);
    });

  it('saves the draft at once when the page is hidden or left', async () => {
    vi.useFakeTimers(FAKE_TIMERS);
    const store = memoryStore();
    const w = (mounted = mount(server(), { store }));
    const draft = () => JSON.parse(store.get(STATE_KEY) ?? '{}').draft;
    const input = w.q<HTMLTextAreaElement>('sb-input');
    type(input, 'I would like to ask');
    expect(draft()).toBeUndefined();
    window.dispatchEvent(new Event('pagehide'));
    expect(draft()).toBe('I would like to ask');

    type(input, 'I would like to ask about');
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    try {
      document.dispatchEvent(new Event('visibilitychange'));
    } finally {
      visibility.mockRestore();
    }
    expect(draft()).toBe('I would like to ask about');
    await vi.advanceTimersByTimeAsync(300); // the pending debounced save changes nothing any more
    expect(draft()).toBe('I would like to ask about');
  });

  it('rebuilds "Anna joined" from the conversation\'s operatorName on load, once, before her first reply',
    async () => {
      const srv = server();
      srv.info = { operatorName: 'Anna' };
      srv.messages.push(customerMessage('c1', 'cid-00000001', 'Hi'), operatorMessage('o1', 'Hello, I am Anna'));
      const store = sessionStore();
      const first = mount(srv, { store });
      await settle();
      const timeline = (m: ReturnType<typeof mount>) => Array.from(m.shadow.querySelectorAll<HTMLElement>('.list > li'))
        .map((el) => el.dataset.testid === 'sb-note' ? `note:${el.textContent}` : el.dataset.id);
      expect(timeline(first)).toEqual(['c1', 'note:Anna joined the conversation', 'o1']);
      FakeSocket.last().open(); // another sync: no second note
      await settle();
      expect(timeline(first)).toEqual(['c1', 'note:Anna joined the conversation', 'o1']);
      first.widget.destroy();
      document.body.replaceChildren();

      const w = (mounted = mount(srv, { store }));
      await settle();
      expect(timeline(w)).toEqual(['c1', 'note:Anna joined the conversation', 'o1']);
      FakeSocket.last().open();
      FakeSocket.last().receive({ type: 'operator.joined', payload: { name: 'Anna' } }); // already said
      await settle();
      expect(w.all('sb-note')).toHaveLength(1);
      expect(w.all('sb-message')).toHaveLength(2);
    });

  it('restores the open state, unread badge, sound and vibration preferences and the draft after a remount',
    async () => {
      const srv = server();
      const store = sessionStore();
      const first = mount(srv, { store });
      await settle();
      FakeSocket.last().open();
      await settle();
      FakeSocket.last().receive({ type: 'message', payload: operatorMessage('o1', 'Are you still there?') });
      srv.messages.push(operatorMessage('o1', 'Are you still there?'));
      expect(first.q('sb-unread').textContent).toBe('1');
      for (const id of ['sb-sound', 'sb-vibration']) {
        const box = first.q<HTMLInputElement>(id);
        box.checked = false;
        box.dispatchEvent(new Event('change'));
      }
      type(first.q<HTMLTextAreaElement>('sb-input'), 'Yes, one moment');
      first.widget.destroy();
      document.body.replaceChildren();

      let w = mount(srv, { store });
      // before the history is back: everything comes from localStorage
      expect(w.q('sb-panel').hidden).toBe(true);
      expect(w.q('sb-unread').textContent).toBe('1');
      expect(w.visible(w.q('sb-unread'))).toBe(true);
      expect(w.q('sb-launcher').getAttribute('aria-label')).toBe('Open chat (1 unread)');
      expect(w.q<HTMLInputElement>('sb-sound').checked).toBe(false);
      expect(w.q<HTMLInputElement>('sb-vibration').checked).toBe(false);
      expect(w.q<HTMLTextAreaElement>('sb-input').value).toBe('Yes, one moment');
      await settle();
      expect(w.q('sb-unread').textContent).toBe('1');

      w.q('sb-launcher').click(); // seen: the badge goes, and the panel stays open across the next remount
      expect(w.q('sb-unread').hidden).toBe(true);
      w.widget.destroy();
      document.body.replaceChildren();
      w = mounted = mount(srv, { store });
      expect(w.visible(w.q('sb-panel'))).toBe(true);
      expect(w.q('sb-launcher').getAttribute('aria-expanded')).toBe('true');
      await settle();
      expect(w.q('sb-unread').hidden).toBe(true);
      expect(JSON.parse(store.get(STATE_KEY)!)).toMatchObject({ open: true, unread: 0, sound: false,
        vibration: false, draft: 'Yes, one moment' });
    });

  it('renders message text as text: markup in it creates no element', async () => {
    const payload = '<img src=x onerror=alert(1)>';
    const srv = server();
    srv.messages.push(operatorMessage('o1', payload));
    const w = (mounted = mount(srv, { store: sessionStore() }));
    await settle();
    FakeSocket.last().open();
    FakeSocket.last().receive({ type: 'message', payload: operatorMessage('o2', `see ${payload} here`,
      '2030-01-01T10:05:00Z') });
    FakeSocket.last().receive({ type: 'banner', payload: { key: 'b', text: payload } });
    const input = w.q<HTMLTextAreaElement>('sb-input');
    type(input, payload);
    key(input, 'Enter');
    await settle();
    const bubbles = Array.from(w.shadow.querySelectorAll('.bubble')).map((b) => b.textContent);
    expect(bubbles).toEqual([payload, `see ${payload} here`, payload]);
    expect(w.shadow.querySelectorAll('img')).toHaveLength(0);
    expect(document.querySelectorAll('img')).toHaveLength(0);
    expect(w.q('sb-banner').textContent).toContain(payload);
    for (const bubble of Array.from(w.shadow.querySelectorAll('.bubble'))) {
      expect(Array.from(bubble.childNodes).every((n) => n.nodeType === Node.TEXT_NODE)).toBe(true);
    }
  });
});

describe('Continue in Telegram', () => {
  let mounted: ReturnType<typeof mount> | null = null;

  beforeEach(() => {
    FakeSocket.all = [];
    document.body.replaceChildren();
  });

  afterEach(() => {
    mounted?.widget.destroy();
    mounted = null;
    vi.restoreAllMocks();
  });

  function withLinkRoute(srv: Server, answer: () => Response) {
    const base = srv.route;
    srv.route = (call) => (call.method === 'POST' && /\/telegram-link$/.test(call.path) ? answer() : base(call));
  }

  function fakeTab() {
    return { opener: {} as unknown, location: { href: '' }, close: vi.fn() };
  }

  it('is offered only once there is a conversation', async () => {
    const w = (mounted = mount(server()));
    await settle();
    expect(w.visible(w.q('sb-telegram'))).toBe(false);
    w.widget.destroy();
    document.body.replaceChildren();
    const v = (mounted = mount(server(), { store: sessionStore() }));
    await settle();
    (v.q('sb-launcher') as HTMLButtonElement).click();
    (v.q('sb-menu-button') as HTMLButtonElement).click();
    expect(v.visible(v.q('sb-telegram'))).toBe(true);
    expect(v.q('sb-telegram').textContent).toBe('Continue in Telegram');
  });

  it('asks for the deep link with the customer token and opens it in a new tab', async () => {
    const srv = server();
    withLinkRoute(srv, () => json(201, { url: 'https://t.me/switchboard_bot?start=wAbC123', expiresAt: '2030-01-02T10:00:00Z' }));
    const tab = fakeTab();
    const open = vi.spyOn(window, 'open').mockImplementation(() => tab as unknown as Window);
    const w = (mounted = mount(srv, { store: sessionStore() }));
    await settle();
    (w.q('sb-menu-button') as HTMLButtonElement).click();
    (w.q('sb-telegram') as HTMLButtonElement).click();
    await settle();
    const call = w.fetch.calls.find((c) => c.path === '/api/widget/conversations/conv-1/telegram-link');
    expect(call).toMatchObject({ method: 'POST', auth: 'Bearer tok-1' });
    expect(open).toHaveBeenCalledTimes(1);
    expect(tab.location.href).toBe('https://t.me/switchboard_bot?start=wAbC123');
    expect(tab.opener).toBeNull();
    expect(tab.close).not.toHaveBeenCalled();
    open.mockRestore();
  });

  it('hides the link when the server has no bot (409), and never follows a non-t.me URL', async () => {
    const srv = server();
    let answer = () => json(201, { url: 'https://evil.example.com/?start=x', expiresAt: null });
    withLinkRoute(srv, () => answer());
    const tab = fakeTab();
    const open = vi.spyOn(window, 'open').mockImplementation(() => tab as unknown as Window);
    const w = (mounted = mount(srv, { store: sessionStore() }));
    await settle();
    (w.q('sb-telegram') as HTMLButtonElement).click();
    await settle();
    expect(tab.location.href).toBe('');
    expect(tab.close).toHaveBeenCalledTimes(1);
    expect(w.q('sb-telegram').hidden).toBe(false);

    answer = () => json(409, { title: 'Conflict', detail: 'No Telegram bot is configured' });
    (w.q('sb-telegram') as HTMLButtonElement).click();
    await settle();
    expect(tab.close).toHaveBeenCalledTimes(2);
    expect(w.q('sb-telegram').hidden).toBe(true);
    open.mockRestore();
  });
});
