import { MantineProvider } from '@mantine/core';
import { type ReactElement, createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../api/ApiClient';
import type { CannedResponse, Conversation, CustomerProfile, Message, Note } from '../api/types';
import type { AuthSession } from '../auth/AuthSession';
import { defaultListQuery } from '../state/listQuery';
import { initialThreadState } from '../state/thread';
import { ConversationPanel } from './ConversationPanel';
import { ConversationView } from './ConversationView';
import { CustomerPanel } from './CustomerDrawer';
import { HeaderBar } from './HeaderBar';
import { type ConsoleData, ConsoleDataContext } from './consoleData';
import { ServicesContext } from './services';

const me = { id: 'op-me', username: 'me', displayName: 'Me Myself', role: 'OPERATOR', active: true };
const anna = { id: 'op-anna', username: 'anna', displayName: 'Anna', role: 'OPERATOR', active: true };
const canned: CannedResponse[] = [];

function data(admin = false): ConsoleData {
  const operators = [me, anna];
  return {
    viewer: { id: me.id, admin },
    operators,
    operatorName: (id) => operators.find((o) => o.id === id)?.displayName ?? null,
    tags: [{ id: 't1', name: 'vip', color: '#ffcc00' }],
    reloadTags: () => undefined,
    canned,
    reloadCanned: () => undefined,
  };
}

/** Server-side render (no effects run, nothing is fetched) inside the providers the console gives. */
function render(element: ReactElement, consoleData = data()): string {
  const services = {
    auth: { current: () => null } as unknown as AuthSession,
    api: {} as unknown as ApiClient,
  };
  return renderToString(createElement(MantineProvider, null,
    createElement(ServicesContext.Provider, { value: services },
      createElement(ConsoleDataContext.Provider, { value: consoleData }, element))));
}

function conversation(extra: Partial<Conversation> = {}): Conversation {
  return {
    id: 'c1', status: 'OPEN_UNCLAIMED', codename: 'Blue Lion #84C2',
    customer: { id: 'cu', displayName: 'Maya', username: 'maya', nickname: 'Mayo' },
    lastMessage: null, unreadCount: 0, updatedAt: '2026-11-21T10:00:00Z', createdAt: '2026-11-21T10:00:00Z',
    assigneeId: null, tags: [{ id: 't1', name: 'vip', color: '#ffcc00' }], closedAt: null, ...extra,
  };
}

const messages: Message[] = [
  { id: 'm1', direction: 'INBOUND', text: 'Hello', status: 'RECEIVED', createdAt: '2026-11-21T10:00:00Z' },
  { id: 's1', direction: 'OUTBOUND', text: 'Conversation reopened', status: 'RECORDED', createdAt: '2026-11-21T10:01:00Z', systemKey: 'conversation_reopened' },
  { id: 'm2', direction: 'OUTBOUND', text: 'Hi Maya', status: 'SENT', createdAt: '2026-11-21T10:02:00Z', operatorId: 'op-anna', operatorName: 'Anna' },
];
const notes: Note[] = [{ id: 'n1', conversationId: 'c1', operatorId: 'op-anna', operatorName: 'Anna', text: 'VIP customer', createdAt: '2026-11-21T10:03:00Z' }];

function view(c: Conversation, consoleData = data(), extra: Partial<Parameters<typeof ConversationView>[0]> = {}): string {
  return render(createElement(ConversationView, {
    conversation: c,
    thread: { ...initialThreadState, conversationId: c.id, messages, loaded: true },
    error: null,
    notes: { conversationId: c.id, notes, loaded: true, nextCursor: null, pages: 1 },
    notesError: null,
    onSend: async () => undefined,
    onAddNote: async () => undefined,
    onChanged: () => undefined,
    onRefused: () => undefined,
    ...extra,
  }), consoleData);
}

const testIds = (html: string) => new Set([...html.matchAll(/data-testid="([^"]+)"/g)].map((m) => m[1]));
const actions = (html: string) => [...testIds(html)].filter((id) => id.startsWith('action-')).sort();

describe('conversation view rendering', () => {
  it('shows header, system line, authored bubble, tags, notes, canned picker, audit and export', () => {
    const html = view(conversation());
    for (const id of ['conversation-view', 'conversation-header', 'conversation-status', 'conversation-assignee',
      'tag-chip', 'tag-remove', 'tag-add', 'notes-panel', 'note-input', 'note-submit', 'note-item', 'canned-picker', 'audit-open',
      'export-json', 'export-csv', 'system-message', 'message', 'message-author', 'reply-input', 'reply-send']) {
      expect(html, id).toContain(`data-testid="${id}"`);
    }
    expect(html).toContain('data-system-key="conversation_reopened"');
    expect(html.match(/data-testid="message"/g)).toHaveLength(2); // the system line is not a bubble
    expect(html).toContain('Mayo');
    expect(html).toContain('Unassigned');
  });

  it('offers the buttons the lifecycle table allows for the viewer', () => {
    expect(actions(view(conversation()))).toEqual(['action-block', 'action-claim', 'action-close']);
    expect(actions(view(conversation({ status: 'OPEN_ASSIGNED', assigneeId: 'op-me' }))))
      .toEqual(['action-assign', 'action-block', 'action-close', 'action-unassign']);
    const annas = view(conversation({ status: 'AWAITING_CUSTOMER', assigneeId: 'op-anna' }));
    expect(actions(annas)).toEqual([]);
    expect(annas).toContain('Assigned to Anna');
    expect(annas).toContain('data-assignee-id="op-anna"');
    expect(actions(view(conversation({ status: 'OPEN_ASSIGNED', assigneeId: 'op-anna' }), data(true))))
      .toEqual(['action-assign', 'action-block', 'action-close', 'action-unassign']);
    expect(actions(view(conversation({ status: 'CLOSED' })))).toEqual(['action-block', 'action-reopen']);
    const blocked = view(conversation({ status: 'BLOCKED' }));
    expect(actions(blocked)).toEqual(['action-unblock']);
    expect(blocked).toMatch(/<textarea[^>]*disabled[^>]*data-testid="reply-input"|<textarea[^>]*data-testid="reply-input"[^>]*disabled/);
  });
});

describe('widget conversations rendering', () => {
  const channelOf = (html: string) => [...html.matchAll(/data-testid="conversation-channel"[^>]*data-channel="([A-Z]+)"/g)].map((m) => m[1]);

  it('shows the channel in the header and the list row (TELEGRAM when absent)', () => {
    expect(channelOf(view(conversation({ channel: 'WIDGET' })))).toEqual(['WIDGET']);
    expect(channelOf(view(conversation()))).toEqual(['TELEGRAM']);
    const list = render(createElement(ConversationPanel, {
      query: defaultListQuery, onQueryChange: () => undefined, counts: null,
      items: [conversation({ id: 'w', channel: 'WIDGET' }), conversation({ id: 't' })], openId: null,
      onOpen: () => undefined, onOpenById: () => undefined, hasMore: false, loadingMore: false,
      onLoadMore: () => undefined, error: null, now: Date.parse('2026-11-21T12:00:00Z'),
    }));
    expect(channelOf(list)).toEqual(['WIDGET', 'TELEGRAM']);
    expect(list).toContain('aria-label="Web widget"');
  });

  it('shows "Customer is typing…" only while the customer types', () => {
    expect(view(conversation())).not.toContain('data-testid="customer-typing"');
    expect(view(conversation(), data(), { customerTyping: true })).toMatch(/data-testid="customer-typing"[^>]*>Customer is typing…</);
  });

  it('marks the replies the customer has read with data-read and a double tick', () => {
    const readAt = Date.parse('2026-11-21T10:02:00Z');
    const html = view(conversation(), data(), { customerReadAt: readAt });
    expect(html).toMatch(/data-message-id="m2"[^>]*data-read="true"/);
    expect(html).toContain('aria-label="Read by the customer"');
    const before = view(conversation(), data(), { customerReadAt: readAt - 1 });
    expect(before).toMatch(/data-message-id="m2"[^>]*data-read="false"/);
    expect(before).not.toContain('Read by the customer');
    expect(before).not.toMatch(/data-message-id="m1"[^>]*data-read/); // customer messages carry no read mark
  });
});

describe('conversation panel and header rendering', () => {
  it('shows the search box, the tabs with counts and the filters', () => {
    const html = render(createElement(ConversationPanel, {
      query: defaultListQuery, onQueryChange: () => undefined,
      counts: { unclaimed: 3, mine: 1, open: 7, closed: 12, blocked: 0 },
      items: [conversation({ assigneeId: 'op-anna', status: 'OPEN_ASSIGNED' })], openId: null,
      onOpen: () => undefined, onOpenById: () => undefined, hasMore: false, loadingMore: false,
      onLoadMore: () => undefined, error: null, now: Date.parse('2026-11-21T12:00:00Z'),
    }));
    for (const id of ['search-input', 'tab-unclaimed', 'tab-mine', 'tab-all', 'tab-closed', 'tab-blocked', 'tag-filter',
      'unread-filter', 'conversation-list', 'conversation-item']) {
      expect(html, id).toContain(`data-testid="${id}"`);
    }
    expect(html.match(/data-testid="tab-count"[^>]*>(?:<[^>]+>)*\d+/g)?.map((m) => m.replace(/.*>/, ''))).toEqual(['3', '1', '7', '12', '0']);
    // tab-count sits inside its tab
    expect(html).toMatch(/data-testid="tab-unclaimed"(?:(?!<\/button>).)*data-testid="tab-count"/s);
  });

  it('shows "Admin" only when the console passes onOpenAdmin (admins)', () => {
    const props = { operator: me, presence: [], connection: 'live' as const, onLogout: () => undefined };
    expect(render(createElement(HeaderBar, props))).not.toContain('data-testid="admin-open"');
    expect(render(createElement(HeaderBar, { ...props, onOpenAdmin: () => undefined }))).toContain('data-testid="admin-open"');
  });
});

describe('reminders, customer panel and notes paging rendering', () => {
  const panel = (reminderIds?: ReadonlySet<string>) => render(createElement(ConversationPanel, {
    query: defaultListQuery, onQueryChange: () => undefined, counts: null,
    items: [conversation({ id: 'c1' }), conversation({ id: 'c2', codename: 'Red Fox #11AA' })], openId: null,
    onOpen: () => undefined, onOpenById: () => undefined, hasMore: false, loadingMore: false,
    onLoadMore: () => undefined, error: null, now: Date.parse('2026-11-21T12:00:00Z'), reminderIds,
  }));

  it('marks the rows of reminded conversations with a reminder badge', () => {
    expect(panel()).not.toContain('data-testid="reminder-badge"');
    const html = panel(new Set(['c2']));
    expect(html.match(/data-testid="reminder-badge"/g)).toHaveLength(1);
    // the badge sits in the row of c2
    expect(html).toMatch(/data-conversation-id="c2"[^>]*data-reminder="true"(?:(?!<\/li>).)*data-testid="reminder-badge"/s);
    expect(html).not.toMatch(/data-conversation-id="c1"[^>]*data-reminder/);
  });

  it('pins a pinned reminder above the thread, and offers the customer panel', () => {
    const pinned = { key: 'unclaimed_reminder_15m_pin', text: 'Blue Lion #84C2 waits for an agent', pin: true,
      at: '2026-11-21T10:15:00Z', eventId: 'e1', messageId: 'm9' };
    const html = view(conversation(), data(), { pinnedReminder: pinned });
    expect(html).toMatch(/data-testid="pinned-reminder"[^>]*data-system-key="unclaimed_reminder_15m_pin"/);
    expect(html).toContain('Blue Lion #84C2 waits for an agent');
    // above the message list
    expect(html.indexOf('data-testid="pinned-reminder"')).toBeLessThan(html.indexOf('data-testid="message-list"'));
    expect(view(conversation())).not.toContain('data-testid="pinned-reminder"');
    expect(html).toContain('data-testid="customer-open"');
  });

  it('shows "Load more notes" while the server has more pages', () => {
    expect(view(conversation(), data(), { onLoadMoreNotes: () => undefined })).not.toContain('data-testid="notes-load-more"');
    const more = view(conversation(), data(), {
      notes: { conversationId: 'c1', notes, loaded: true, nextCursor: 'k1', pages: 1 }, onLoadMoreNotes: () => undefined,
    });
    expect(more).toContain('data-testid="notes-load-more"');
  });

  const profile: CustomerProfile = {
    id: 'cu', displayName: 'Maya', username: 'maya', nickname: 'Mayo', languageCode: 'he', createdAt: '2026-01-05T09:00:00Z',
    conversations: [
      { id: 'c1', codename: 'Blue Lion #84C2', status: 'OPEN_UNCLAIMED', createdAt: '2026-11-21T10:00:00Z', closedAt: null },
      { id: 'c0', codename: 'Old Owl #0001', status: 'CLOSED', createdAt: '2026-02-01T10:00:00Z', closedAt: '2026-02-02T10:00:00Z' },
    ],
  };
  const customerPanel = (admin: boolean) => render(createElement(CustomerPanel, {
    customerId: 'cu', currentConversationId: 'c1', onOpenConversation: () => undefined, onErase: () => undefined,
    initialProfile: profile,
  }), data(admin));

  it('shows the customer profile and their conversations; erasure only for admins', () => {
    const html = customerPanel(false);
    expect(html).toContain('data-testid="customer-profile"');
    expect(html).toContain('Mayo');
    expect(html).toContain('@maya');
    expect([...html.matchAll(/data-testid="customer-conversation"[^>]*data-conversation-id="([^"]+)"/g)].map((m) => m[1]))
      .toEqual(['c1', 'c0']);
    expect(html).toMatch(/aria-current="true"[^>]*data-testid="customer-conversation"[^>]*data-conversation-id="c1"/);
    expect(html).not.toContain('data-testid="customer-erase"');
    expect(customerPanel(true)).toContain('data-testid="customer-erase"');
  });
});
