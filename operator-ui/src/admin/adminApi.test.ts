import { describe, expect, it } from 'vitest';
import { ApiClient } from '../api/ApiClient';
import { ApiError } from '../api/problem';
import type { AuthSession } from '../auth/AuthSession';
import { AdminApi, listItems } from './adminApi';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A real ApiClient over a recording fetch that answers `answers` in order. */
function client(...answers: Response[]): { api: AdminApi; calls: Call[] } {
  const calls: Call[] = [];
  const auth = {
    accessToken: async () => 'token-1',
    refresh: async () => null,
    expire: () => undefined,
  } as unknown as AuthSession;
  const fetchFn = (async (url: string, init: RequestInit) => {
    calls.push({
      url,
      method: init.method ?? 'GET',
      headers: init.headers as Record<string, string>,
      body: init.body === undefined ? undefined : JSON.parse(init.body as string),
    });
    const answer = answers.shift();
    if (!answer) throw new Error('no answer left');
    return answer;
  }) as unknown as typeof fetch;
  return { api: new AdminApi(new ApiClient(auth, fetchFn)), calls };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('AdminApi over ApiClient.call', () => {
  it('sends authenticated JSON requests to the contract paths', async () => {
    const operator = { id: 'o/1', username: 'bob', displayName: 'Bob', role: 'OPERATOR', active: true };
    const { api, calls } = client(json([operator]), json(operator), json({ ...operator, active: false }), json(operator));
    expect(await api.listOperators()).toEqual([operator]);
    await api.createOperator({ username: 'bob', password: 'secret123', displayName: 'Bob', role: 'OPERATOR' });
    await api.deactivateOperator('o/1');
    await api.updateOperator('o/1', { displayName: 'Bob', role: 'OPERATOR', active: true });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/admin/operators',
      'POST /api/admin/operators',
      'DELETE /api/admin/operators/o%2F1',
      'PUT /api/admin/operators/o%2F1',
    ]);
    expect(calls[0].headers.Authorization).toBe('Bearer token-1');
    expect(calls[0].body).toBeUndefined();
    expect(calls[0].headers['Content-Type']).toBeUndefined();
    expect(calls[1].headers['Content-Type']).toBe('application/json');
    expect(calls[1].body).toEqual({ username: 'bob', password: 'secret123', displayName: 'Bob', role: 'OPERATOR' });
    expect(calls[3].body).toEqual({ displayName: 'Bob', role: 'OPERATOR', active: true });
  });

  it('covers templates, timers, canned responses, tags and audit', async () => {
    const timers = { firstReminderSeconds: 300, secondReminderSeconds: 900, autoCloseUnansweredSeconds: 0, autoCloseAfterReplySeconds: 60 };
    const { api, calls } = client(
      json([]), json({}), json(timers), json(timers), json({ items: [{ id: 'c' }], nextCursor: null }), json({}), json({}),
      new Response(null, { status: 204 }), json([]), json({}), new Response(null, { status: 204 }),
      json({ items: [], nextCursor: 'n2' }), json({ items: [], nextCursor: null }),
    );
    await api.listTemplates();
    await api.saveTemplate('welcome_message', {
      texts: { en: 'Hi' }, widgetBanner: true, transcriptBubble: false, telegram: true, pin: false, rateLimitSeconds: 0,
    });
    await api.getTimers();
    await api.saveTimers(timers);
    expect(await api.listCanned(' refund ', '')).toEqual([{ id: 'c' }]);
    await api.createCanned({ title: 't', text: 'x', category: null, shortcut: null, shared: true });
    await api.updateCanned('c', { title: 't', text: 'y', category: 'b', shortcut: 's', shared: false });
    expect(await api.deleteCanned('c')).toBeUndefined();
    await api.listTags();
    await api.createTag('VIP', '#ff0000');
    await api.deleteTag('t1');
    expect(await api.listAudit(null)).toEqual({ items: [], nextCursor: 'n2' });
    await api.listAudit('n2', { action: 'tag.created', actorId: '' });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/admin/system-messages',
      'PUT /api/admin/system-messages/welcome_message',
      'GET /api/admin/timers',
      'PUT /api/admin/timers',
      'GET /api/canned-responses?q=refund',
      'POST /api/canned-responses',
      'PUT /api/canned-responses/c',
      'DELETE /api/canned-responses/c',
      'GET /api/tags',
      'POST /api/tags',
      'DELETE /api/tags/t1',
      'GET /api/admin/audit',
      'GET /api/admin/audit?cursor=n2&action=tag.created',
    ]);
    expect(calls[1].body).toEqual({
      texts: { en: 'Hi' }, widgetBanner: true, transcriptBubble: false, telegram: true, pin: false, rateLimitSeconds: 0,
    });
    expect(calls[3].body).toEqual(timers);
    expect(calls[9].body).toEqual({ name: 'VIP', color: '#ff0000' });
  });

  it('reads an operator audit page and bulk-deletes conversations', async () => {
    const entry = { id: 7, operatorId: 'o/1', actorId: 'a', actorName: 'Root', action: 'operator.updated',
      before: { displayName: 'Nina' }, after: { displayName: 'Nina P' }, occurredAt: '2026-11-21T10:00:00Z' };
    const { api, calls } = client(json({ items: [entry], nextCursor: 'c2' }), json({ items: [], nextCursor: null }),
      json({ deleted: 12 }), json({ deleted: 2 }));
    expect(await api.listOperatorAudit('o/1', null)).toEqual({ items: [entry], nextCursor: 'c2' });
    await api.listOperatorAudit('o/1', 'c2', 20);
    expect(await api.bulkDeleteConversations({ filter: { status: 'CLOSED', closedBefore: '2025-01-01T00:00:00.000Z' } }))
      .toEqual({ deleted: 12 });
    expect(await api.bulkDeleteConversations({ ids: ['x', 'y'] })).toEqual({ deleted: 2 });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/admin/operators/o%2F1/audit?limit=50',
      'GET /api/admin/operators/o%2F1/audit?cursor=c2&limit=20',
      'POST /api/conversations/bulk-delete',
      'POST /api/conversations/bulk-delete',
    ]);
    expect(calls[2].body).toEqual({ filter: { status: 'CLOSED', closedBefore: '2025-01-01T00:00:00.000Z' } });
    expect(calls[3].body).toEqual({ ids: ['x', 'y'] });
  });

  it('rejects with the problem+json detail the pages show inline', async () => {
    const { api } = client(new Response(JSON.stringify({ title: 'Conflict', status: 409, detail: 'username bob is taken' }), {
      status: 409, headers: { 'Content-Type': 'application/problem+json' },
    }));
    const failure = await api.createOperator({ username: 'bob', password: 'secret123', displayName: 'Bob', role: 'OPERATOR' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(409);
    expect((failure as ApiError).detail).toBe('username bob is taken');
  });
});

describe('listItems', () => {
  it('accepts a bare list or a page', () => {
    expect(listItems([1, 2])).toEqual([1, 2]);
    expect(listItems({ items: [3], nextCursor: null })).toEqual([3]);
    expect(listItems(undefined)).toEqual([]);
  });
});
