import type { ConversationStatus, Customer, Message } from '../api/types';
import { type MessageKey, t } from '../i18n';
import { en } from '../i18n/en';

/** Delivery label of a message: "Sending…", "Sent", "failed: <reason>" or "Received". */
export function messageStatusLabel(message: Pick<Message, 'status' | 'failureReason'>): string {
  switch (message.status) {
    case 'FAILED': {
      const reason = message.failureReason?.trim();
      return t('message.FAILED', { reason: reason ? reason : t('message.unknownReason') });
    }
    case 'PENDING':
    case 'SENT':
    case 'RECEIVED':
      return t(`message.${message.status}`);
    default:
      return String(message.status);
  }
}

/** Human label of a conversation status; unknown statuses are shown as they came. */
export function conversationStatusLabel(status: ConversationStatus | string): string {
  const key = `status.${status}`;
  return key in en ? t(key as MessageKey) : status;
}

/** Mantine color for a conversation status badge. */
export function conversationStatusColor(status: ConversationStatus | string): string {
  switch (status) {
    case 'OPEN_UNCLAIMED':
      return 'orange';
    case 'OPEN_ASSIGNED':
      return 'blue';
    case 'AWAITING_CUSTOMER':
      return 'grape';
    case 'CLOSED':
      return 'gray';
    default:
      return 'gray';
  }
}

/** "Jane Doe (@jane)" or just "Jane Doe". */
export function customerLabel(customer: Customer): string {
  return customer.username ? `${customer.displayName} (@${customer.username})` : customer.displayName;
}

/**
 * Short relative time of `iso` seen at `nowMs`: "now" (under a minute, or in the future), "5m", "3h", "2d" up to a
 * week, then the local date.
 */
export function relativeTime(iso: string, nowMs: number, locale?: string): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const seconds = Math.floor((nowMs - then) / 1000);
  if (seconds < 60) return t('time.justNow');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t('time.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('time.hours', { count: hours });
  const days = Math.floor(hours / 24);
  if (days < 7) return t('time.days', { count: days });
  return new Date(then).toLocaleDateString(locale);
}

/** Preview line of a conversation's last message (first line, at most `max` characters). */
export function messagePreview(text: string, max = 80): string {
  const singleLine = text.replace(/\s+/g, ' ').trim();
  return singleLine.length > max ? `${singleLine.slice(0, max - 1)}…` : singleLine;
}
