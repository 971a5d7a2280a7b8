import { MantineProvider } from '@mantine/core';
import { type ReactElement, createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AdminArea } from '../admin/AdminEntry';
import { TelegramBotSection, TelegramSupportGroupSection, TelegramWebhookSection } from '../admin/TelegramPage';
import type { ApiClient } from '../api/ApiClient';
import type { Conversation, Message } from '../api/types';
import type { AuthSession } from '../auth/AuthSession';
import { initialThreadState } from '../state/thread';
import { ConversationView } from './ConversationView';
import { editKeyAction } from './MessageExtras';
import { TelegramLinkPanel } from './TelegramLinkPanel';
import { type ConsoleData, ConsoleDataContext } from './consoleData';
import { ServicesContext } from './services';

const me = { id: 'op-me', username: 'me', displayName: 'Me Myself', role: 'OPERATOR', active: true };

function data(): ConsoleData {
  return {
    viewer: { id: me.id, admin: false }, operators: [me], operatorName: () => 'Me Myself', tags: [],
    reloadTags: () => undefined, canned: [], reloadCanned: () => undefined,
  };
}

/** Server-side render (no effects run, nothing is fetched) inside the console's providers. */
function render(element: ReactElement): string {
  const services = {
    auth: { current: () => null } as unknown as AuthSession,
    api: { call: () => new Promise(() => undefined) } as unknown as ApiClient,
  };
  return renderToString(createElement(MantineProvider, null,
    createElement(ServicesContext.Provider, { value: services },
      createElement(ConsoleDataContext.Provider, { value: data() }, element))));
}

function conversation(extra: Partial<Conversation> = {}, botBlockedAt: string | null = null): Conversation {
  return {
    id: 'c1', status: 'OPEN_ASSIGNED', codename: 'Blue Lion #84C2', assigneeId: 'op-me',
    customer: { id: 'cu', displayName: 'Maya', username: 'maya', botBlockedAt },
    lastMessage: null, unreadCount: 0, updatedAt: '2026-11-21T10:00:00Z', createdAt: '2026-11-21T10:00:00Z', ...extra,
  };
}

const recent = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

function view(messages: Message[], c: Conversation = conversation()): string {
  return render(createElement(ConversationView, {
    conversation: c,
    thread: { ...initialThreadState, conversationId: c.id, messages, loaded: true },
    error: null,
    notes: { conversationId: c.id, notes: [], loaded: true, nextCursor: null, pages: 1 },
    notesError: null,
    onSend: async () => undefined,
    onSendFile: async () => undefined,
    onMessagePatched: () => undefined,
    operatorId: me.id,
    onAddNote: async () => undefined,
    onChanged: () => undefined,
    onRefused: () => undefined,
  }));
}

/** The `<li>` of one message. */
function bubble(html: string, id: string): string {
  const start = html.indexOf(`data-message-id="${id}"`);
  expect(start, id).toBeGreaterThan(-1);
  const end = html.indexOf('</li>', start);
  return html.slice(start, end);
}

