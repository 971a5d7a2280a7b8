/**
 * Wire shapes and calls of the admin pages (issue 3 contract, /work/issue3-spec.md). All calls go through the
 * console's authenticated {@link ApiClient} (`call`), so they carry the Bearer token, retry once after a refresh on
 * 401 and fail with problem+json `ApiError`s (their `detail` is what the pages show inline).
 */

export type OperatorRole = 'ADMIN' | 'OPERATOR';

/** `GET /api/admin/operators` item. */
export interface OperatorAccount {
  id: string;
  username: string;
  displayName: string;
  role: OperatorRole;
  active: boolean;
  createdAt?: string;
}

export interface CreateOperatorRequest {
  username: string;
  password: string;
  displayName: string;
  role: OperatorRole;
}

/** `PUT /api/admin/operators/{id}`: `password` only when it is being reset; `active: true` reactivates. */
export interface UpdateOperatorRequest {
  displayName: string;
  role: OperatorRole;
  password?: string;
  active?: boolean;
}

/** The keys the server knows (others may appear; they are shown by key). */
export const TEMPLATE_KEYS = [
  'welcome_message',
  'waiting_for_agent',
  'conversation_reopened',
  'unclaimed_reminder_5m',
  'unclaimed_reminder_15m_pin',
  'closed_history_note',
  'closing_message',
] as const;

/** `GET /api/admin/system-messages` item; `texts` maps a locale (`en`, `ru`, `fa`, …) to its text. */
export interface SystemMessageTemplate {
  key: string;
  texts: Record<string, string>;
  widgetBanner: boolean;
  transcriptBubble: boolean;
  telegram: boolean;
  pin: boolean;
  rateLimitSeconds: number;
  updatedAt?: string | null;
}

/** Body of `PUT /api/admin/system-messages/{key}`. */
export type SystemMessageTemplateUpdate = Omit<SystemMessageTemplate, 'key' | 'updatedAt'>;

/** `GET|PUT /api/admin/timers`, all in seconds; 0 disables a timer. */
export interface TimerSettings {
  firstReminderSeconds: number;
  secondReminderSeconds: number;
  autoCloseUnansweredSeconds: number;
  autoCloseAfterReplySeconds: number;
}

export interface CannedResponse {
  id: string;
  title: string;
  text: string;
  category: string | null;
  shortcut: string | null;
  shared: boolean;
  ownerId: string | null;
  usageCount: number;
  createdAt?: string;
  updatedAt?: string;
}

export interface CannedResponseRequest {
  title: string;
  text: string;
  category: string | null;
  shortcut: string | null;
  shared: boolean;
}

export interface Tag {
  id: string;
  name: string;
  color: string;
}

export interface AuditEntry {
  id: string;
  conversationId: string | null;
  actorId: string | null;
  actorName: string | null;
  action: string;
  before: unknown;
  after: unknown;
  occurredAt: string;
}

/**
 * `GET /api/admin/operators/{id}/audit` item (gateway-service `OperatorAuditView`): `action` is
 * `operator.created|updated|deactivated|reactivated`; `before`/`after` hold the changed fields (`username`,
 * `displayName`, `role`, `active`; `passwordChanged: true` in `after`), `before` is null for `operator.created`.
 */
export interface OperatorAuditEntry {
  id: number | string;
  operatorId: string;
  actorId: string | null;
  actorName?: string | null;
  action: string;
  before: unknown;
  after: unknown;
  occurredAt: string;
}

/** Body of `POST /api/conversations/bulk-delete`: exactly one of `ids` (1..1000) and `filter`. */
export type BulkDeleteRequest =
  | { ids: string[] }
  | { filter: { status: 'CLOSED'; closedBefore: string } };

/** Answer of `POST /api/conversations/bulk-delete`. */
export interface BulkDeleteResult {
  deleted: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
}

/** What {@link AdminApi} needs from the console's API client (`ApiClient.call`). */
export interface AdminTransport {
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
}

/** A list answered either as a bare array or as a page `{items}` (tolerates both shapes). */
export function listItems<T>(answer: T[] | Page<T> | null | undefined): T[] {
  if (!answer) return [];
  return Array.isArray(answer) ? answer : answer.items ?? [];
}

