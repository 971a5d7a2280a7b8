import type { Conversation, ServerFrame } from '../api/types';
import { isLifecycleFrame } from './conversationPatch';

/** Template keys of the operator reminders about an unclaimed conversation, with the default wait they stand for. */
export const REMINDER_KEYS: Readonly<Record<string, number>> = {
  unclaimed_reminder_5m: 5,
  unclaimed_reminder_15m_pin: 15,
};

/** One operator reminder as it arrived (`system_message.posted`, audience `operators`). */
export interface Reminder {
  key: string;
  /** The template text as the server rendered it (may be empty). */
  text: string;
  /** Pin it at the top of the conversation's thread (the template's `pin` flag). */
  pin: boolean;
  /** When it was posted (ISO-8601): the event's `occurredAt`, else when it arrived. */
  at: string;
  eventId: string | null;
  /** The transcript bubble of the reminder, when the template keeps one. */
  messageId: string | null;
}

/** What one conversation's reminders show until someone claims it: the latest one and the latest pinned one. */
export interface ConversationReminders {
  latest: Reminder;
  pinned: Reminder | null;
}

/** Reminders of unclaimed conversations by conversation id (live only: nothing is stored or re-read). */
export interface RemindersState {
  byConversation: Record<string, ConversationReminders>;
}

export type RemindersAction =
  | { type: 'frame'; frame: ServerFrame; receivedAt: string }
  /** Conversations seen in REST answers (list pages, snapshots, action answers): claimed ones lose their reminder. */
  | { type: 'observed'; conversations: Pick<Conversation, 'id' | 'status' | 'assigneeId'>[] }
  /** The conversations are gone (deleted, the customer's data erased). */
  | { type: 'removed'; conversationIds: string[] };

export const initialRemindersState: RemindersState = { byConversation: {} };

type SystemMessageFrame = Extract<ServerFrame, { type: 'system_message.posted' }>;

/**
 * True for a `system_message.posted` meant for operators only: audience `operators`; an event without `audience`
 * (older servers) counts when its key is one of the unclaimed reminders.
 */
export function isOperatorReminder(frame: ServerFrame): frame is SystemMessageFrame {
  if (frame.type !== 'system_message.posted') return false;
  const audience = frame.payload.audience;
  if (audience === 'operators') return true;
  return (audience === undefined || audience === null) && frame.payload.key in REMINDER_KEYS;
}

/** A reminder frame as a {@link Reminder}. */
export function reminderOf(frame: SystemMessageFrame, receivedAt: string): Reminder {
  const { payload } = frame;
  return {
    key: payload.key,
    text: payload.text ?? payload.message?.text ?? '',
    pin: payload.pin === true,
    at: payload.occurredAt ?? payload.message?.createdAt ?? receivedAt,
    eventId: payload.eventId ?? null,
    messageId: payload.message?.id ?? null,
  };
}

/** Only an unclaimed conversation (status `OPEN_UNCLAIMED`, nobody assigned) keeps its reminder. */
export function isUnclaimed(state: { status: string; assigneeId?: string | null }): boolean {
  return state.status === 'OPEN_UNCLAIMED' && !state.assigneeId;
}

function sameReminder(a: Reminder | null | undefined, b: Reminder): boolean {
  if (!a) return false;
  if (a.eventId && b.eventId) return a.eventId === b.eventId;
  if (a.messageId && b.messageId) return a.messageId === b.messageId;
  return false;
}

/**
 * True when `frame` is an operator reminder not applied yet to `state` (a redelivered event is not announced
 * twice).
 */
export function isNewReminder(state: RemindersState, frame: ServerFrame): boolean {
  if (!isOperatorReminder(frame)) return false;
  const current = state.byConversation[frame.conversationId];
  const incoming = reminderOf(frame, '');
  return !current || (!sameReminder(current.latest, incoming) && !sameReminder(current.pinned, incoming));
}

function without(state: RemindersState, ids: Iterable<string>): RemindersState {
  let byConversation = state.byConversation;
  for (const id of ids) {
    if (!(id in byConversation)) continue;
    if (byConversation === state.byConversation) byConversation = { ...byConversation };
    delete byConversation[id];
  }
  return byConversation === state.byConversation ? state : { byConversation };
}

/**
 * Reminders per conversation: an operator reminder (`system_message.posted`, audience `operators`) marks its
 * conversation; a `pin` one is also kept as the pinned reminder. Both stay until the conversation is no longer
 * unclaimed — a lifecycle event or a REST snapshot with another status or an assignee (claim, assign, reply, close,
 * block) — or it is deleted. A redelivered reminder (same event or message id) changes nothing.
 */
export function remindersReducer(state: RemindersState, action: RemindersAction): RemindersState {
  switch (action.type) {
    case 'frame': {
      const frame = action.frame;
      if (isOperatorReminder(frame)) {
        if (!isNewReminder(state, frame)) return state;
        const reminder = reminderOf(frame, action.receivedAt);
        const current = state.byConversation[frame.conversationId];
        const pinned = reminder.pin ? reminder : current?.pinned ?? null;
        return { byConversation: { ...state.byConversation, [frame.conversationId]: { latest: reminder, pinned } } };
      }
      if (isLifecycleFrame(frame)) {
        return isUnclaimed(frame.payload.state) ? state : without(state, [frame.conversationId]);
      }
      if (frame.type === 'conversation.deleted') return without(state, [frame.conversationId]);
      return state;
    }
    case 'observed':
      return without(state, action.conversations.filter((c) => !isUnclaimed(c)).map((c) => c.id));
    case 'removed':
      return without(state, action.conversationIds);
  }
}

/** The conversation's reminders, or null. */
export function remindersOf(state: RemindersState, conversationId: string | null | undefined): ConversationReminders | null {
  return conversationId ? state.byConversation[conversationId] ?? null : null;
}

/** Ids of the conversations that carry a reminder. */
export function remindedIds(state: RemindersState): ReadonlySet<string> {
  return new Set(Object.keys(state.byConversation));
}

/**
 * How many minutes the reminder says the conversation has waited: the template key's default threshold
 * (`unclaimed_reminder_15m_pin` → 15), else the digits before `m` in an unknown key, else null.
 */
export function reminderMinutes(key: string): number | null {
  if (key in REMINDER_KEYS) return REMINDER_KEYS[key];
  const match = /_(\d+)m(?:_|$)/.exec(key);
  return match ? Number(match[1]) : null;
}
