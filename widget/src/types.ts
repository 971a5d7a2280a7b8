/** `INBOUND`: from the customer; `OUTBOUND`: from an operator or the system, to the customer. */
export type Direction = 'INBOUND' | 'OUTBOUND';

/** A message as the widget API answers it (history) and as the socket's `message` frame carries it. */
export interface WidgetMessageView {
  id: string;
  clientMessageId: string | null;
  direction: Direction;
  kind: 'customer' | 'operator' | 'system';
  /** The operator's display name; null for the customer's and for system messages. */
  authorName: string | null;
  text: string;
  /** ISO-8601 instant. */
  createdAt: string;
  systemKey: string | null;
  /** ISO-8601 instant of an operator's latest edit, when the server says (optional: absent on older servers). */
  editedAt?: string | null;
}

/**
 * `pending`: a local echo not yet accepted by the gateway (or waiting for a retry); `accepted`: the gateway answered
 * 202 and the message is on its way; `sent`: confirmed by the server (a `message` frame or the history);
 * `failed`: refused for good (e.g. 422), shown with the reason.
 */
export type MessageStatus = 'pending' | 'accepted' | 'sent' | 'failed';

/** `note`: a local, unsaved line in the timeline ("Anna joined the conversation"). */
export type MessageKind = WidgetMessageView['kind'] | 'note';

/** One line of the chat as the widget keeps it. */
export interface ChatMessage {
  /** Stable key of the rendered element: `c:<clientMessageId>`, else `s:<id>`, else `n:<n>` for notes. */
  key: string;
  id: string | null;
  clientMessageId: string | null;
  direction: Direction;
  kind: MessageKind;
  authorName: string | null;
  text: string;
  createdAt: string;
  systemKey: string | null;
  status: MessageStatus;
  /** For an `accepted` message: the conversation whose session the gateway accepted it in. */
  acceptedIn?: string | null;
  /** An operator changed its text since it was first shown (shown with an "edited" mark). */
  edited?: boolean;
  /** An operator deleted it: shown as "Message deleted", its text gone. */
  deleted?: boolean;
}

/** `GET /api/widget/conversations/{id}`. */
export interface ConversationInfo {
  conversationId: string;
  codename: string;
  status: string;
  nickname: string | null;
  locale: string | null;
  operatorName: string | null;
  lastReadByOperatorAt: string | null;
}

/** The customer's session, kept in localStorage under the gateway's origin. */
export interface StoredSession {
  conversationId: string;
  token: string;
  refreshToken: string;
  /** Epoch ms when `token` expires. */
  expiresAt: number;
  /** Lifetime of `token` in ms as issued (for the refresh margin). */
  lifetimeMs: number;
  codename: string | null;
}

/** A server → widget socket frame. */
export interface ServerFrame {
  type: string;
  payload: Record<string, unknown>;
}