function query(params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value.trim() !== '') search.set(name, value.trim());
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const id = encodeURIComponent;

/** Calls of the admin pages. */
export class AdminApi {
  constructor(private readonly transport: AdminTransport) {}

  async listOperators(): Promise<OperatorAccount[]> {
    return listItems(await this.transport.call<OperatorAccount[] | Page<OperatorAccount>>('GET', '/api/admin/operators'));
  }

  createOperator(request: CreateOperatorRequest): Promise<OperatorAccount> {
    return this.transport.call('POST', '/api/admin/operators', request);
  }

  updateOperator(operatorId: string, request: UpdateOperatorRequest): Promise<OperatorAccount> {
    return this.transport.call('PUT', `/api/admin/operators/${id(operatorId)}`, request);
  }

  /** `DELETE /api/admin/operators/{id}`: deactivation (200 with the view). */
  deactivateOperator(operatorId: string): Promise<OperatorAccount> {
    return this.transport.call('DELETE', `/api/admin/operators/${id(operatorId)}`);
  }

  async listTemplates(): Promise<SystemMessageTemplate[]> {
    return listItems(
      await this.transport.call<SystemMessageTemplate[] | Page<SystemMessageTemplate>>('GET', '/api/admin/system-messages'),
    );
  }

  saveTemplate(key: string, update: SystemMessageTemplateUpdate): Promise<SystemMessageTemplate> {
    return this.transport.call('PUT', `/api/admin/system-messages/${id(key)}`, update);
  }

  getTimers(): Promise<TimerSettings> {
    return this.transport.call('GET', '/api/admin/timers');
  }

  saveTimers(settings: TimerSettings): Promise<TimerSettings> {
    return this.transport.call('PUT', '/api/admin/timers', settings);
  }

  async listCanned(q?: string, category?: string | null): Promise<CannedResponse[]> {
    return listItems(
      await this.transport.call<CannedResponse[] | Page<CannedResponse>>('GET', `/api/canned-responses${query({ q, category })}`),
    );
  }

  createCanned(request: CannedResponseRequest): Promise<CannedResponse> {
    return this.transport.call('POST', '/api/canned-responses', request);
  }

  updateCanned(cannedId: string, request: CannedResponseRequest): Promise<CannedResponse> {
    return this.transport.call('PUT', `/api/canned-responses/${id(cannedId)}`, request);
  }

  deleteCanned(cannedId: string): Promise<void> {
    return this.transport.call('DELETE', `/api/canned-responses/${id(cannedId)}`);
  }

  async listTags(): Promise<Tag[]> {
    return listItems(await this.transport.call<Tag[] | Page<Tag>>('GET', '/api/tags'));
  }

  createTag(name: string, color: string): Promise<Tag> {
    return this.transport.call('POST', '/api/tags', { name, color });
  }

  deleteTag(tagId: string): Promise<void> {
    return this.transport.call('DELETE', `/api/tags/${id(tagId)}`);
  }

  /**
   * `GET /api/admin/operators/{id}/audit`, newest first (`limit` 1..200); pass the previous page's `nextCursor` for
   * the next page. 404 unknown operator.
   */
  listOperatorAudit(operatorId: string, cursor: string | null, limit = 50): Promise<Page<OperatorAuditEntry>> {
    return this.transport.call('GET', `/api/admin/operators/${id(operatorId)}/audit${query({ cursor, limit: String(limit) })}`);
  }

  /**
   * `POST /api/conversations/bulk-delete` (admins): deletes the conversations for good (the server emits
   * `conversation.deleted` for each); answers how many were deleted. 422 for a malformed body.
   */
  bulkDeleteConversations(request: BulkDeleteRequest): Promise<BulkDeleteResult> {
    return this.transport.call('POST', '/api/conversations/bulk-delete', request);
  }

  /** `GET /api/admin/audit`, newest first; pass the previous page's `nextCursor` for the next page. */
  listAudit(cursor: string | null, filter: AuditFilter = {}): Promise<Page<AuditEntry>> {
    return this.transport.call('GET', `/api/admin/audit${query({ cursor, action: filter.action, actorId: filter.actorId })}`);
  }
}
