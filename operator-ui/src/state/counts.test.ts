import { describe, expect, it } from 'vitest';
import type { ConversationCounts } from '../api/types';
import { type CountsAction, type CountsState, adjustCounts, countBuckets, countsReducer, initialCountsState } from './counts';

const me = 'op-me';
const zero: ConversationCounts = { unclaimed: 0, mine: 0, open: 0, closed: 0, blocked: 0 };
const reduce = (state: CountsState, action: CountsAction) => countsReducer(state, action, me);

function loaded(counts: Partial<ConversationCounts>): CountsState {
  return reduce(initialCountsState, { type: 'loaded', counts: { ...zero, ...counts } });
}

describe('countBuckets', () => {
  it('puts each state in its tabs', () => {
    expect(countBuckets({ status: 'OPEN_UNCLAIMED', assigneeId: null }, me)).toEqual(['unclaimed', 'open']);
    expect(countBuckets({ status: 'OPEN_ASSIGNED', assigneeId: me }, me)).toEqual(['mine', 'open']);
    expect(countBuckets({ status: 'AWAITING_CUSTOMER', assigneeId: me }, me)).toEqual(['mine', 'open']);
    expect(countBuckets({ status: 'OPEN_ASSIGNED', assigneeId: 'anna' }, me)).toEqual(['open']);
    expect(countBuckets({ status: 'CLOSED', assigneeId: me }, me)).toEqual(['closed']);
    expect(countBuckets({ status: 'BLOCKED', assigneeId: null }, me)).toEqual(['blocked']);
  });

  it('adjusts without going below zero', () => {
    expect(adjustCounts(zero, { status: 'OPEN_UNCLAIMED', assigneeId: null }, { status: 'CLOSED', assigneeId: null }, me))
      .toEqual({ ...zero, closed: 1 });
  });
});

describe('countsReducer', () => {
  it('moves a claimed conversation from Unclaimed to Mine, keeping the open total', () => {
    let state = loaded({ unclaimed: 3, open: 5, mine: 1 });
    state = reduce(state, { type: 'observed', conversations: [{ id: 'c1', status: 'OPEN_UNCLAIMED', assigneeId: null }] });
    state = reduce(state, { type: 'changed', conversationId: 'c1', after: { status: 'OPEN_ASSIGNED', assigneeId: me } });
    expect(state.counts).toEqual({ ...zero, unclaimed: 2, open: 5, mine: 2 });
    // the same event again (or the action's answer plus its event) changes nothing more
    const again = reduce(state, { type: 'changed', conversationId: 'c1', after: { status: 'OPEN_ASSIGNED', assigneeId: me } });
    expect(again).toBe(state);
  });

  it('follows a conversation through claim by someone else, close, reopen and block', () => {
    let state = loaded({ unclaimed: 1, open: 1 });
    state = reduce(state, { type: 'observed', conversations: [{ id: 'c1', status: 'OPEN_UNCLAIMED' }] });
    state = reduce(state, { type: 'changed', conversationId: 'c1', after: { status: 'OPEN_ASSIGNED', assigneeId: 'anna' } });
    expect(state.counts).toEqual({ ...zero, open: 1 });
    state = reduce(state, { type: 'changed', conversationId: 'c1', after: { status: 'CLOSED', assigneeId: 'anna' } });
    expect(state.counts).toEqual({ ...zero, closed: 1 });
    state = reduce(state, { type: 'changed', conversationId: 'c1', after: { status: 'OPEN_ASSIGNED', assigneeId: me } });
    expect(state.counts).toEqual({ ...zero, open: 1, mine: 1 });
    state = reduce(state, { type: 'changed', conversationId: 'c1', after: { status: 'BLOCKED', assigneeId: me } });
    expect(state.counts).toEqual({ ...zero, blocked: 1 });
  });

  it('counts a new conversation once, and a deletion of a known one', () => {
    let state = loaded({ unclaimed: 0, open: 0 });
    const created: CountsAction = { type: 'changed', conversationId: 'c9', created: true, after: { status: 'OPEN_UNCLAIMED', assigneeId: null } };
    state = reduce(reduce(state, created), created);
    expect(state.counts).toEqual({ ...zero, unclaimed: 1, open: 1 });
    state = reduce(state, { type: 'changed', conversationId: 'c9', after: null });
    expect(state.counts).toEqual(zero);
    expect(state.known.c9).toBeUndefined();
  });

  it('leaves the counts alone when the state before is unknown (the next load corrects them)', () => {
    let state = loaded({ unclaimed: 4, open: 4 });
    state = reduce(state, { type: 'changed', conversationId: 'x', after: { status: 'CLOSED', assigneeId: null } });
    expect(state.counts).toEqual({ ...zero, unclaimed: 4, open: 4 });
    expect(state.known.x).toEqual({ status: 'CLOSED', assigneeId: null });
    expect(reduce(state, { type: 'changed', conversationId: 'never-seen', after: null })).toBe(state);
  });

  it('replaces local adjustments with the server counts on load', () => {
    let state = loaded({ unclaimed: 1, open: 1 });
    state = reduce(state, { type: 'observed', conversations: [{ id: 'c1', status: 'OPEN_UNCLAIMED' }] });
    state = reduce(state, { type: 'changed', conversationId: 'c1', after: { status: 'CLOSED', assigneeId: null } });
    state = reduce(state, { type: 'loaded', counts: { ...zero, closed: 7 } });
    expect(state.counts).toEqual({ ...zero, closed: 7 });
    expect(state.known.c1.status).toBe('CLOSED');
  });
});
