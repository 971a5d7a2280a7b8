import { WidgetApi } from './api';
import { backoffDelay, type BackoffOptions } from './backoff';
import { ApiError, type Fetch } from './http';
import { direction, translator, type Locale, type Translate } from './i18n';
import {
  applyDeletions, applyEdit, countUnread, deletedSince, isClientMessageId, localEcho, localNote, mergeMessages,
  newClientMessageId, newestOutbound, parseMessageView, readReceiptKey, sortMessages,
} from './messages';
import { validateNickname, type NicknameError } from './nickname';
import { SessionManager, type SessionEvent } from './session';
import { WidgetSocket, widgetSocketUrl, type SocketState } from './socket';
import { Beeper, vibrate } from './sound';
import { readJson, storageKey, type KeyValueStore } from './storage';
import type { ChatMessage, ConversationInfo, ServerFrame, WidgetMessageView } from './types';
import { View } from './ui';

/** Longest message the gateway takes (characters after trimming). */
export const MAX_TEXT = 4000;
/** Typing: `active: true` at most this often while the customer types… */
export const TYPING_THROTTLE_MS = 2_500;
/** …and `active: false` after this long without a key press. */
export const TYPING_IDLE_MS = 3_000;
/** The offline banner appears when the socket has not been live for this long. */
export const OFFLINE_BANNER_DELAY_MS = 1_000;
/**
 * After every socket (re)open the history is read at once and again this much later: a restarted notification-service
 * replica only consumes (from the latest offset) once Kafka has assigned it partitions, so an event published between
 * the socket's open and that moment reaches no socket and has to come from the history.
 */
export const HISTORY_RECHECK_MS = 4_000;
/** An operator's typing indicator disappears by itself after this long without news. */
const TYPING_SHOW_MS = 8_000;
const SEND_BACKOFF: BackoffOptions = { initialMs: 1_000, maxMs: 30_000, factor: 2, jitter: 0.3 };

export interface WidgetConfig {
  /** The gateway's origin, e.g. `https://support.example.com`. */
  origin: string;
  position: 'left' | 'right';
  locale: Locale;
  title?: string | null;
  nonce?: string | null;
}

/** What the widget uses from the browser; tests pass fakes. */
export interface WidgetEnv {
  window: Window;
  document: Document;
  fetch: Fetch;
  /** localStorage (session, preferences, draft): shared by the customer's tabs. */
  store: KeyValueStore;
  /** sessionStorage (messages not yet confirmed): survives a reload of this tab. */
  tabStore: KeyValueStore;
  createSocket?: (url: string, protocols: string[]) => WebSocket;
  locks?: LockManager | null;
  now?: () => number;
  random?: () => number;
}

/** Persisted per gateway origin in localStorage. */
interface Prefs {
  open: boolean;
  /** `createdAt` of the newest operator/system message the customer has seen. */
  seenAt: string | null;
  unread: number;
  sound: boolean;
  vibration: boolean;
  draft: string;
  nickname: string;
}

interface OutboxItem {
  clientMessageId: string;
  text: string;
  createdAt: string;
  failed?: boolean;
  /** Accepted (202) but not confirmed yet: the conversation it was accepted in. */
  acceptedIn?: string;
}

const CLOSED_STATUSES = new Set(['CLOSED', 'BLOCKED']);

/**
 * The widget's controller: owns the state (messages, session, socket, preferences) and drives the {@link View}.
 * Customer messages go through a queue, in order, one at a time: the conversation is created on the first one,
 * 429 pauses the queue for `Retry-After`, 503 / network errors retry with backoff (the message stays pending).
 */
