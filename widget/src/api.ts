import { ApiError, requestJson, type Fetch } from './http';
import { parseMessageView } from './messages';
import { sessionFrom, type SessionManager, type TokenAnswer } from './session';
import type { ConversationInfo, StoredSession, WidgetMessageView } from './types';

interface CreateAnswer extends TokenAnswer {
  conversationId: string;
  codename: string | null;
}

interface Page {
  items?: unknown[];
  nextCursor?: string | null;
}

/** What {@link WidgetApi.history} read. */
export interface HistoryRead {
  /** The messages read, oldest first. */
  items: WidgetMessageView[];
  /** Where the next incremental read starts: the cursor of the last page read (null: the first page). */
  resume: string | null;
  /**
   * `createdAt` of the row `resume` points at: that read covers exactly the messages created after it (null with a
   * null `resume`, or when not known). Lets the widget tell a message deleted meanwhile from one before the cursor.
   */
  resumeAt: string | null;
}

/** History pages fetched at most per load (100 messages each). */
const MAX_PAGES = 20;

/**
 * The gateway's public widget API. Authenticated calls take the token from the {@link SessionManager} and, when
 * answered 401, refresh it once and try again. Errors: {@link ApiError} (with `retryAfter` for 429) and
 * NetworkError; an ApiError with status 0 means "no session".
 */
export class WidgetApi {
  constructor(private readonly origin: string, private readonly session: SessionManager,
              private readonly fetchImpl: Fetch, private readonly now: () => number = Date.now) {}

  /** `POST /api/widget/conversations`: starts the conversation and stores the new session. */
  async createConversation(nickname: string | null, locale: string): Promise<StoredSession> {
    const body: Record<string, string> = { locale };
    if (nickname) body.nickname = nickname;
    const answer = await requestJson<CreateAnswer>(this.fetchImpl, `${this.origin}/api/widget/conversations`, 'POST',
      body);
    if (!answer || typeof answer.conversationId !== 'string' || typeof answer.token !== 'string') {
      throw new ApiError(502, 'Bad answer', null, null);
    }
    const session = sessionFrom(answer, answer.conversationId, answer.codename ?? null, this.now());
    this.session.save(session);
    return session;
  }

  /** `GET /api/widget/conversations/{id}`. */
  conversation(): Promise<ConversationInfo> {
    return this.authed((id) => ({ path: `/api/widget/conversations/${id}`, method: 'GET' }));
  }

  /**
   * The conversation's messages, oldest first, from `from` on: null reads from the start (every page, up to 2,000
   * messages per call), otherwise a {@link HistoryRead.resume} of an earlier call, which re-reads the last page that
   * call saw plus anything newer (the server's `nextCursor` is keyset, `(createdAt, id)` of a page's last row, and
   * absent on the last page, so the position just before the last page is the newest one the widget can hold).
   * `fromAt` is the {@link HistoryRead.resumeAt} that came with `from`.
   */
  async history(from: string | null = null, fromAt: string | null = null): Promise<HistoryRead> {
    const items: WidgetMessageView[] = [];
    let cursor: string | null = from;
    let cursorAt: string | null = from ? fromAt : null;
    let resume: string | null = from;
    let resumeAt: string | null = cursorAt;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query: string = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : '?limit=100';
      const answer: Page = await this.authed<Page>((id) => ({
        path: `/api/widget/conversations/${id}/messages${query}`, method: 'GET' }));
      let lastAt: string | null = null;
      for (const item of answer?.items ?? []) {
        const view = parseMessageView(item);
        if (view) items.push(view);
        if (view) lastAt = view.createdAt;
      }
      resume = cursor;
      resumeAt = cursorAt;
      cursor = typeof answer?.nextCursor === 'string' && answer.nextCursor ? answer.nextCursor : null;
      cursorAt = lastAt; // the keyset cursor is the page's last row
      if (!cursor) break;
      resume = cursor; // should the page limit end the loop here, the next read goes on from this page
      resumeAt = cursorAt;
    }
    return { items, resume, resumeAt };
  }

  /** `POST /api/widget/conversations/{id}/messages` → 202 `{clientMessageId, acceptedAt}`. */
  postMessage(text: string, clientMessageId: string): Promise<unknown> {
    return this.authed((id) => ({ path: `/api/widget/conversations/${id}/messages`, method: 'POST',
      body: { text, clientMessageId } }));
  }

  /**
   * `POST /api/widget/conversations/{id}/telegram-link` → 201 `{url: "https://t.me/<bot>?start=<payload>", expiresAt}`:
   * a one-time deep link that moves the conversation to Telegram. 409 when no bot is configured.
   */
  telegramLink(): Promise<{ url?: unknown; expiresAt?: unknown } | null> {
    return this.authed((id) => ({ path: `/api/widget/conversations/${id}/telegram-link`, method: 'POST' }));
  }

  /** `PATCH /api/widget/conversations/{id}` `{nickname}` → the conversation view. */
  setNickname(nickname: string): Promise<ConversationInfo> {
    return this.authed((id) => ({ path: `/api/widget/conversations/${id}`, method: 'PATCH', body: { nickname } }));
  }

  private async authed<T>(build: (conversationId: string) => { path: string; method: string; body?: unknown }):
    Promise<T> {
    let token = await this.session.accessToken();
    const session = this.session.current;
    if (!token || !session) throw new ApiError(0, 'No session', null, null);
    const request = build(session.conversationId);
    try {
      return await requestJson<T>(this.fetchImpl, this.origin + request.path, request.method, request.body, token);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      token = await this.session.accessToken(token);
      const again = this.session.current;
      if (!token || !again) throw new ApiError(0, 'No session', null, null);
      const retry = build(again.conversationId);
      return requestJson<T>(this.fetchImpl, this.origin + retry.path, retry.method, retry.body, token);
    }
  }
}
