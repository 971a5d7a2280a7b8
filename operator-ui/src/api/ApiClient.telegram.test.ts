import { describe, expect, it } from 'vitest';
import type { AuthSession } from '../auth/AuthSession';
import { ApiClient } from './ApiClient';
import { ApiError } from './problem';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: BodyInit | null | undefined;
}

function client(...answers: Response[]): { api: ApiClient; calls: Call[] } {
  const calls: Call[] = [];
  const auth = { accessToken: async () => 'token-1', refresh: async () => null, expire: () => undefined } as unknown as AuthSession;
  const fetchFn = (async (url: string, init: RequestInit) => {
    calls.push({ url, method: init.method ?? 'GET', headers: init.headers as Record<string, string>, body: init.body });
    const answer = answers.shift();
    if (!answer) throw new Error('no answer left');
    return answer;
  }) as unknown as typeof fetch;
  return { api: new ApiClient(auth, fetchFn), calls };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const problem = (status: number, detail: string) =>
  new Response(JSON.stringify({ title: 'Refused', status, detail }), { status, headers: { 'Content-Type': 'application/problem+json' } });

const pending = { id: 'm9', direction: 'OUTBOUND', text: 'the invoice', status: 'PENDING', createdAt: '2026-11-21T12:00:00Z' };

describe('ApiClient: files, edits, retry', () => {
  it('uploads a file as multipart with caption and clientMessageId, never as JSON', async () => {
    const { api, calls } = client(json(pending, 201));
    const file = new Blob(['%PDF-1.7'], { type: 'application/pdf' });
    expect(await api.sendAttachment('c/1', file, 'invoice.pdf', '  the invoice ', 'k-1')).toEqual(pending);
    expect(calls[0].method).toBe('POST');
    expect(calls[0].url).toBe('/api/conversations/c%2F1/messages');
    expect(calls[0].headers.Authorization).toBe('Bearer token-1');
    expect(calls[0].headers['Content-Type']).toBeUndefined(); // the browser sets multipart/form-data; boundary=…
    const form = calls[0].body as FormData;
    expect(form).toBeInstanceOf(FormData);
    expect((form.get('file') as File).name).toBe('invoice.pdf');
    expect(form.get('caption')).toBe('the invoice');
    expect(form.get('clientMessageId')).toBe('k-1');
  });

  it('leaves out a blank caption and shows the server detail of a 413', async () => {
    const { api, calls } = client(problem(413, 'The file is larger than 50 MB'));
    await expect(api.sendAttachment('c1', new Blob(['x']), 'x.bin', '   ', 'k-2')).rejects.toMatchObject({
      status: 413, message: 'The file is larger than 50 MB',
    });
    expect((calls[0].body as FormData).has('caption')).toBe(false);
  });

  it('retries a failed message with POST …/retry (202)', async () => {
    const { api, calls } = client(new Response(null, { status: 202 }));
    await api.retryMessage('c1', 'm1');
    expect(`${calls[0].method} ${calls[0].url}`).toBe('POST /api/conversations/c1/messages/m1/retry');
  });

  it('rejects a retry the server refuses with its reason', async () => {
    const { api } = client(problem(409, 'The customer blocked the bot'));
    const failure = await api.retryMessage('c1', 'm1').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).detail).toBe('The customer blocked the bot');
  });

  it('edits with PUT {text}, deletes with DELETE and reads versions', async () => {
    const versions = [{ text: 'Helo', editedAt: '2026-11-21T12:01:00Z' }];
    const { api, calls } = client(json({ ...pending, text: 'Hello' }), new Response(null, { status: 204 }), json(versions));
    expect((await api.editMessage('c1', 'm1', 'Hello'))?.text).toBe('Hello');
    await api.deleteMessage('c1', 'm1');
    expect(await api.messageVersions('c1', 'm1')).toEqual(versions);
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'PUT /api/conversations/c1/messages/m1',
      'DELETE /api/conversations/c1/messages/m1',
      'GET /api/conversations/c1/messages/m1/versions',
    ]);
    expect(JSON.parse(calls[0].body as string)).toEqual({ text: 'Hello' });
    expect(calls[0].headers['Content-Type']).toBe('application/json');
  });

  it('creates, reads and removes the operator Telegram link', async () => {
    const code = { code: 'ABCD2345', command: '/link ABCD2345', expiresAt: '2026-11-21T12:10:00Z' };
    const { api, calls } = client(json(code, 201), json({ linked: false, telegramUserId: null, telegramUsername: null, linkedAt: null }),
      new Response(null, { status: 204 }));
    expect(await api.createTelegramLinkCode()).toEqual(code);
    expect((await api.telegramLink()).linked).toBe(false);
    await api.unlinkTelegram();
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST /api/telegram/link', 'GET /api/telegram/link', 'DELETE /api/telegram/link',
    ]);
  });
});
