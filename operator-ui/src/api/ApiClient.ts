import type { AuthSession } from '../auth/AuthSession';
import { ApiError, NetworkError, errorFromResponse } from './problem';
import type {
  AuditEntry,
  CannedResponse,
  CannedResponseInput,
  Conversation,
  ConversationCounts,
  CustomerProfile,
  ConversationStatus,
  Message,
  MessageVersion,
  Note,
  Operator,
  Page,
  PresenceEntry,
  SearchResults,
  Tag,
} from './types';

/** Filters of `GET /api/conversations`; empty / absent ones are not sent. */
export interface ConversationQuery {
  /** Statuses to list (any of them); empty = all. */
  statuses?: ConversationStatus[];
  /** `me`, `none` or an operator id. */
  assignee?: string | null;
  /** A tag id. */
  tag?: string | null;
  /** Only conversations with unread customer messages. */
  unread?: boolean;
  /** Free text (customer name, username, codename, message text). */
  q?: string | null;
}

/** A file answered by the API (transcript export): its bytes and the name from `Content-Disposition`, if any. */
export interface DownloadedFile {
  blob: Blob;
  fileName: string | null;
}

/** The query string of `GET /api/conversations` for `query` (without the leading `?`). */
export function conversationQueryString(query: ConversationQuery, cursor: string | null, limit: number): string {
  const params = new URLSearchParams();
  if (query.statuses && query.statuses.length) params.set('status', query.statuses.join(','));
  if (query.assignee) params.set('assignee', query.assignee);
  if (query.tag) params.set('tag', query.tag);
  if (query.unread) params.set('unread', 'true');
  const q = query.q?.trim();
  if (q) params.set('q', q);
  if (cursor) params.set('cursor', cursor);
  params.set('limit', String(limit));
  return params.toString();
}

/** Lists answered either as a bare array or as a page (`{items}`), so both shapes are read the same. */
export function itemsOf<T>(body: T[] | Page<T> | null | undefined): T[] {
  if (Array.isArray(body)) return body;
  return body && Array.isArray(body.items) ? body.items : [];
}

/** The file name of a `Content-Disposition` header (`filename*=UTF-8''…` preferred over `filename="…"`). */
export function fileNameFromContentDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/.exec(header);
  if (!plain) return null;
  const value = plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1].trim();
  return value || null;
}

function conversationPath(id: string): string {
  return `/api/conversations/${encodeURIComponent(id)}`;
}

/** Notes per page (the server's maximum). */
export const NOTES_PAGE_SIZE = 200;

/** Most pages of messages loaded for one conversation (guards against a server that never ends the cursor). */
const MAX_MESSAGE_PAGES = 100;

interface RequestOptions {
  body?: unknown;
  /** A multipart body (the browser sets `Content-Type` with its boundary); exclusive with `body`. */
  form?: FormData;
  headers?: Record<string, string>;
}

/** `GET /api/telegram/link`: whether the signed-in operator's Telegram account is linked. */
export interface TelegramLinkState {
  linked: boolean;
  telegramUserId: number | null;
  telegramUsername: string | null;
  linkedAt: string | null;
}

/** `POST /api/telegram/link` (201): a one-time code (8 chars, valid 10 min) and the command to send in Telegram. */
export interface TelegramLinkCode {
  code: string;
  command: string;
  expiresAt: string;
}