describe('message bubbles with Telegram content', () => {
  const inbound: Message = {
    id: 'in1', direction: 'INBOUND', text: 'Here it is', status: 'RECEIVED', createdAt: recent(30), source: 'TELEGRAM',
    attachments: [
      { id: 'a-photo', kind: 'PHOTO', mimeType: 'image/jpeg', width: 800, height: 600 },
      { id: 'a-doc', kind: 'DOCUMENT', fileName: 'invoice.pdf', mimeType: 'application/pdf', fileSize: 2048 },
      { id: 'a-voice', kind: 'VOICE', mimeType: 'audio/ogg', duration: 4 },
      { id: 'a-loc', kind: 'LOCATION', latitude: 48.858844, longitude: 2.294351 },
      { id: 'a-contact', kind: 'CONTACT', contactName: 'Alex Doe', phoneNumber: '+15551234567' },
    ],
    replyToMessageId: 'out-old', replyToText: 'Can you send the invoice?',
    reactions: [{ emoji: '👍', count: 1, byCustomer: false }],
  };

  it('renders attachments without ever putting a media URL or token into the page', () => {
    const html = bubble(view([inbound]), 'in1');
    const kinds = [...html.matchAll(/data-testid="attachment"[^>]*data-kind="([A-Z_]+)"/g)].map((m) => m[1]);
    expect(kinds).toEqual(['PHOTO', 'DOCUMENT', 'VOICE', 'LOCATION', 'CONTACT']);
    // images are fetched with the Authorization header into blob: URLs — never an <img src="/api/media/…">
    expect(html).not.toContain('/api/media');
    expect(html).not.toMatch(/token=|Bearer/);
    expect(html).toContain('data-testid="attachment-loading"');
    expect(html).toContain('invoice.pdf · 2 KB');
    expect(html).toContain('data-testid="attachment-download"');
    expect(html).toContain('data-testid="attachment-play"');
    expect(html).toContain('href="https://www.openstreetmap.org/?mlat=48.858844&amp;mlon=2.294351#map=16/48.858844/2.294351"');
    expect(html).toContain('48.85884, 2.29435');
    expect(html).toContain('Alex Doe');
    expect(html).toContain('+15551234567');
  });

  it('shows the reply quote above the text, and reactions', () => {
    const html = bubble(view([inbound]), 'in1');
    expect(html).toMatch(/data-testid="message-reply-quote"[^>]*data-reply-to="out-old"/);
    expect(html).toContain('Can you send the invoice?');
    expect(html.indexOf('message-reply-quote')).toBeLessThan(html.indexOf('data-testid="message-text"'));
    expect(html).toMatch(/data-testid="message-reaction"[^>]*data-emoji="👍"/);
  });

  it('marks edited messages, topic replies and deleted messages', () => {
    const html = view([
      { id: 'e1', direction: 'OUTBOUND', text: 'Fixed text', status: 'SENT', createdAt: recent(10), operatorId: 'op-anna',
        operatorName: 'Anna', editedAt: recent(5), source: 'TELEGRAM_TOPIC' },
      { id: 'd1', direction: 'INBOUND', text: 'secret', status: 'RECEIVED', createdAt: recent(9), deletedAt: recent(8) },
    ]);
    const edited = bubble(html, 'e1');
    expect(edited).toContain('data-testid="message-edited"');
    expect(edited).toContain('data-testid="message-versions-open"');
    expect(edited).toMatch(/data-testid="message-source"[^>]*data-source="TELEGRAM_TOPIC"/);
    expect(edited).toContain('via Telegram topic');
    const deleted = bubble(html, 'd1');
    expect(deleted).toContain('data-deleted="true"');
    expect(deleted).toContain('Message deleted');
    expect(deleted).not.toContain('secret');
  });

  it('offers Retry under a FAILED reply, with Telegram’s reason', () => {
    const html = bubble(view([{ id: 'f1', direction: 'OUTBOUND', text: 'Hi', status: 'FAILED', createdAt: recent(3),
      operatorId: 'op-me', failureReason: 'Forbidden: bot was blocked by the user' }]), 'f1');
    expect(html).toContain('data-testid="message-retry"');
    expect(html).toContain('Forbidden: bot was blocked by the user');
  });

  it('offers Edit and Delete only on the operator’s own replies younger than 48 h', () => {
    const html = view([
      { id: 'own', direction: 'OUTBOUND', text: 'mine', status: 'SENT', createdAt: recent(5), operatorId: 'op-me' },
      { id: 'other', direction: 'OUTBOUND', text: 'annas', status: 'SENT', createdAt: recent(5), operatorId: 'op-anna' },
      { id: 'old', direction: 'OUTBOUND', text: 'old', status: 'SENT', createdAt: recent(49 * 60), operatorId: 'op-me' },
      { id: 'cust', direction: 'INBOUND', text: 'hi', status: 'RECEIVED', createdAt: recent(4) },
    ]);
    expect(bubble(html, 'own')).toContain('data-testid="message-edit"');
    expect(bubble(html, 'own')).toContain('data-testid="message-delete"');
    for (const id of ['other', 'old', 'cust']) {
      expect(bubble(html, id), id).not.toContain('data-testid="message-edit"');
      expect(bubble(html, id), id).not.toContain('data-testid="message-delete"');
    }
  });

  it('edit box keys: Enter saves, Shift+Enter types, Esc cancels, nothing while composing', () => {
    expect(editKeyAction('Enter', false, false)).toBe('save');
    expect(editKeyAction('Enter', true, false)).toBeNull();
    expect(editKeyAction('Escape', false, false)).toBe('cancel');
    expect(editKeyAction('Enter', false, true)).toBeNull();
    expect(editKeyAction('a', false, false)).toBeNull();
  });
});

describe('blocked bot and composer', () => {
  const textarea = (html: string) => /<textarea[^>]*data-testid="reply-input"[^>]*>/.exec(html)?.[0] ?? '';
  const sendButton = (html: string) => /<button[^>]*data-testid="reply-send"[^>]*>/.exec(html)?.[0] ?? '';

  it('shows the banner and disables sending when the customer blocked the bot (Telegram)', () => {
    const html = view([], conversation({}, '2026-11-20T09:30:00Z'));
    expect(html).toContain('data-testid="bot-blocked-banner"');
    expect(html).toMatch(/The customer blocked the bot on [^<]+\. Telegram will refuse messages until they unblock it\./);
    expect(textarea(html)).toMatch(/disabled/);
    expect(sendButton(html)).toMatch(/disabled/);
    expect(/<button[^>]*data-testid="reply-attach"[^>]*>/.exec(html)?.[0]).toMatch(/disabled/);
  });

  it('has no banner and an enabled composer with an attach button otherwise', () => {
    const html = view([]);
    expect(html).not.toContain('data-testid="bot-blocked-banner"');
    expect(textarea(html)).not.toMatch(/disabled/);
    expect(html).toContain('data-testid="reply-attach"');
    expect(html).toMatch(/<input[^>]*type="file"[^>]*data-testid="reply-file-input"/);
    // a widget conversation is not refused by Telegram
    expect(view([], conversation({ channel: 'WIDGET' }, '2026-11-20T09:30:00Z'))).not.toContain('data-testid="bot-blocked-banner"');
  });

  it('offers no attach button in a widget conversation (the widget cannot show files)', () => {
    const html = view([], conversation({ channel: 'WIDGET' }));
    expect(html).not.toContain('data-testid="reply-attach"');
    expect(html).not.toContain('data-testid="reply-file-input"');
    expect(textarea(html)).not.toMatch(/disabled/);
    expect(view([], conversation({ channel: 'TELEGRAM' }))).toContain('data-testid="reply-attach"');
  });
});