export class Widget {
  private readonly view: View;
  private readonly session: SessionManager;
  private readonly api: WidgetApi;
  private readonly socket: WidgetSocket;
  private readonly beeper: Beeper;
  private readonly t: Translate;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly prefsKey: string;
  private readonly outboxKey: string;
  private prefs: Prefs;
  private messages: ChatMessage[] = [];
  private readonly retryable = new Set<string>();
  /** Messages that already started a new conversation after their session was lost (at most once each). */
  private readonly restarted = new Set<string>();
  private readonly banners = new Map<string, string>();
  private status: string | null = null;
  private readAt: string | null = null;
  private operatorName: string | null = null;
  private nickname: string | null = null;
  private liveConversationId: string | null = null;
  private historyLoaded = false;
  /** Where the next history read starts (see {@link WidgetApi.history}); meaningful once `historyLoaded`. */
  private historyCursor: string | null = null;
  /** `createdAt` of the row {@link historyCursor} points at (see {@link HistoryRead.resumeAt}). */
  private historyCursorAt: string | null = null;
  private syncing: Promise<void> | null = null;
  private syncAgain = false;
  private processing = false;
  private pausedUntil = 0;
  private sendAttempt = 0;
  private queueTimer: ReturnType<typeof setTimeout> | null = null;
  private offlineTimer: ReturnType<typeof setTimeout> | null = null;
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  private typingIdleTimer: ReturnType<typeof setTimeout> | null = null;
  private noticeTimer: ReturnType<typeof setTimeout> | null = null;
  private draftTimer: ReturnType<typeof setTimeout> | null = null;
  private recheckTimer: ReturnType<typeof setTimeout> | null = null;
  private typingActive = false;
  private typingSentAt = 0;
  private lastReadSent: string | null = null;
  private editingName = false;
  /** The conversation for which the server refused a Telegram link (409 no bot, 404): the menu entry stays hidden. */
  private telegramFor: string | null = null;
  /** What the notice currently says (`unavailable`, `rateLimited`, `saved`, `other`), null when hidden. */
  private notice: string | null = null;
  private creating: Promise<void> | null = null;
  private readonly cleanups: (() => void)[] = [];
  private destroyed = false;

  constructor(private readonly config: WidgetConfig, private readonly env: WidgetEnv) {
    this.t = translator(config.locale);
    this.now = env.now ?? Date.now;
    this.random = env.random ?? Math.random;
    this.prefsKey = storageKey(config.origin, 'state');
    this.outboxKey = storageKey(config.origin, 'outbox');
    this.prefs = this.readPrefs();
    this.session = new SessionManager({
      origin: config.origin, store: env.store, fetch: env.fetch, now: this.now, random: this.random,
      locks: env.locks ?? null,
    });
    this.api = new WidgetApi(config.origin, this.session, env.fetch, this.now);
    this.socket = new WidgetSocket({
      url: widgetSocketUrl(config.origin),
      accessToken: (refresh) => (refresh ? this.session.refresh() : this.session.accessToken()),
      onFrame: (frame) => this.onFrame(frame),
      onState: (state) => this.onSocketState(state),
      onOpen: () => {
        void this.sync();
        this.scheduleRecheck();
        this.lastReadSent = null;
        this.maybeSendRead();
        this.kickQueue();
      },
      createSocket: env.createSocket,
      random: this.random,
    });
    this.beeper = new Beeper(env.window);
    this.view = new View(env.document, {
      locale: config.locale, dir: direction(config.locale), position: config.position, t: this.t,
      title: config.title ?? null, nonce: config.nonce ?? null,
    }, {
      toggle: () => this.setOpen(!this.view.opened, true),
      close: () => this.setOpen(false, true),
      send: (text) => this.send(text),
      input: (text) => this.onInput(text),
      retry: (key) => this.retry(key),
      sound: (on) => this.savePrefs({ sound: on }),
      vibration: (on) => this.savePrefs({ vibration: on }),
      continueInTelegram: () => void this.continueInTelegram(),
      changeName: () => {
        this.editingName = true;
        this.view.setNickname(true, this.nickname ?? this.prefs.nickname, true, true);
      },
      nicknameInput: (value) => {
        this.view.setNicknameError(null);
        if (!this.session.current) this.savePrefs({ nickname: value });
      },
      nicknameSubmit: (value) => void this.submitNickname(value),
      dismissBanner: (key) => {
        this.banners.delete(key);
        this.view.setBanners(this.banners);
      },
      dismissNotice: () => this.setNotice(null),
      gesture: () => this.beeper.unlock(),
    });
  }

  /** Puts the widget on the page and resumes the conversation, if any. */
  mount(): void {
    this.view.mount();
    this.view.setPrefs(this.prefs.sound, this.prefs.vibration);
    this.view.setDraft(this.prefs.draft);
    this.view.setUnread(this.prefs.unread);
    this.restoreOutbox();
    this.render(true);
    this.view.setOpen(this.prefs.open, false);
    this.listen(this.env.window, 'storage', (e) => this.onStorage(e as StorageEvent));
    this.listen(this.env.window, 'online', () => {
      this.socket.retryNow();
      this.kickQueue(true);
    });
    this.listen(this.env.window, 'offline', () => this.onSocketState(this.socket.connectionState));
    this.listen(this.env.window, 'pagehide', () => this.saveDraftNow());
    this.listen(this.env.document, 'visibilitychange', () => {
      if (!this.view.isDocumentVisible()) {
        this.saveDraftNow();
        return;
      }
      this.socket.retryNow();
      this.markSeen();
      this.maybeSendRead();
    });
    this.cleanups.push(this.session.onEvent((event) => this.onSessionEvent(event)));
    if (this.session.current) this.startConversation();
    else this.showPreConversation();
    this.kickQueue();
  }