function messagePath(conversationId: string, messageId: string): string {
  return `${conversationPath(conversationId)}/messages/${encodeURIComponent(messageId)}`;
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

  /** `GET /api/conversations`, newest activity first, filtered by `query`. */
  listConversations(query: ConversationQuery, cursor: string | null, limit = 50): Promise<Page<Conversation>> {
    return this.request('GET', `/api/conversations?${conversationQueryString(query, cursor, limit)}`);
  }

  /** `GET /api/conversations/counts` for the signed-in operator. */
  conversationCounts(): Promise<ConversationCounts> {
    return this.request('GET', '/api/conversations/counts');
  }

  /**
   * A lifecycle action (`POST /api/conversations/{id}/claim|unassign|reopen|block|unblock`); answers the conversation
   * after it. 409 (problem+json, e.g. someone else already claimed it) and 403 reject with an {@link ApiError}.
   */
  transition(id: string, action: 'claim' | 'unassign' | 'reopen' | 'block' | 'unblock'): Promise<Conversation> {
    return this.request('POST', `${conversationPath(id)}/${action}`);
  }

  /** `POST /api/conversations/{id}/assign` `{operatorId}`. */
  assign(id: string, operatorId: string): Promise<Conversation> {
    return this.request('POST', `${conversationPath(id)}/assign`, { body: { operatorId } });
  }

  /** `POST /api/conversations/{id}/close` `{closingMessage?}` (blank = none). */
  close(id: string, closingMessage: string | null): Promise<Conversation> {
    const text = closingMessage?.trim();
    return this.request('POST', `${conversationPath(id)}/close`, { body: text ? { closingMessage: text } : {} });
  }

  /**
   * One page of `GET /api/conversations/{id}/notes`, oldest first (`limit` 1..200); pass the previous page's
   * `nextCursor` for the next (newer) notes. A bare array answer is read as the last page.
   */
  async listNotes(id: string, cursor: string | null = null, limit = NOTES_PAGE_SIZE): Promise<Page<Note>> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) query.set('cursor', cursor);
    const answer = await this.request<Note[] | Page<Note>>('GET', `${conversationPath(id)}/notes?${query}`);
    return { items: itemsOf(answer), nextCursor: Array.isArray(answer) ? null : answer?.nextCursor ?? null };
  }

  /** `POST /api/conversations/{id}/notes` `{text}` (1..4000 characters). */
  addNote(id: string, text: string): Promise<Note> {
    return this.request('POST', `${conversationPath(id)}/notes`, { body: { text } });
  }

  /** `GET /api/tags`: every tag. */
  async listTags(): Promise<Tag[]> {
    return itemsOf(await this.request<Tag[] | Page<Tag>>('GET', '/api/tags'));
  }

  /** `POST /api/tags` `{name, color}`; 409 when the name exists. */
  createTag(name: string, color: string): Promise<Tag> {
    return this.request('POST', '/api/tags', { body: { name, color } });
  }

  /** `DELETE /api/tags/{id}` (admin). */
  deleteTag(tagId: string): Promise<void> {
    return this.request('DELETE', `/api/tags/${encodeURIComponent(tagId)}`);
  }

  /** `PUT /api/conversations/{id}/tags/{tagId}`: attaches the tag; answers the conversation. */
  attachTag(id: string, tagId: string): Promise<Conversation> {
    return this.request('PUT', `${conversationPath(id)}/tags/${encodeURIComponent(tagId)}`);
  }

  /** `DELETE /api/conversations/{id}/tags/{tagId}`: detaches the tag; answers the conversation. */
  detachTag(id: string, tagId: string): Promise<Conversation> {
    return this.request('DELETE', `${conversationPath(id)}/tags/${encodeURIComponent(tagId)}`);
  }

  /** `GET /api/canned-responses`: shared ones and the caller's personal ones. */
  async listCannedResponses(q?: string): Promise<CannedResponse[]> {
    const query = q?.trim() ? `?${new URLSearchParams({ q: q.trim() })}` : '';
    return itemsOf(await this.request<CannedResponse[] | Page<CannedResponse>>('GET', `/api/canned-responses${query}`));
  }

  createCannedResponse(input: CannedResponseInput): Promise<CannedResponse> {
    return this.request('POST', '/api/canned-responses', { body: input });
  }

  updateCannedResponse(id: string, input: CannedResponseInput): Promise<CannedResponse> {
    return this.request('PUT', `/api/canned-responses/${encodeURIComponent(id)}`, { body: input });
  }

  deleteCannedResponse(id: string): Promise<void> {
    return this.request('DELETE', `/api/canned-responses/${encodeURIComponent(id)}`);
  }

  /** `POST /api/canned-responses/{id}/use`: counts one use. */
  useCannedResponse(id: string): Promise<unknown> {
    return this.request('POST', `/api/canned-responses/${encodeURIComponent(id)}/use`);
  }

  /** `GET /api/search?q=` (q of at least 2 characters). */
  search(q: string): Promise<SearchResults> {
    return this.request('GET', `/api/search?${new URLSearchParams({ q })}`);
  }

  /** `GET /api/conversations/{id}/audit`, newest first. */
  audit(id: string, cursor: string | null, limit = 50): Promise<Page<AuditEntry>> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) query.set('cursor', cursor);
    return this.request('GET', `${conversationPath(id)}/audit?${query}`);
  }

  /** `GET /api/customers/{id}`: the customer's profile and their conversations (404 unknown customer). */
  customerProfile(customerId: string): Promise<CustomerProfile> {
    return this.request('GET', `/api/customers/${encodeURIComponent(customerId)}`);
  }

  /**
   * `DELETE /api/customers/{id}` (admins, 204): erases everything about the customer, irreversibly — every
   * conversation (the server emits `conversation.deleted`, reason `erasure`, for each) and the customer.
   */
  eraseCustomer(customerId: string): Promise<void> {
    return this.request('DELETE', `/api/customers/${encodeURIComponent(customerId)}`);
  }

  /** `GET /api/operators`: every operator (also deactivated ones), to name assignees and pick one to assign. */
  async operators(): Promise<Operator[]> {
    return itemsOf(await this.request<Operator[] | Page<Operator>>('GET', '/api/operators'));
  }

  /**
   * Downloads a file with the bearer token in the header (never in the URL), e.g. a transcript export
   * (`/api/conversations/{id}/transcript.json|.csv`).
   */
  async download(filePath: string): Promise<DownloadedFile> {
    const response = await this.authorized('GET', filePath, {}, '*/*');
    if (!response.ok) throw await errorFromResponse(response);
    return {
      blob: await response.blob(),
      fileName: fileNameFromContentDisposition(response.headers.get('Content-Disposition')),
    };
  }

  getConversation(id: string): Promise<Conversation> {
    return this.request('GET', conversationPath(id));
  }

  /** `POST /api/conversations/{id}/read` (204): the operator has seen everything in it. */
  markRead(id: string): Promise<void> {
    return this.request('POST', `${conversationPath(id)}/read`);
  }

  /**
   * `POST /api/conversations/{id}/typing` (204): the operator is typing. The server shows "typing…" to a Telegram
   * customer (Bot API sendChatAction, at most once per 4 s per conversation); nothing for widget conversations.
   */
  typing(id: string): Promise<void> {
    return this.request('POST', `${conversationPath(id)}/typing`);
  }

  /** All messages of a conversation, oldest first, following `nextCursor` until it is null. */
  async listAllMessages(id: string): Promise<Message[]> {
    const all: Message[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_MESSAGE_PAGES; page++) {
      const query = new URLSearchParams({ limit: '200' });
      if (cursor) query.set('cursor', cursor);
      const result: Page<Message> = await this.request('GET', `${conversationPath(id)}/messages?${query}`);
      all.push(...result.items);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    return all;
  }

  /** `POST /api/conversations/{id}/messages` with an `Idempotency-Key`; answers the stored `PENDING` message. */
  sendMessage(id: string, text: string, idempotencyKey: string): Promise<Message> {
    return this.request('POST', `${conversationPath(id)}/messages`, {
      body: { text },
      headers: { 'Idempotency-Key': idempotencyKey },
    });
  }

  /**
   * `POST /api/conversations/{id}/messages` as `multipart/form-data` (parts `file`, `caption` when not blank,
   * `clientMessageId`): answers the stored `PENDING` message with its attachment. 413 (too large) and 422 reject with
   * the problem's detail.
   */
  sendAttachment(id: string, file: Blob, fileName: string, caption: string | null, clientMessageId: string): Promise<Message> {
    const form = new FormData();
    form.append('file', file, fileName);
    const text = caption?.trim();
    if (text) form.append('caption', text);
    form.append('clientMessageId', clientMessageId);
    return this.request('POST', `${conversationPath(id)}/messages`, { form, headers: { 'Idempotency-Key': clientMessageId } });
  }

  /** `PUT /api/conversations/{id}/messages/{messageId}` `{text}`: edits an own OUTBOUND message (409 after 48 h). */
  editMessage(id: string, messageId: string, text: string): Promise<Message | undefined> {
    return this.request('PUT', messagePath(id, messageId), { body: { text } });
  }

  /** `DELETE /api/conversations/{id}/messages/{messageId}` (204; 409 after 48 h). */
  deleteMessage(id: string, messageId: string): Promise<void> {
    return this.request('DELETE', messagePath(id, messageId));
  }

  /** `GET …/messages/{messageId}/versions`: the previous texts, oldest first. */
  async messageVersions(id: string, messageId: string): Promise<MessageVersion[]> {
    return itemsOf(await this.request<MessageVersion[] | Page<MessageVersion>>('GET', `${messagePath(id, messageId)}/versions`));
  }

  /** `POST …/messages/{messageId}/retry` (202): a FAILED message goes out again (409 when not FAILED or blocked). */
  retryMessage(id: string, messageId: string): Promise<void> {
    return this.request('POST', `${messagePath(id, messageId)}/retry`);
  }

  /** `GET /api/media/{attachmentId}` with the bearer token in the header (never in the URL): the file's bytes. */
  media(attachmentId: string): Promise<DownloadedFile> {
    return this.download(`/api/media/${encodeURIComponent(attachmentId)}`);
  }

  /** `GET /api/telegram/link`: the operator's Telegram link. */
  telegramLink(): Promise<TelegramLinkState> {
    return this.request('GET', '/api/telegram/link');
  }

  /** `POST /api/telegram/link`: a new link code. */
  createTelegramLinkCode(): Promise<TelegramLinkCode> {
    return this.request('POST', '/api/telegram/link');
  }

  /** `DELETE /api/telegram/link` (204): unlinks the operator's Telegram account. */
  unlinkTelegram(): Promise<void> {
    return this.request('DELETE', '/api/telegram/link');
  }

  /** `GET /api/presence`: operators online now. */
  presence(): Promise<PresenceEntry[]> {
    return this.request('GET', '/api/presence');
  }

  private async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.authorized(method, path, options);
    if (!response.ok) throw await errorFromResponse(response);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Sends with the access token; after a 401 refreshes once and retries (a second 401 signs the operator out). */
  private async authorized(method: string, path: string, options: RequestOptions, accept = 'application/json'): Promise<Response> {
    let token = await this.auth.accessToken();
    if (!token) throw new ApiError(401, 'Unauthorized', 'Signed out');
    let response = await this.send(method, path, token, options, accept);
    if (response.status === 401) {
      const refreshed = await this.auth.refresh();
      token = refreshed?.accessToken ?? null;
      if (!token) throw await errorFromResponse(response);
      response = await this.send(method, path, token, options, accept);
      if (response.status === 401) this.auth.expire();
    }
    return response;
  }

  private async send(method: string, path: string, token: string, options: RequestOptions, accept: string): Promise<Response> {
    const headers: Record<string, string> = { Accept: accept, Authorization: `Bearer ${token}`, ...options.headers };
    if (options.body !== undefined && !options.form) headers['Content-Type'] = 'application/json';
    try {
      return await this.fetchFn(path, {
        method,
        headers,
        body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      });
    } catch (cause) {
      throw new NetworkError(cause);
    }
  }

  /**
   * Generic authenticated call for feature modules (e.g. `src/admin/adminApi.ts`): same Bearer token, refresh-and-retry
   * on 401 and problem+json {@link ApiError}s as the methods above. `body` is sent as JSON when given; a 204 or empty
   * answer resolves to `undefined`.
   */
  call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.request<T>(method, path, body === undefined ? {} : { body });
  }
}
