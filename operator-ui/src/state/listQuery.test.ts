import { describe, expect, it } from 'vitest';
import { conversationQueryString } from '../api/ApiClient';
import type { Conversation } from '../api/types';
import { canAddLive, defaultListQuery, matchesQuery, queryKey, tabCount, toConversationQuery } from './listQuery';

const me = 'op-me';
const counts = { unclaimed: 1, mine: 2, open: 3, closed: 4, blocked: 5 };

function item(extra: Partial<Conversation>): Pick<Conversation, 'status' | 'assigneeId' | 'tags' | 'unreadCount'> {
  return { status: 'OPEN_UNCLAIMED', assigneeId: null, tags: [], unreadCount: 0, ...extra };
}

describe('tabs', () => {
  it('turn into the list filters of GET /api/conversations', () => {
    const params = (query = defaultListQuery) => decodeURIComponent(conversationQueryString(toConversationQuery(query), null, 50));
    expect(params({ ...defaultListQuery, tab: 'unclaimed' })).toBe('status=OPEN_UNCLAIMED&limit=50');
    expect(params({ ...defaultListQuery, tab: 'mine' })).toBe('status=OPEN_ASSIGNED,AWAITING_CUSTOMER&assignee=me&limit=50');
    expect(params()).toBe('status=OPEN_UNCLAIMED,OPEN_ASSIGNED,AWAITING_CUSTOMER&limit=50');
    expect(params({ tab: 'closed', tag: 't1', unread: true, q: '  refund  ' })).toBe('status=CLOSED&tag=t1&unread=true&q=refund&limit=50');
    expect(conversationQueryString(toConversationQuery({ ...defaultListQuery, tab: 'blocked' }), 'cur/1', 20))
      .toBe('status=BLOCKED&cursor=cur%2F1&limit=20');
  });

  it('show the matching server count', () => {
    expect([tabCount('unclaimed', counts), tabCount('mine', counts), tabCount('all', counts), tabCount('closed', counts),
      tabCount('blocked', counts)]).toEqual([1, 2, 3, 4, 5]);
  });

  it('key a query by its values, ignoring surrounding blanks of the text', () => {
    expect(queryKey({ ...defaultListQuery, q: ' a ' })).toBe(queryKey({ ...defaultListQuery, q: 'a' }));
    expect(queryKey({ ...defaultListQuery, tab: 'mine' })).not.toBe(queryKey(defaultListQuery));
  });
});

describe('matchesQuery', () => {
  it('checks status, assignee for Mine, tag and unread', () => {
    const mine = { ...defaultListQuery, tab: 'mine' as const };
    expect(matchesQuery(item({ status: 'OPEN_ASSIGNED', assigneeId: me }), mine, me)).toBe(true);
    expect(matchesQuery(item({ status: 'AWAITING_CUSTOMER', assigneeId: me }), mine, me)).toBe(true);
    expect(matchesQuery(item({ status: 'OPEN_ASSIGNED', assigneeId: 'anna' }), mine, me)).toBe(false);
    expect(matchesQuery(item({ status: 'CLOSED', assigneeId: me }), mine, me)).toBe(false);
    expect(matchesQuery(item({ status: 'CLOSED' }), defaultListQuery, me)).toBe(false);
    const tagged = { ...defaultListQuery, tag: 't1' };
    expect(matchesQuery(item({ tags: [{ id: 't1', name: 'vip', color: '#ff0000' }] }), tagged, me)).toBe(true);
    expect(matchesQuery(item({ tags: [] }), tagged, me)).toBe(false);
    const unread = { ...defaultListQuery, unread: true };
    expect(matchesQuery(item({ unreadCount: 2 }), unread, me)).toBe(true);
    expect(matchesQuery(item({ unreadCount: 0 }), unread, me)).toBe(false);
  });

  it('never adds from a live event under a text filter (only the server evaluates it)', () => {
    expect(canAddLive(item({}), defaultListQuery, me)).toBe(true);
    expect(canAddLive(item({}), { ...defaultListQuery, q: 'refund' }, me)).toBe(false);
    expect(matchesQuery(item({}), { ...defaultListQuery, q: 'refund' }, me)).toBe(true);
  });
});
