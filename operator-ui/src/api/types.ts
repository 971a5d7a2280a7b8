/**
 * Wire shapes of the gateway's REST API and of the operator WebSocket, as documented in docs/ARCHITECTURE.md.
 * Timestamps are ISO-8601 strings; ids are UUID strings.
 */

export type ConversationStatus = 'OPEN_UNCLAIMED' | 'OPEN_ASSIGNED' | 'AWAITING_CUSTOMER' | 'CLOSED';
export type Direction = 'INBOUND' | 'OUTBOUND';
export type MessageStatus = 'RECEIVED' | 'PENDING' | 'SENT' | 'FAILED';

export interface Customer {
  id: string;
  displayName: string;
  username: string | null;
}

export interface LastMessage {
  text: string;
  direction: Direction;
  createdAt: string;
}

/** An item of `GET /api/conversations` and the body of `GET /api/conversations/{id}`. */
export interface Conversation {
  id: string;
  status: ConversationStatus;
  codename: string;
  customer: Customer;
  lastMessage: LastMessage | null;
  unreadCount: number;
  updatedAt: string;
  createdAt: string;
}

/** A cursor page; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** An item of `GET /api/conversations/{id}/messages` (also the `message` of socket events). */
export interface Message {
  id: string;
  direction: Direction;
  text: string;
  status: MessageStatus;
  createdAt: string;
  failureReason?: string | null;
}

export interface Operator {
  id: string;
  username: string;
  displayName: string;
  role: string;
}

/** Body of `POST /api/auth/login` and `POST /api/auth/refresh`. `expiresIn` is in seconds. */
export interface TokenResponse {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType?: string;
  operator: Operator;
}

/** An item of `GET /api/presence`. */
export interface PresenceEntry {
  operatorId: string;
  username: string;
  displayName: string;
  since: string;
  lastSeen: string;
}

/** Event metadata the server copies from the conversation event into every payload (all optional here). */
interface EventMeta {
  eventId?: string;
  occurredAt?: string;
}

export type ServerFrame =
  | {
      type: 'conversation.opened';
      conversationId: string;
      payload: EventMeta & { codename: string; status: ConversationStatus; customer: Customer };
    }
  | {
      type: 'message.received';
      conversationId: string;
      payload: EventMeta & { customer: Customer; message: Message };
    }
  | {
      type: 'message.queued';
      conversationId: string;
      payload: EventMeta & { operatorId: string; message: Message };
    }
  | {
      type: 'message.sent';
      conversationId: string;
      payload: EventMeta & { messageId: string; status: 'SENT' };
    }
  | {
      type: 'message.failed';
      conversationId: string;
      payload: EventMeta & { messageId: string; status: 'FAILED'; reason?: string | null };
    };

export type ServerFrameType = ServerFrame['type'];
