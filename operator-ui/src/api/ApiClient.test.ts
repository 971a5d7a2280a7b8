import { describe, expect, it } from 'vitest';
import type { AuthSession } from '../auth/AuthSession';
import { ApiClient, itemsOf } from './ApiClient';
import { ApiError } from './problem';

function client(...answers: Response[]) {
  const calls: { url: string; method: string; body: unknown }[] = [];
  const auth = { accessToken: async () => 'tok', refresh: async () => null, expire: () => undefined } as unknown as AuthSession;
  const fetchFn = (async (url: string, init: RequestInit) => {
    calls.push({ url, method: init.method ?? 'GET', body: init.body === undefined ? undefined : JSON.parse(init.body as string) });
    const answer = answers.shift();
    if (!answer) throw new Error('no answer left');
    return answer;
  }) as unknown as typeof fetch;
  return { api: new ApiClient(auth, fetchFn), calls };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), {
  status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
});

describe('ApiClient conversation workflow calls', () => {
  it('posts lifecycle actions to the contract paths with the contract bodies', async () => {
    const view = { id: 'c1' };
    const { api, calls } = client(json(view), json(view), json(view), json(view), json(view), json(view), json(view));
    await api.transition('c1', 'claim');
    await api.assign('c1', 'op2');
    await api.close('c1', '  Thanks, bye!  ');
    await api.close('c1', '   ');
    await api.attachTag('c1', 't1');
    await api.detachTag('c1', 't1');
    await api.addNote('c1', 'internal');
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST /api/conversations/c1/claim',
      'POST /api/conversations/c1/assign',
      'POST /api/conversations/c1/close',
      'POST /api/conversations/c1/close',
      'PUT /api/conversations/c1/tags/t1',
      'DELETE /api/conversations/c1/tags/t1',
      'POST /api/conversations/c1/notes',
    ]);
    expect(calls.map((c) => c.body)).toEqual([undefined, { operatorId: 'op2' }, { closingMessage: 'Thanks, bye!' }, {},
      undefined, undefined, { text: 'internal' }]);
  });

  it('surfaces a 409 problem detail, e.g. a claim lost to another operator', async () => {
    const { api } = client(json({ title: 'Conflict', status: 409, detail: 'Anna already claimed it' }, 409));
    const failure = await api.transition('c1', 'claim').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(409);
    expect((failure as ApiError).message).toBe('Anna already claimed it');
  });

  it('reads lists answered as arrays or pages, and encodes search and counts', async () => {
    const { api, calls } = client(json({ items: [{ id: 'n1' }], nextCursor: null }), json([{ id: 't1' }]),
      json({ customers: [], messages: [] }), json({ unclaimed: 1, mine: 0, open: 1, closed: 0, blocked: 0 }));
    expect(await api.listNotes('c1')).toEqual({ items: [{ id: 'n1' }], nextCursor: null });
    expect(await api.listTags()).toEqual([{ id: 't1' }]);
    await api.search('jane doe');
    expect((await api.conversationCounts()).unclaimed).toBe(1);
    expect(calls.map((c) => c.url)).toEqual([
      '/api/conversations/c1/notes?limit=200', '/api/tags', '/api/search?q=jane+doe', '/api/conversations/counts',
    ]);
    expect(itemsOf(null)).toEqual([]);
  });

  it('pages notes with the cursor, and reads and erases customers', async () => {
    const profile = { id: 'cu/1', displayName: 'Maya', username: null, nickname: null, languageCode: 'en', createdAt: '2026-01-01T00:00:00Z', conversations: [] };
    const { api, calls } = client(json({ items: [{ id: 'n201' }], nextCursor: 'k2' }), json([{ id: 'n1' }]), json(profile),
      new Response(null, { status: 204 }));
    expect(await api.listNotes('c1', 'k1')).toEqual({ items: [{ id: 'n201' }], nextCursor: 'k2' });
    expect(await api.listNotes('c1')).toEqual({ items: [{ id: 'n1' }], nextCursor: null });
    expect(await api.customerProfile('cu/1')).toEqual(profile);
    expect(await api.eraseCustomer('cu/1')).toBeUndefined();
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/conversations/c1/notes?limit=200&cursor=k1',
      'GET /api/conversations/c1/notes?limit=200',
      'GET /api/customers/cu%2F1',
      'DELETE /api/customers/cu%2F1',
    ]);
  });
});

describe('ApiClient typing', () => {
  it('posts the operator typing to the conversation typing path', async () => {
    const { api, calls } = client(new Response(null, { status: 204 }));
    expect(await api.typing('c/1')).toBeUndefined();
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /api/conversations/c%2F1/typing']);
  });
});
