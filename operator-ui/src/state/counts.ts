import type { ConversationCounts, ConversationStatus } from '../api/types';

/** What decides which tab counts a conversation. */
export interface CountedState {
  status: ConversationStatus;
  assigneeId: string | null;
}

/**
 * Tab counts: the server's `GET /api/conversations/counts`, adjusted at once by live changes whose previous state
 * the console knows (the console also re-reads the counts shortly after, so the server has the last word).
 */
export interface CountsState {
  counts: ConversationCounts | null;
  /** The last known state of each conversation seen in a page, a snapshot or an event. */
  known: Record<string, CountedState>;
}

export type CountsAction =
  | { type: 'loaded'; counts: ConversationCounts }
  /** Conversations seen in REST answers: remembered as the "before" of later changes, counts untouched. */
  | { type: 'observed'; conversations: ({ id: string } & { status: ConversationStatus; assigneeId?: string | null })[] }
  /**
   * A conversation's state changed to `after` (null = deleted). `created` for a new conversation (no before).
   * When the state before is unknown the counts stay as they are until the next load.
   */
  | { type: 'changed'; conversationId: string; after: CountedState | null; created?: boolean };

export const initialCountsState: CountsState = { counts: null, known: {} };

/** The counters a conversation in `state` adds to, for the operator `me`. */
export function countBuckets(state: CountedState, me: string | null): (keyof ConversationCounts)[] {
  switch (state.status) {
    case 'OPEN_UNCLAIMED':
      return ['unclaimed', 'open'];
    case 'OPEN_ASSIGNED':
    case 'AWAITING_CUSTOMER':
      return me !== null && state.assigneeId === me ? ['mine', 'open'] : ['open'];
    case 'CLOSED':
      return ['closed'];
    case 'BLOCKED':
      return ['blocked'];
    default:
      return [];
  }
}

/** `counts` after one conversation moved from `before` to `after` (either may be null); never below zero. */
export function adjustCounts(counts: ConversationCounts, before: CountedState | null, after: CountedState | null,
  me: string | null): ConversationCounts {
  const next = { ...counts };
  for (const bucket of before ? countBuckets(before, me) : []) next[bucket] = Math.max(0, next[bucket] - 1);
  for (const bucket of after ? countBuckets(after, me) : []) next[bucket] += 1;
  return next;
}

function same(a: CountedState | undefined, b: CountedState): boolean {
  return !!a && a.status === b.status && (a.assigneeId ?? null) === (b.assigneeId ?? null);
}

/** Reducer of {@link CountsState} for the operator `me` (bind it: `(s, a) => countsReducer(s, a, me)`). */
export function countsReducer(state: CountsState, action: CountsAction, me: string | null): CountsState {
  switch (action.type) {
    case 'loaded':
      return { ...state, counts: action.counts };
    case 'observed': {
      let known = state.known;
      for (const c of action.conversations) {
        const entry = { status: c.status, assigneeId: c.assigneeId ?? null };
        if (same(known[c.id], entry)) continue;
        if (known === state.known) known = { ...known };
        known[c.id] = entry;
      }
      return known === state.known ? state : { ...state, known };
    }
    case 'changed': {
      const before = state.known[action.conversationId];
      const after = action.after ? { status: action.after.status, assigneeId: action.after.assigneeId ?? null } : null;
      if (after && same(before, after)) return state;
      if (!after && !before) return state;
      const known = { ...state.known };
      if (after) known[action.conversationId] = after;
      else delete known[action.conversationId];
      let counts = state.counts;
      if (counts && (before || action.created)) counts = adjustCounts(counts, before ?? null, after, me);
      return { counts, known };
    }
  }
}
