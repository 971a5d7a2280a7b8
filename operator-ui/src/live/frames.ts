import { LIFECYCLE_FRAME_TYPES, type ServerFrame } from '../api/types';

const LIFECYCLE_TYPES = new Set<string>(LIFECYCLE_FRAME_TYPES);

const KNOWN_TYPES = new Set<string>([
  'conversation.opened',
  'message.received',
  'message.queued',
  'message.sent',
  'message.failed',
  'message.edited',
  'message.deleted',
  'message.reactions_changed',
  ...LIFECYCLE_FRAME_TYPES,
  'conversation.tagged',
  'conversation.untagged',
  'note.added',
  'system_message.posted',
  'conversation.deleted',
  'customer.updated',
  'conversation.read',
  'customer.typing',
  'customer.read',
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object';
}

/** URL of the operator socket for a page served from `location` (`ws:` for `http:`, `wss:` for `https:`). */
export function operatorSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws/operator`;
}

/**
 * The subprotocols that carry the access token in `Sec-WebSocket-Protocol` (browsers cannot set headers on a
 * WebSocket); Quarkus turns the second one into `Authorization: Bearer <token>` and selects the first.
 */
export function bearerSubprotocols(accessToken: string): string[] {
  return ['bearer-token-carrier', encodeURIComponent(`quarkus-http-upgrade#Authorization#Bearer ${accessToken}`)];
}

/**
 * Parses a server text frame into a known event frame; null for `pong`, unknown types, or malformed frames
 * (missing `conversationId` or `payload`, a `message.*` event without its message / message id, a `message.edited`
 * without `text`, a `message.reactions_changed` without a `reactions` array, a lifecycle event
 * without `state.status`, a tag event without `tag.id`, a note event without `note.id`, a system message without
 * `key`, or one whose `message` is present but has no id, a `customer.updated` without `customer.id` and
 * `customer.displayName`, a `customer.typing` without a boolean `active`). `customer.read` may come without a
 * payload (it is then `{}`).
 */
export function parseServerFrame(data: unknown): ServerFrame | null {
  if (typeof data !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const frame = value as { type?: unknown; conversationId?: unknown; payload?: unknown };
  if (typeof frame.type !== 'string' || !KNOWN_TYPES.has(frame.type)) return null;
  if (frame.type === 'customer.read' && frame.payload == null) frame.payload = {};
  if (typeof frame.conversationId !== 'string' || !frame.payload || typeof frame.payload !== 'object') return null;
  const payload = frame.payload as Record<string, unknown>;
  switch (frame.type) {
    case 'message.received':
    case 'message.queued': {
      const message = payload.message as Record<string, unknown> | undefined;
      if (!message || typeof message !== 'object' || typeof message.id !== 'string') return null;
      break;
    }
    case 'message.sent':
    case 'message.failed':
    case 'message.deleted':
      if (typeof payload.messageId !== 'string') return null;
      break;
    case 'message.edited':
      if (typeof payload.messageId !== 'string' || typeof payload.text !== 'string') return null;
      break;
    case 'message.reactions_changed':
      if (typeof payload.messageId !== 'string' || !Array.isArray(payload.reactions)) return null;
      break;
    case 'conversation.opened':
      if (!payload.customer || typeof payload.customer !== 'object') return null;
      break;
    case 'conversation.tagged':
    case 'conversation.untagged':
      if (!isObject(payload.tag) || typeof payload.tag.id !== 'string') return null;
      break;
    case 'note.added':
      if (!isObject(payload.note) || typeof payload.note.id !== 'string') return null;
      break;
    case 'customer.updated':
      if (!isObject(payload.customer) || typeof payload.customer.id !== 'string'
        || typeof payload.customer.displayName !== 'string') return null;
      break;
    case 'customer.typing':
      if (typeof payload.active !== 'boolean') return null;
      break;
    case 'system_message.posted':
      if (typeof payload.key !== 'string') return null;
      if (payload.message != null && (!isObject(payload.message) || typeof payload.message.id !== 'string')) return null;
      break;
    default:
      if (LIFECYCLE_TYPES.has(frame.type) && (!isObject(payload.state) || typeof payload.state.status !== 'string')) {
        return null;
      }
  }
  return frame as ServerFrame;
}