  /** Removes the widget and stops all timers and connections. */
  destroy(): void {
    this.saveDraftNow();
    this.destroyed = true;
    this.socket.stop();
    this.session.dispose();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    for (const timer of [this.queueTimer, this.offlineTimer, this.typingTimer, this.typingIdleTimer,
      this.noticeTimer, this.draftTimer, this.recheckTimer]) {
      if (timer !== null) clearTimeout(timer);
    }
    this.view.unmount();
  }

  open(): void {
    this.setOpen(true, true);
  }

  close(): void {
    this.setOpen(false, true);
  }

  toggle(): void {
    this.setOpen(!this.view.opened, true);
  }

  // ---- conversation -------------------------------------------------------------------------------------------

  private startConversation(): void {
    const session = this.session.current;
    if (!session) return;
    if (this.liveConversationId !== session.conversationId) {
      if (this.liveConversationId !== null) {
        // another conversation (the old one was lost): keep only what is still unsent; a message the gateway
        // accepted into another conversation stays there (re-posting it here would store it twice)
        this.messages = this.messages.filter((m) => m.kind === 'customer' && m.status !== 'sent'
          && !(m.status === 'accepted' && m.acceptedIn && m.acceptedIn !== session.conversationId));
        this.banners.clear();
        this.view.setBanners(this.banners);
        this.status = null;
        this.readAt = null;
        this.operatorName = null;
        this.historyLoaded = false;
        this.historyCursor = null;
        this.historyCursorAt = null;
      }
      this.liveConversationId = session.conversationId;
    }
    if (!this.editingName) this.view.setNickname(false, null, true);
    this.view.setCanChangeName(true);
    this.view.setCanContinueInTelegram(this.telegramFor !== session.conversationId);
    this.socket.start();
    void this.sync();
    this.render(false);
  }

  private showPreConversation(): void {
    this.editingName = false;
    this.view.setCanChangeName(false);
    this.view.setCanContinueInTelegram(false);
    this.view.setNickname(true, this.prefs.nickname, false);
  }

  /**
   * "Continue in Telegram": asks for a one-time deep link and opens it in a new tab. The tab is opened at once (inside
   * the click, so popup blockers allow it) and pointed at the link when it arrives; only `https://t.me/` links are
   * followed. When the server answers 409 (no bot) or 404, the tab is closed and the menu entry hidden for this
   * conversation.
   */
  private async continueInTelegram(): Promise<void> {
    const conversationId = this.session.current?.conversationId ?? null;
    const tab = this.env.window.open('', '_blank');
    try {
      const answer = await this.api.telegramLink();
      const url = answer?.url;
      if (typeof url !== 'string' || !/^https:\/\/t\.me\/[A-Za-z0-9_]+(\?start=[A-Za-z0-9_-]{1,64})?$/.test(url)) {
        throw new ApiError(502, 'Bad answer', null, null);
      }
      if (tab) {
        tab.opener = null;
        tab.location.href = url;
      } else {
        this.env.window.open(url, '_blank', 'noopener');
      }
    } catch (e) {
      tab?.close();
      if (e instanceof ApiError && (e.status === 409 || e.status === 404)) {
        this.telegramFor = conversationId;
        this.view.setCanContinueInTelegram(false);
        return;
      }
      this.setNotice(this.t('error'));
    }
  }

  private onSessionEvent(event: SessionEvent): void {
    const session = this.session.current;
    if (event === 'lost' || !session) {
      this.socket.stop();
      this.requeueAccepted();
      this.status = null;
      this.setNotice(this.t('sessionLost'));
      this.showPreConversation();
      this.render(false);
      return;
    }
    if (session.conversationId !== this.liveConversationId || this.socket.connectionState === 'stopped') {
      this.startConversation();
    } else {
      void this.socket.renew();
    }
  }

  private onStorage(e: StorageEvent): void {
    if (e.key === this.session.key) {
      const before = this.session.current;
      const changed = this.session.reload();
      const after = this.session.current;
      if (!after) {
        if (before) this.onSessionEvent('lost');
      } else if (changed) {
        this.startConversation();
      } else if (before && before.token !== after.token) {
        void this.socket.renew();
      }
    } else if (e.key === this.prefsKey) {
      const prefs = this.readPrefs();
      this.prefs = { ...this.prefs, sound: prefs.sound, vibration: prefs.vibration, seenAt: prefs.seenAt };
      this.view.setPrefs(this.prefs.sound, this.prefs.vibration);
      this.updateUnread();
    }
  }