describe('admin Telegram page', () => {
  const bot = { configured: true, botId: 123456789, username: 'switchboard_bot', firstName: 'Switchboard',
    tokenHint: '123456789:…XYZ9', mode: 'webhook', webhookUrl: 'https://support.example.com/telegram/webhook', source: 'console' };

  it('is a tab of the admin area', () => {
    expect(render(createElement(AdminArea, { onClose: () => undefined }))).toContain('data-testid="admin-tab-telegram"');
  });

  it('shows the bot’s username and token hint, and an empty password field for a new token', () => {
    const html = render(createElement(TelegramBotSection, { initial: bot }));
    expect(html).toContain('@switchboard_bot');
    expect(html).toMatch(/data-testid="telegram-bot-token-hint"[^>]*>(?:<[^>]+>)*123456789:…XYZ9/);
    expect(html).toContain('Webhook');
    const input = /<input[^>]*data-testid="telegram-bot-token"[^>]*>/.exec(html)?.[0] ?? '';
    expect(input).toMatch(/type="password"/);
    expect(input).toMatch(/value=""/);
    expect(html).toContain('data-testid="telegram-bot-save"');
    expect(html).toContain('data-testid="telegram-bot-remove"'); // stored in the console: removable
    expect(render(createElement(TelegramBotSection, { initial: { ...bot, source: 'environment' } })))
      .not.toContain('data-testid="telegram-bot-remove"');
    expect(render(createElement(TelegramBotSection, { initial: { ...bot, configured: false, username: null, tokenHint: null } })))
      .toContain('data-testid="telegram-bot-none"');
  });

  it('shows the webhook’s pending count and last error, and the support group with its help', () => {
    const html = render(createElement(TelegramWebhookSection, { initial: {
      url: 'https://support.example.com/telegram/webhook', pendingUpdateCount: 7,
      lastErrorDate: '2026-11-21T09:00:00Z', lastErrorMessage: 'Connection timed out' } }));
    expect(html).toMatch(/data-testid="telegram-webhook-pending"[^>]*>7</);
    expect(html).toContain('Connection timed out');
    expect(html).toContain('data-testid="telegram-webhook-register"');
    const group = render(createElement(TelegramSupportGroupSection, { initial: { chatId: -1001234567890, linkedAt: '2026-11-21T10:00:00Z' } }));
    expect(group).toMatch(/data-testid="telegram-group-current"[^>]*data-chat-id="-1001234567890"/);
    expect(group).toContain('/myid');
    expect(render(createElement(TelegramSupportGroupSection, { initial: null }))).toContain('data-testid="telegram-group-none"');
  });
});

describe('Link Telegram', () => {
  it('shows the code, the /link command with a copy button and the expiry', () => {
    const html = render(createElement(TelegramLinkPanel, {
      initialState: { linked: false, telegramUserId: null, telegramUsername: null, linkedAt: null },
      initialCode: { code: 'K7M2P9QX', command: '/link K7M2P9QX', expiresAt: '2026-11-21T12:10:00Z' },
    }));
    expect(html).toMatch(/data-testid="telegram-link-code"[^>]*data-code="K7M2P9QX"/);
    expect(html).toMatch(/data-testid="telegram-link-command"[^>]*>\/link K7M2P9QX</);
    expect(html).toContain('data-testid="telegram-link-copy"');
    expect(html).toContain('data-testid="telegram-link-expires"');
  });

  it('shows the linked account with Unlink, or the Link button when not linked', () => {
    const linked = render(createElement(TelegramLinkPanel, {
      initialState: { linked: true, telegramUserId: 42, telegramUsername: 'anna_ops', linkedAt: '2026-11-21T10:00:00Z' },
    }));
    expect(linked).toContain('Linked to @anna_ops');
    expect(linked).toContain('data-testid="telegram-unlink"');
    const unlinked = render(createElement(TelegramLinkPanel, {
      initialState: { linked: false, telegramUserId: null, telegramUsername: null, linkedAt: null },
    }));
    expect(unlinked).toContain('data-testid="telegram-link-create"');
    expect(unlinked).not.toContain('data-testid="telegram-link-code"');
  });
});
