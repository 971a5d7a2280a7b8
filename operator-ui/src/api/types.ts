/**
 * Wire shapes of the gateway's REST API and of the operator WebSocket, as documented in docs/ARCHITECTURE.md.
 * Timestamps are ISO-8601 strings; ids are UUID strings.
 */

export type ConversationStatus = 'OPEN_UNCLAIMED' | 'OPEN_ASSIGNED' | 'AWAITING_CUSTOMER' | 'CLOSED' | 'BLOCKED';
export type Direction = 'INBOUND' | 'OUTBOUND';
/**
 * `RECORDED`: a system bubble stored in the transcript but sent nowhere. `BLOCKED`: a message from a blocked
 * customer, which the server never shows to operators (the console drops it if one ever arrives).
 */
export type MessageStatus = 'RECEIVED' | 'PENDING' | 'SENT' | 'FAILED' | 'RECORDED' | 'BLOCKED';
/** Where the customer writes from: Telegram, or the web widget embedded on a site. */
export type Channel = 'TELEGRAM' | 'WIDGET';

export interface Customer {
  id: string;
  displayName: string;
  username: string | null;
  /** The customer's nickname when known, shown beside the codename. */
  nickname?: string | null;
  /** When the customer blocked the bot (Telegram answers 403 to every message until they unblock it), or null. */
  botBlockedAt?: string | null;
}

/** One conversation of a customer, in {@link CustomerProfile}. */
export interface CustomerConversation {
  id: string;
  codename: string;
  status: ConversationStatus;
  createdAt: string;
  closedAt: string | null;
}

/**
 * `GET /api/customers/{id}`: the customer panel beside a conversation; `conversations` most recently opened first
 * (at most 100).
 */
export interface CustomerProfile {
  id: string;
  displayName: string;
  username: string | null;
  nickname: string | null;
  /** IETF language tag from the channel (e.g. `en`), or null. */
  languageCode: string | null;
  createdAt: string;
  conversations: CustomerConversation[];
}

/** A tag as attached to conversations: `color` is `#rrggbb`. */
export interface Tag {
  id: string;
  name: string;
  color: string;
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
  /** The operator holding it, or null when unclaimed. */
  assigneeId?: string | null;
  tags?: Tag[];
  closedAt?: string | null;
  /** `TELEGRAM` or `WIDGET`; absent (older servers) means `TELEGRAM`. Read it through `conversationChannel`. */
  channel?: Channel | string | null;
}

/** `GET /api/conversations/counts`: how many conversations each tab holds for the caller. */
export interface ConversationCounts {
  unclaimed: number;
  mine: number;
  open: number;
  closed: number;
  blocked: number;
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
  /** Author of an OUTBOUND message (null for the customer and for system messages). */
  operatorId?: string | null;
  operatorName?: string | null;
  /** Template key of a system message (e.g. `conversation_reopened`), null for normal messages. */
  systemKey?: string | null;
  /** Files, stickers, locations and contacts of the message (files at `GET /api/media/{id}`). */
  attachments?: MessageAttachment[] | null;
  /** The message this one answers (Telegram reply), when known, and a short quote of its text. */
  replyToMessageId?: string | null;
  replyToText?: string | null;
  /** When the text was last edited (versions at `GET …/messages/{id}/versions`), or null. */
  editedAt?: string | null;
  reactions?: MessageReaction[] | null;
  /** `TELEGRAM`, `WIDGET`, `WEB_CONSOLE`, `TELEGRAM_TOPIC` (an operator wrote in the forum topic) or `SYSTEM`. */
  source?: MessageSource | string | null;
  /** Set when the message was deleted (soft delete; the console keeps a "message deleted" placeholder). */
  deletedAt?: string | null;
}

export type MessageSource = 'TELEGRAM' | 'WIDGET' | 'WEB_CONSOLE' | 'TELEGRAM_TOPIC' | 'SYSTEM';

export type AttachmentKind = 'PHOTO' | 'DOCUMENT' | 'VOICE' | 'AUDIO' | 'VIDEO' | 'VIDEO_NOTE' | 'STICKER' | 'ANIMATION'
  | 'LOCATION' | 'CONTACT';

/** One attachment of a message (conversation-api `MessageAttachment`); sizes in bytes, duration in seconds. */
export interface MessageAttachment {
  id: string;
  kind: AttachmentKind | string;
  fileName?: string | null;
  mimeType?: string | null;
  fileSize?: number | null;
  width?: number | null;
  height?: number | null;
  duration?: number | null;
  emoji?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  phoneNumber?: string | null;
  contactName?: string | null;
}

/** A reaction on a message: the emoji, how many set it, and whether the customer is one of them. */
export interface MessageReaction {
  emoji: string;
  count: number;
  byCustomer: boolean;
}

/** An item of `GET /api/conversations/{id}/messages/{messageId}/versions` (previous texts, oldest first). */
export interface MessageVersion {
  text: string;
  editedAt: string;
}