  /**
   * Fetches the conversation and its history and merges them in (single-flight; re-runs once if asked): the whole
   * history the first time, afterwards only from the last page read on (see {@link WidgetApi.history}).
   */
  private sync(): Promise<void> {
    if (this.destroyed) return Promise.resolve();
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      do {
        this.syncAgain = false;
        const conversationId = this.session.current?.conversationId;
        if (!conversationId) return;
        try {
          const from = this.historyLoaded ? this.historyCursor : null;
          const fromAt = from ? this.historyCursorAt : null;
          const shown = this.messages; // what the server had before this read: absent from it now = deleted
          const [info, history] = await Promise.all([this.api.conversation(), this.api.history(from, fromAt)]);
          if (this.session.current?.conversationId !== conversationId) return;
          const firstLoad = !this.historyLoaded;
          this.applyInfo(info);
          if (!from || fromAt) {
            this.messages = applyDeletions(this.messages, deletedSince(shown, history.items, fromAt)) ?? this.messages;
          }
          this.merge(history.items, !firstLoad);
          this.historyCursor = history.resume;
          this.historyCursorAt = history.resumeAt;
          this.historyLoaded = true;
          if (firstLoad) this.restoreJoinedNote(info);
        } catch (e) {
          this.onApiError(e);
          return;
        }
      } while (this.syncAgain);
    })().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  /** A history read {@link HISTORY_RECHECK_MS} after the socket's latest open. */
  private scheduleRecheck(): void {
    if (this.recheckTimer !== null) clearTimeout(this.recheckTimer);
    this.recheckTimer = setTimeout(() => {
      this.recheckTimer = null;
      if (this.session.current) void this.sync();
    }, HISTORY_RECHECK_MS);
  }

  /**
   * "Anna joined the conversation" is a local note (the server keeps no such line): after a reload it is rebuilt
   * from the conversation's `operatorName`, once per conversation load, just before that operator's first reply
   * (else after the newest message) — unless the note is already there.
   */
  private restoreJoinedNote(info: ConversationInfo | null): void {
    const name = info && typeof info.operatorName === 'string' && info.operatorName ? info.operatorName : null;
    if (!name) return;
    const text = this.t('joined', { name });
    if (this.messages.some((m) => m.kind === 'note' && m.text === text)) return;
    const settled = this.messages.filter((m) => m.status === 'sent');
    const first = settled.find((m) => m.kind === 'operator' && m.authorName === name);
    let at = first ? Date.parse(first.createdAt) - 1 : Date.parse(settled[settled.length - 1]?.createdAt ?? '');
    if (Number.isNaN(at)) at = this.now();
    this.messages = sortMessages([...this.messages, localNote(text, new Date(at))]);
    this.render(false);
  }

  private applyInfo(info: ConversationInfo | null): void {
    if (!info) return;
    if (typeof info.status === 'string') this.status = info.status;
    if (typeof info.operatorName === 'string') this.operatorName = info.operatorName;
    this.nickname = typeof info.nickname === 'string' ? info.nickname : null;
    this.setReadAt(info.lastReadByOperatorAt);
  }

  private setReadAt(readAt: unknown): void {
    if (typeof readAt !== 'string') return;
    if (!this.readAt || Date.parse(readAt) > Date.parse(this.readAt)) this.readAt = readAt;
  }

  // ---- frames -------------------------------------------------------------------------------------------------

  private onFrame(frame: ServerFrame): void {
    const p = frame.payload;
    switch (frame.type) {
      case 'message': {
        const view = parseMessageView(p);
        if (view) this.merge([view], true);
        break;
      }
      case 'message.edited': {
        const edited = typeof p.messageId === 'string' && typeof p.text === 'string'
          ? applyEdit(this.messages, p.messageId, p.text) : null;
        if (edited) {
          this.messages = edited;
          this.render(false);
        }
        break;
      }
      case 'message.deleted': {
        const deleted = typeof p.messageId === 'string' ? applyDeletions(this.messages, [p.messageId]) : null;
        if (deleted) {
          this.messages = deleted;
          this.render(false);
        }
        break;
      }
      case 'banner': {
        const text = typeof p.text === 'string' ? p.text : null;
        if (!text) break;
        this.banners.set(typeof p.key === 'string' && p.key ? p.key : text, text);
        this.view.setBanners(this.banners);
        break;
      }
      case 'operator.joined': {
        const name = typeof p.name === 'string' && p.name ? p.name : this.t('support');
        // not twice in a row (e.g. the frame of a join the load already showed from `operatorName`)
        const last = this.messages.filter((m) => m.kind === 'note').pop();
        const text = this.t('joined', { name });
        if (last?.text !== text) {
          this.messages = sortMessages([...this.messages, localNote(text, new Date(this.now()))]);
        }
        this.operatorName = name;
        this.render(false);
        break;
      }
      case 'conversation.status':
        if (typeof p.status === 'string') {
          this.status = p.status;
          this.render(false);
        }
        break;
      case 'read':
        this.setReadAt(p.readAt);
        this.render(false);
        break;
      case 'typing': {
        const active = p.active === true;
        const name = typeof p.name === 'string' && p.name ? p.name : this.operatorName ?? this.t('support');
        this.showTyping(active ? name : null);
        break;
      }
      default:
        break;
    }
  }

  private showTyping(name: string | null): void {
    if (this.typingTimer !== null) clearTimeout(this.typingTimer);
    this.typingTimer = null;
    this.view.setTyping(name ? this.t('typing', { name }) : null);
    if (name) this.typingTimer = setTimeout(() => this.showTyping(null), TYPING_SHOW_MS);
  }

  /** Merges server messages; `live` ones that are new and from the other side may ring, vibrate and be announced. */
  private merge(views: WidgetMessageView[], live: boolean): void {
    const { messages, added } = mergeMessages(this.messages, views);
    this.messages = messages;
    for (const m of messages) if (m.status === 'sent') this.retryable.delete(m.key);
    const incoming = added.filter((m) => m.direction === 'OUTBOUND');
    if (incoming.some((m) => m.kind === 'operator')) this.showTyping(null);
    if (live && incoming.length > 0) {
      const attentive = this.view.opened && this.view.isDocumentVisible();
      if (!attentive) {
        if (this.prefs.sound) this.beeper.beep();
        if (this.prefs.vibration) vibrate(this.env.window.navigator);
      }
      const m = incoming[incoming.length - 1];
      this.view.announce(this.t('newMessage', { name: m.authorName ?? this.t('support'), text: m.text }));
    }
    if (added.some((m) => m.kind === 'customer') && this.status && CLOSED_STATUSES.has(this.status)) {
      // a customer message after the close reopens the conversation (a status frame follows)
      this.status = null;
    }
    this.render(false);
    this.maybeSendRead();
  }

  // ---- sending ------------------------------------------------------------------------------------------------

  private send(raw: string): void {
    const text = raw.trim();
    if (!text) return;
    if (Array.from(text).length > MAX_TEXT) {
      this.setNotice(this.t('tooLong', { max: MAX_TEXT }));
      return;
    }
    if (!this.session.current) {
      const check = validateNickname(this.prefs.nickname);
      if (!check.ok) {
        this.view.setNicknameError(this.nicknameError(check.error), true);
        return;
      }
    }
    const message = localEcho(text, newClientMessageId(), new Date(this.now()));
    this.messages = sortMessages([...this.messages, message]);
    if (this.draftTimer !== null) clearTimeout(this.draftTimer);
    this.draftTimer = null;
    this.view.setDraft('');
    this.savePrefs({ draft: '' });
    this.stopTyping();
    this.render(true);
    this.kickQueue();
  }

  private retry(key: string): void {
    const message = this.messages.find((m) => m.key === key);
    if (!message || message.status === 'sent') return;
    this.retryable.delete(key);
    this.messages = this.messages.map((m) => (m.key === key ? { ...m, status: 'pending' as const } : m));
    this.render(false);
    this.kickQueue(true);
  }

  /** Starts the queue now (`force`: also skip a backoff wait, not a 429 pause). */
  private kickQueue(force = false): void {
    if (force && this.queueTimer !== null && this.now() >= this.pausedUntil) {
      clearTimeout(this.queueTimer);
      this.queueTimer = null;
      this.sendAttempt = 0;
    }
    if (this.queueTimer !== null) return;
    void this.processQueue();
  }

  private scheduleQueue(delay: number): void {
    if (this.queueTimer !== null) clearTimeout(this.queueTimer);
    this.queueTimer = setTimeout(() => {
      this.queueTimer = null;
      void this.processQueue();
    }, Math.max(0, delay));
  }

  private async processQueue(): Promise<void> {
    if (this.processing || this.destroyed) return;
    this.processing = true;
    try {
      for (;;) {
        const wait = this.pausedUntil - this.now();
        if (wait > 0) {
          this.scheduleQueue(wait);
          return;
        }
        const next = this.messages.find((m) => m.kind === 'customer' && m.status === 'pending');
        if (!next) return;
        if (!(await this.sendOne(next))) return;
      }
    } finally {
      this.processing = false;
    }
  }

  /** Sends one message; answers whether the queue may go on with the next one. */
  private async sendOne(message: ChatMessage): Promise<boolean> {
    const key = message.key;
    let conversationId: string | null = null;
    try {
      await this.ensureSession();
      conversationId = this.session.current?.conversationId ?? null;
      await this.api.postMessage(message.text, message.clientMessageId ?? newClientMessageId());
    } catch (e) {
      return this.onSendError(key, e);
    }
    this.sendAttempt = 0;
    this.retryable.delete(key);
    const current = this.session.current?.conversationId ?? null;
    if (current !== conversationId) {
      // the session was lost or replaced while the request was out: as for messages accepted before that happened
      if (current) {
        // accepted into another conversation than the one now going on: it stays there
        this.messages = this.messages.filter((m) => m.key !== key || m.status === 'sent');
        this.render(false);
        return true;
      }
      this.retryable.add(key);
      this.updateMessage(key, (m) => (m.status === 'sent' ? m : { ...m, status: 'pending', acceptedIn: null }));
      return false;
    }
    this.updateMessage(key, (m) => (m.status === 'sent' ? m
      : { ...m, status: 'accepted', acceptedIn: conversationId }));
    if (this.notice === 'unavailable' || this.notice === 'rateLimited') this.setNotice(null);
    if (this.status && CLOSED_STATUSES.has(this.status)) {
      this.status = null;
      this.render(false);
    }
    // the socket's `message` frame confirms it; without a live socket (or if the frame got lost) the history does
    const confirmAfter = this.socket.isLive ? 8_000 : 1_500;
    setTimeout(() => {
      if (this.messages.some((m) => m.key === key && m.status === 'accepted')) void this.sync();
    }, confirmAfter);
    return true;
  }

  private onSendError(key: string, e: unknown): boolean {
    if (e instanceof ApiError) {
      if (e.status === 429) {
        const seconds = Math.max(1, e.retryAfter ?? 10);
        this.pausedUntil = this.now() + seconds * 1000;
        this.setNotice(this.t('rateLimited', { seconds }), 'rateLimited', seconds * 1000);
        this.scheduleQueue(seconds * 1000);
        return false;
      }
      if (e.status === 0 || e.status === 401 || e.status === 403 || e.status === 404) {
        // the session is gone: the message stays pending and starts a new conversation
        this.session.clear('lost');
        if (this.restarted.has(key)) {
          this.updateMessage(key, (m) => ({ ...m, status: 'failed' }));
        } else {
          this.restarted.add(key);
        }
        return true;
      }
      if (e.status === 400 || e.status === 413 || e.status === 422) {
        this.updateMessage(key, (m) => ({ ...m, status: 'failed' }));
        this.setNotice(e.status === 413 ? this.t('tooLong', { max: MAX_TEXT }) : e.detail ?? this.t('error'));
        return true;
      }
    }
    // 5xx, 503 (Kafka down), network: keep it pending and try again with backoff; offer "Retry" meanwhile
    this.retryable.add(key);
    this.render(false);
    this.setNotice(this.t('unavailable'), 'unavailable');
    this.scheduleQueue(backoffDelay(this.sendAttempt++, this.random, SEND_BACKOFF));
    return false;
  }

  /**
   * The session is gone: messages the gateway accepted but nobody confirmed will never be confirmed by the old
   * conversation's socket or history any more, so they become pending again and the queue sends them (same
   * `clientMessageId`) with the next conversation — when the customer writes again or presses "Retry" (nothing
   * starts a conversation by itself after the customer was told the session ended).
   */
  private requeueAccepted(): void {
    let changed = false;
    this.messages = this.messages.map((m) => {
      if (m.kind !== 'customer' || m.status !== 'accepted') return m;
      changed = true;
      this.retryable.add(m.key);
      return { ...m, status: 'pending' as const, acceptedIn: null };
    });
    if (changed) this.render(false);
  }

  /** Creates the conversation on the first message (once, and once across tabs where Web Locks exist). */
  private ensureSession(): Promise<void> {
    if (this.session.current) return Promise.resolve();
    if (!this.creating) {
      const create = async () => {
        this.session.reload();
        if (this.session.current) return;
        const check = validateNickname(this.prefs.nickname);
        await this.api.createConversation(check.ok ? check.value : null, this.config.locale);
      };
      const locks = this.env.locks;
      const task = locks ? locks.request(`${this.session.key}:create`, create) as unknown as Promise<void> : create();
      this.creating = task.then(() => {
        if (this.session.current && this.liveConversationId !== this.session.current.conversationId) {
          this.startConversation();
        }
      }).finally(() => {
        this.creating = null;
      });
    }
    return this.creating;
  }

  private updateMessage(key: string, change: (m: ChatMessage) => ChatMessage): void {
    this.messages = this.messages.map((m) => (m.key === key ? change(m) : m));
    this.render(false);
  }

  // ---- typing, read, nickname ---------------------------------------------------------------------------------

  private onInput(text: string): void {
    if (this.draftTimer !== null) clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => {
      this.draftTimer = null;
      this.savePrefs({ draft: text });
    }, 300);
    if (text.trim() === '') {
      this.stopTyping();
      return;
    }
    const now = this.now();
    if (!this.typingActive || now - this.typingSentAt >= TYPING_THROTTLE_MS) {
      if (this.socket.send({ type: 'typing', active: true })) {
        this.typingActive = true;
        this.typingSentAt = now;
      }
    }
    if (this.typingIdleTimer !== null) clearTimeout(this.typingIdleTimer);
    this.typingIdleTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  /** Saves the draft now instead of after the typing pause (the page is going away or into the background). */
  private saveDraftNow(): void {
    if (this.destroyed) return;
    if (this.draftTimer !== null) clearTimeout(this.draftTimer);
    this.draftTimer = null;
    const draft = this.view.draft;
    if (draft !== this.prefs.draft) this.savePrefs({ draft });
  }

  private stopTyping(): void {
    if (this.typingIdleTimer !== null) clearTimeout(this.typingIdleTimer);
    this.typingIdleTimer = null;
    if (!this.typingActive) return;
    this.typingActive = false;
    this.socket.send({ type: 'typing', active: false });
  }

  /** Tells the operators the customer has seen the newest reply: panel open, page visible, socket live. */
  private maybeSendRead(): void {
    if (!this.view.opened || !this.view.isDocumentVisible() || !this.socket.isLive) return;
    const newest = newestOutbound(this.messages);
    if (!newest || newest === this.lastReadSent) return;
    if (this.socket.send({ type: 'read' })) this.lastReadSent = newest;
  }

  private nicknameError(error: NicknameError): string {
    return this.t(error === 'length' ? 'nicknameLength' : error === 'link' ? 'nicknameLink' : 'nicknameChars');
  }

  private async submitNickname(value: string): Promise<void> {
    const check = validateNickname(value);
    if (!check.ok) {
      this.view.setNicknameError(this.nicknameError(check.error), true);
      return;
    }
    if (!this.session.current) {
      this.savePrefs({ nickname: value });
      return;
    }
    if (!check.value) {
      this.view.setNicknameError(this.t('nicknameLength'), true);
      return;
    }
    try {
      const info = await this.api.setNickname(check.value);
      this.applyInfo(info);
      this.nickname = check.value;
      this.editingName = false;
      this.view.setNickname(false, null, true);
      this.setNotice(this.t('nicknameSaved', { name: check.value }), 'saved', 5_000);
      this.view.focusInput();
    } catch (e) {
      if (e instanceof ApiError && e.status === 429) {
        this.view.setNicknameError(this.t('rateLimitedName',
          { minutes: Math.max(1, Math.ceil((e.retryAfter ?? 60) / 60)) }));
      } else if (e instanceof ApiError && (e.status === 400 || e.status === 422)) {
        this.view.setNicknameError(e.detail ?? this.t('nicknameLength'));
      } else {
        this.onApiError(e);
        this.view.setNicknameError(this.t('error'));
      }
    }
  }

  private onApiError(e: unknown): void {
    if (e instanceof ApiError && (e.status === 0 || e.status === 401 || e.status === 403 || e.status === 404)) {
      this.session.clear('lost');
    }
  }

  // ---- open state, unread, notices ----------------------------------------------------------------------------

  private setOpen(open: boolean, focus: boolean): void {
    this.view.setOpen(open, focus);
    this.savePrefs({ open });
    this.markSeen();
    this.maybeSendRead();
  }

  private markSeen(): void {
    if (!this.view.opened || !this.view.isDocumentVisible()) return;
    const newest = newestOutbound(this.messages);
    if (newest && newest !== this.prefs.seenAt) this.savePrefs({ seenAt: newest });
    if (this.prefs.unread !== 0) this.savePrefs({ unread: 0 });
    this.view.setUnread(0);
  }

  private updateUnread(): void {
    if (this.view.opened && this.view.isDocumentVisible()) {
      this.markSeen();
      return;
    }
    if (!this.historyLoaded && this.messages.every((m) => m.status !== 'sent')) return; // keep the stored count
    const unread = countUnread(this.messages, this.prefs.seenAt);
    if (unread !== this.prefs.unread) this.savePrefs({ unread });
    this.view.setUnread(unread);
  }

  private setNotice(text: string | null, kind: string | null = null, hideAfterMs = 0): void {
    if (this.noticeTimer !== null) clearTimeout(this.noticeTimer);
    this.noticeTimer = null;
    this.notice = text ? kind ?? 'other' : null;
    this.view.setNotice(text);
    if (text && hideAfterMs > 0) {
      this.noticeTimer = setTimeout(() => this.setNotice(null), hideAfterMs);
    }
  }

  private onSocketState(state: SocketState): void {
    if (this.offlineTimer !== null) clearTimeout(this.offlineTimer);
    this.offlineTimer = null;
    if (state === 'live' || state === 'stopped') {
      this.view.setOffline(false);
      return;
    }
    if (this.env.window.navigator.onLine === false) {
      this.view.setOffline(true);
      return;
    }
    this.offlineTimer = setTimeout(() => {
      this.offlineTimer = null;
      if (!this.socket.isLive && this.session.current) this.view.setOffline(true);
    }, OFFLINE_BANNER_DELAY_MS);
  }

  // ---- rendering & persistence --------------------------------------------------------------------------------

  private render(scrollToEnd: boolean): void {
    this.view.setStatusNote(this.status && CLOSED_STATUSES.has(this.status) ? this.t('closed') : null);
    this.view.renderMessages(this.messages, {
      readKey: readReceiptKey(this.messages, this.readAt),
      retryable: this.retryable,
    }, scrollToEnd);
    this.updateUnread();
    this.saveOutbox();
  }

  private readPrefs(): Prefs {
    const stored = readJson<Partial<Prefs>>(this.env.store, this.prefsKey) ?? {};
    return {
      open: stored.open === true,
      seenAt: typeof stored.seenAt === 'string' ? stored.seenAt : null,
      unread: typeof stored.unread === 'number' && stored.unread >= 0 ? stored.unread : 0,
      sound: stored.sound !== false,
      vibration: stored.vibration !== false,
      draft: typeof stored.draft === 'string' ? stored.draft : '',
      nickname: typeof stored.nickname === 'string' ? stored.nickname : '',
    };
  }

  private savePrefs(change: Partial<Prefs>): void {
    this.prefs = { ...this.prefs, ...change };
    this.env.store.set(this.prefsKey, JSON.stringify(this.prefs));
  }

  private saveOutbox(): void {
    const items: OutboxItem[] = this.messages
      .filter((m) => m.kind === 'customer' && m.status !== 'sent' && m.clientMessageId)
      .map((m) => ({ clientMessageId: m.clientMessageId as string, text: m.text, createdAt: m.createdAt,
        failed: m.status === 'failed' || undefined,
        acceptedIn: m.status === 'accepted' && m.acceptedIn ? m.acceptedIn : undefined }));
    if (items.length) this.env.tabStore.set(this.outboxKey, JSON.stringify(items));
    else this.env.tabStore.remove(this.outboxKey);
  }

  /**
   * Messages this tab had not seen confirmed before a reload: sent again (the server de-duplicates them per
   * conversation), except ones accepted into a conversation other than the session's (they stay there).
   */
  private restoreOutbox(): void {
    const items = readJson<OutboxItem[]>(this.env.tabStore, this.outboxKey);
    if (!Array.isArray(items)) return;
    const conversationId = this.session.current?.conversationId ?? null;
    for (const item of items) {
      if (!item || !isClientMessageId(item.clientMessageId) || typeof item.text !== 'string') continue;
      if (typeof item.acceptedIn === 'string' && conversationId && item.acceptedIn !== conversationId) continue;
      if (this.messages.some((m) => m.clientMessageId === item.clientMessageId)) continue;
      const echo = localEcho(item.text, item.clientMessageId, new Date(item.createdAt || this.now()));
      this.messages.push(item.failed ? { ...echo, status: 'failed' } : echo);
    }
    this.messages = sortMessages(this.messages);
  }

  private listen(target: EventTarget, type: string, handler: (e: Event) => void): void {
    target.addEventListener(type, handler);
    this.cleanups.push(() => target.removeEventListener(type, handler));
  }
}
