import { describe, expect, it } from 'vitest';
import { ApiClient } from '../api/ApiClient';
import type { AuthSession } from '../auth/AuthSession';
import { TelegramAdminApi, parseGroupChatId } from './telegramAdmin';

function client(...answers: Response[]) {
  const calls: { url: string; method: string; body: unknown }[] = [];
  const auth = { accessToken: async () => 'token-1', refresh: async () => null, expire: () => undefined } as unknown as AuthSession;
  const fetchFn = (async (url: string, init: RequestInit) => {
    calls.push({ url, method: init.method ?? 'GET', body: init.body === undefined ? undefined : JSON.parse(init.body as string) });
    const answer = answers.shift();
    if (!answer) throw new Error('no answer left');
    return answer;
  }) as unknown as typeof fetch;
  return { api: new TelegramAdminApi(new ApiClient(auth, fetchFn)), calls };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const problem = (status: number, detail: string) =>
  new Response(JSON.stringify({ title: 'Refused', status, detail }), { status, headers: { 'Content-Type': 'application/problem+json' } });

const bot = { configured: true, botId: 123456789, username: 'switchboard_bot', firstName: 'Switchboard',
  tokenHint: '123456789:…XYZ9', mode: 'webhook', webhookUrl: 'https://support.example.com/telegram/webhook', source: 'console' };

describe('TelegramAdminApi', () => {
  it('saves the token with PUT {token} (trimmed) and answers the bot without the token', async () => {
    const { api, calls } = client(json(bot));
    const answer = await api.saveBotToken(' 123456789:AAE-secret-XYZ9 ');
    expect(calls[0]).toEqual({ url: '/api/admin/telegram/bot', method: 'PUT', body: { token: '123456789:AAE-secret-XYZ9' } });
    expect(answer.tokenHint).toBe('123456789:…XYZ9');
  });

  it('reports a refused token with the problem detail (422)', async () => {
    const { api } = client(problem(422, 'Telegram refused this token'));
    await expect(api.saveBotToken('bad')).rejects.toThrow('Telegram refused this token');
  });

  it('re-registers the webhook; 409 in polling mode carries the detail', async () => {
    const info = { url: 'https://x/telegram/webhook', pendingUpdateCount: 0, lastErrorDate: null, lastErrorMessage: null };
    const { api, calls } = client(json(info), problem(409, 'No public webhook URL is configured (polling mode)'));
    expect(await api.registerWebhook()).toEqual(info);
    await expect(api.registerWebhook()).rejects.toMatchObject({ status: 409, detail: 'No public webhook URL is configured (polling mode)' });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST /api/admin/telegram/webhook/register', 'POST /api/admin/telegram/webhook/register',
    ]);
  });

  it('reads (404 = none), saves and removes the support group', async () => {
    const group = { chatId: -1001234567890, linkedAt: '2026-11-21T10:00:00Z' };
    const { api, calls } = client(problem(404, 'No support group'), json(group), new Response(null, { status: 204 }));
    expect(await api.supportGroup()).toBeNull();
    expect(await api.saveSupportGroup(-1001234567890)).toEqual(group);
    await api.removeSupportGroup();
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/admin/telegram/support-group', 'PUT /api/admin/telegram/support-group', 'DELETE /api/admin/telegram/support-group',
    ]);
    expect(calls[1].body).toEqual({ chatId: -1001234567890 });
  });

  it('accepts only negative whole numbers as the group chat id', () => {
    expect(parseGroupChatId(' -1001234567890 ')).toBe(-1001234567890);
    expect(parseGroupChatId('\u22121001234567890')).toBe(-1001234567890);
    expect(parseGroupChatId('1001234567890')).toBeNull();
    expect(parseGroupChatId('-12.5')).toBeNull();
    expect(parseGroupChatId('')).toBeNull();
    expect(parseGroupChatId('-abc')).toBeNull();
  });
});