export interface Operator {
  id: string;
  username: string;
  displayName: string;
  /** `ADMIN` or `OPERATOR`. */
  role: string;
  /** False once deactivated (`GET /api/operators` lists them too, so old assignments keep their names). */
  active?: boolean;
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

/** A private note on a conversation (operators only). */
export interface Note {
  id: string;
  conversationId: string;
  operatorId: string;
  operatorName: string;
  text: string;
  createdAt: string;
}

/** A canned response (`GET /api/canned-responses`): shared, or personal to `ownerId`. */
export interface CannedResponse {
  id: string;
  title: string;
  text: string;
  category: string | null;
  /** Without the slash: `refund` is typed as `/refund`. Matches `^[a-z0-9_-]{1,32}$`. */
  shortcut: string | null;
  shared: boolean;
  ownerId: string | null;
  usageCount: number;
  createdAt: string;
  updatedAt: string;
}

/** Body of `POST /api/canned-responses` and `PUT /api/canned-responses/{id}`. */
export interface CannedResponseInput {
  title: string;
  text: string;
  category?: string | null;
  shortcut?: string | null;
  shared: boolean;
}

/** `GET /api/search?q=` (each list at most 20 entries). */
export interface SearchResults {
  customers: { id: string; displayName: string; username: string | null; nickname: string | null; conversationId: string | null }[];
  messages: { conversationId: string; messageId: string; codename: string; snippet: string; createdAt: string }[];
}

/** An item of `GET /api/conversations/{id}/audit` (newest first). `before`/`after` are small JSON objects. */
export interface AuditEntry {
  id: string;
  conversationId: string | null;
  actorId: string | null;
  actorName: string | null;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  occurredAt: string;
}

/** A conversation's lifecycle state after a change, carried by every lifecycle event. */
export interface ConversationState {
  status: ConversationStatus;
  assigneeId: string | null;
  codename: string;
}

/** Who did it; null in events driven by the customer or a timer. */
export interface ActorSummary {
  id: string;
  name: string;
}

/** Event metadata the server copies from the conversation event into every payload (all optional here). */
interface EventMeta {
  eventId?: string;
  occurredAt?: string;
}

/** Conversation-opened and message events (the foundation's frames). */
export type MessageFrame =
  | {
      type: 'conversation.opened';
      conversationId: string;
      payload: EventMeta & {
        codename: string;
        status: ConversationStatus;
        customer: Customer;
        channel?: Channel | string | null;
      };
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
      payload: EventMeta & { messageId: string; status: 'FAILED'; reason?: string | null; failureKind?: string | null };
    }
  | {
      type: 'message.edited';
      conversationId: string;
      payload: EventMeta & { messageId: string; text: string; previousText?: string | null; editedAt?: string | null;
        actor?: ActorSummary | null };
    }
  | {
      type: 'message.deleted';
      conversationId: string;
      payload: EventMeta & { messageId: string; actor?: ActorSummary | null };
    }
  | {
      type: 'message.reactions_changed';
      conversationId: string;
      payload: EventMeta & { messageId: string; reactions: MessageReaction[] };
    };

export const LIFECYCLE_FRAME_TYPES = [
  'conversation.claimed',
  'conversation.assigned',
  'conversation.unassigned',
  'conversation.closed',
  'conversation.reopened',
  'conversation.blocked',
  'conversation.unblocked',
  'conversation.status_changed',
] as const;

export type LifecycleFrameType = (typeof LIFECYCLE_FRAME_TYPES)[number];

/** A lifecycle event: the conversation's `state` after the change. */
export interface LifecycleFrame {
  type: LifecycleFrameType;
  conversationId: string;
  payload: EventMeta & { state: ConversationState; actor?: ActorSummary | null };
}

export type ToolFrame =
  | {
      type: 'conversation.tagged' | 'conversation.untagged';
      conversationId: string;
      payload: EventMeta & { tag: Tag; actor?: ActorSummary | null };
    }
  | {
      type: 'note.added';
      conversationId: string;
      payload: EventMeta & { note: Note };
    }
  | {
      type: 'system_message.posted';
      conversationId: string;
      payload: EventMeta & {
        key: string;
        /**
         * `customer` (the customer may see it) or `operators` (never shown to the customer: the unclaimed
         * reminders `unclaimed_reminder_5m`, `unclaimed_reminder_15m_pin`). Absent on older servers.
         */
        audience?: 'customer' | 'operators' | string | null;
        /** The transcript bubble, when the template keeps one. */
        message?: Message | null;
        text?: string | null;
        widgetBanner?: boolean;
        telegram?: boolean;
        pin?: boolean;
      };
    }
  | {
      type: 'conversation.deleted';
      conversationId: string;
      payload: EventMeta & { reason?: string | null };
    };

/** Customer-side events: the customer's name changed (widget nickname); an operator marked the conversation read. */
export type CustomerFrame =
  | {
      type: 'customer.updated';
      conversationId: string;
      payload: EventMeta & { customer: Customer };
    }
  | {
      type: 'conversation.read';
      conversationId: string;
      payload: EventMeta & { readAt?: string | null; actor?: ActorSummary | null };
    };

/**
 * Ephemeral widget signals relayed by notification-service (never stored, no event id): the customer is typing
 * (`active`), or has read the conversation (`readAt` = server time when given; without it, when it arrived).
 */
export type EphemeralFrame =
  | {
      type: 'customer.typing';
      conversationId: string;
      payload: { active: boolean };
    }
  | {
      type: 'customer.read';
      conversationId: string;
      payload: { readAt?: string | null };
    };

/** Every frame the console understands (`{type, conversationId, payload}` with the event as payload). */
export type ServerFrame = MessageFrame | LifecycleFrame | ToolFrame | CustomerFrame | EphemeralFrame;

export type ServerFrameType = ServerFrame['type'];

/** Frames the console sends on the operator socket (besides its `ping`): the operator is typing a reply or stopped. */
export type ClientFrame = { type: 'typing'; conversationId: string; active: boolean };
