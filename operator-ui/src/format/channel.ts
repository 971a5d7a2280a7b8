import type { Channel, Conversation } from '../api/types';
import { t } from '../i18n';

/**
 * The channel named by a wire value: `WIDGET` (any case) is the web widget; anything else, including absent
 * (servers before the widget), is `TELEGRAM`.
 */
export function parseChannel(value: unknown): Channel {
  return typeof value === 'string' && value.trim().toUpperCase() === 'WIDGET' ? 'WIDGET' : 'TELEGRAM';
}

/** The channel a conversation's customer writes from. */
export function conversationChannel(conversation: Pick<Conversation, 'channel'>): Channel {
  return parseChannel(conversation.channel);
}

/** Human name of a channel: "Telegram", "Web widget". */
export function channelLabel(channel: Channel): string {
  return t(channel === 'WIDGET' ? 'channel.WIDGET' : 'channel.TELEGRAM');
}
