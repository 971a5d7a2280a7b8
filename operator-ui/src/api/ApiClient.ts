import type { AuthSession } from '../auth/AuthSession';
import { ApiError, NetworkError, errorFromResponse } from './problem';
import type { Conversation, ConversationStatus, Message, Page, PresenceEntry } from './types';

/** Most pages of messages loaded for one conversation (guards against a server that never ends the cursor). */
const MAX_MESSAGE_PAGES = 100;

interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Same-origin client of the gateway's `/api/**`. Sends `Authorization: Bearer <access token>`; on a 401 it refreshes
 * the tokens once and retries, and if that still fails the operator is signed out. Errors are {@link ApiError}
 * (problem+json `title`/`detail`) or {@link NetworkError}.
 */
export class ApiClient {
  constructor(
    private readonly auth: AuthSession,
    private readonly fetchFn: typeof fetch = (...args) => fetch(...args),
  ) {}

  /** `GET /api/conversations`, newest activity first. `status` null lists all. */
  listConversations(status: ConversationStatus | null, cursor: string | null, limit = 50): Promise<Page<Conversation>> {
    const query = new URLSearchParams();
    if (status) query.set('status', status);
    if (cursor) query.set('cursor', cursor);
    query.set('limit', String(limit));
    return this.request('GET', `/api/conversations?${query}`);
  }

  getConversation(id: string): Promise<Conversation> {
    return this.request('GET', `/api/conversations/${encodeURIComponent(id)}`);
  }

  /** `POST /api/conversations/{id}/read` (204): the operator has seen everything in it. */
  markRead(id: string): Promise<void> {
    return this.request('POST', `/api/conversations/${encodeURIComponent(id)}/read`);
  }

  /** All messages of a conversation, oldest first, following `nextCursor` until it is null. */
  async listAllMessages(id: string): Promise<Message[]> {
    const all: Message[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_MESSAGE_PAGES; page++) {
      const query = new URLSearchParams({ limit: '200' });
      if (cursor) query.set('cursor', cursor);
      const result: Page<Message> = await this.request('GET', `/api/conversations/${encodeURIComponent(id)}/messages?${query}`);
      all.push(...result.items);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    return all;
  }

  /** `POST /api/conversations/{id}/messages` with an `Idempotency-Key`; answers the stored `PENDING` message. */
  sendMessage(id: string, text: string, idempotencyKey: string): Promise<Message> {
    return this.request('POST', `/api/conversations/${encodeURIComponent(id)}/messages`, {
      body: { text },
      headers: { 'Idempotency-Key': idempotencyKey },
    });
  }

  /** `GET /api/presence`: operators online now. */
  presence(): Promise<PresenceEntry[]> {
    return this.request('GET', '/api/presence');
  }

  private async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    let token = await this.auth.accessToken();
    if (!token) throw new ApiError(401, 'Unauthorized', 'Signed out');
    let response = await this.send(method, path, token, options);
    if (response.status === 401) {
      const refreshed = await this.auth.refresh();
      token = refreshed?.accessToken ?? null;
      if (!token) throw await errorFromResponse(response);
      response = await this.send(method, path, token, options);
      if (response.status === 401) this.auth.expire();
    }
    if (!response.ok) throw await errorFromResponse(response);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async send(method: string, path: string, token: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${token}`, ...options.headers };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      return await this.fetchFn(path, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch (cause) {
      throw new NetworkError(cause);
    }
  }
}
