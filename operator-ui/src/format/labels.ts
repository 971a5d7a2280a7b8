import type { ConversationStatus, Customer, Message } from '../api/types';
import { type MessageKey, t } from '../i18n';
import { en } from '../i18n/en';
import { reminderMinutes } from '../state/reminders';

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
    case 'RECORDED':
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
    case 'BLOCKED':
      return 'red';
    default:
      return 'gray';
  }
}

/** Label of an audit action such as `conversation.claimed`; unknown actions are shown as they came. */
export function auditActionLabel(action: string): string {
  const key = `audit.action.${action}`;
  return key in en ? t(key as MessageKey) : action;
}

/** Label of a system message template key such as `conversation_reopened`; unknown keys are shown as they came. */
export function systemKeyLabel(key: string): string {
  const name = `system.${key}`;
  return name in en ? t(name as MessageKey) : key;
}

/**
 * A compact one-line view of an audit entry's `before`/`after` object: `status: CLOSED, assignee: Anna` (ids of
 * operators named through `operatorName`); empty objects and null give ''.
 */
export function auditStateText(value: Record<string, unknown> | null | undefined,
  operatorName: (id: string) => string | null = () => null): string {
  if (!value || typeof value !== 'object') return '';
  return Object.entries(value)
    .map(([key, raw]) => {
      let shown: string;
      if (raw === null || raw === undefined) shown = '—';
      else if (key === 'assigneeId' || key === 'operatorId') shown = operatorName(String(raw)) ?? String(raw);
      else if (key === 'status') shown = conversationStatusLabel(String(raw));
      else if (typeof raw === 'object') shown = JSON.stringify(raw);
      else shown = String(raw);
      const field = `audit.field.${key}`;
      return `${field in en ? t(field as MessageKey) : key}: ${shown}`;
    })
    .join(', ');
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

/**
 * The notification text of an operator reminder: "Blue Lion #84C2 has waited 15 minutes — unclaimed" (minutes from
 * the reminder's template key), or "… is still waiting — unclaimed" for a key without minutes; "A conversation"
 * when the codename is unknown.
 */
export function reminderNoticeText(codename: string | null | undefined, key: string): string {
  const name = codename || t('reminder.unknownConversation');
  const minutes = reminderMinutes(key);
  return minutes === null ? t('reminder.toastWaiting', { codename: name }) : t('reminder.toast', { codename: name, minutes });
}
