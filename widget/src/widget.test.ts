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
});
