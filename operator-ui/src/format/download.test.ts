import { describe, expect, it } from 'vitest';
import { ApiClient, fileNameFromContentDisposition } from '../api/ApiClient';
import type { AuthSession } from '../auth/AuthSession';
import { slug, transcriptFileName, transcriptPath } from './download';

const conversation = { id: '1f2e3d4c-0000-4000-8000-000000000000', codename: 'Blue Lion #84C2' };

describe('transcript download naming', () => {
  it('uses the server name when it is a safe file name with the right extension', () => {
    expect(transcriptFileName(conversation, 'csv', 'conversation-blue-lion.csv')).toBe('conversation-blue-lion.csv');
    expect(transcriptFileName(conversation, 'json', 'transcript.JSON')).toBe('transcript.JSON');
  });

  it('falls back to transcript-<codename>-<id prefix>.<ext>', () => {
    expect(transcriptFileName(conversation, 'json')).toBe('transcript-blue-lion-84c2-1f2e3d4c.json');
    expect(transcriptFileName(conversation, 'csv', '../../etc/passwd.csv')).toBe('transcript-blue-lion-84c2-1f2e3d4c.csv');
    expect(transcriptFileName(conversation, 'csv', 'transcript.json')).toBe('transcript-blue-lion-84c2-1f2e3d4c.csv');
    expect(transcriptFileName(conversation, 'csv', '.hidden.csv')).toBe('transcript-blue-lion-84c2-1f2e3d4c.csv');
    expect(transcriptFileName({ id: 'abc', codename: '###' }, 'csv')).toBe('transcript-abc.csv');
  });

  it('keeps letters of any script in the slug', () => {
    expect(slug('Синий Лев #84C2')).toBe('синий-лев-84c2');
    expect(transcriptPath('a/b', 'csv')).toBe('/api/conversations/a%2Fb/transcript.csv');
  });

  it('reads Content-Disposition names', () => {
    expect(fileNameFromContentDisposition('attachment; filename="blue lion.csv"')).toBe('blue lion.csv');
    expect(fileNameFromContentDisposition('attachment; filename=plain.json')).toBe('plain.json');
    expect(fileNameFromContentDisposition(`attachment; filename="x.csv"; filename*=UTF-8''%D0%BB%D0%B5%D0%B2.csv`)).toBe('лев.csv');
    expect(fileNameFromContentDisposition('attachment; filename="a\\"b.csv"')).toBe('a"b.csv');
    expect(fileNameFromContentDisposition('attachment')).toBeNull();
    expect(fileNameFromContentDisposition(null)).toBeNull();
  });
});

describe('ApiClient.download', () => {
  function client(answer: () => Response) {
    const calls: { url: string; headers: Record<string, string> }[] = [];
    const auth = { accessToken: async () => 'tok-1', refresh: async () => null, expire: () => undefined } as unknown as AuthSession;
    const fetchFn = (async (url: string, init: RequestInit) => {
      calls.push({ url, headers: init.headers as Record<string, string> });
      return answer();
    }) as unknown as typeof fetch;
    return { api: new ApiClient(auth, fetchFn), calls };
  }

  it('sends the token in the Authorization header, never in the URL, and answers blob + server name', async () => {
    const { api, calls } = client(() => new Response('created_at,direction\n', {
      status: 200, headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="t.csv"' },
    }));
    const file = await api.download(transcriptPath('c1', 'csv'));
    expect(await file.blob.text()).toBe('created_at,direction\n');
    expect(file.fileName).toBe('t.csv');
    expect(calls[0].url).toBe('/api/conversations/c1/transcript.csv');
    expect(calls[0].url).not.toContain('tok-1');
    expect(calls[0].headers.Authorization).toBe('Bearer tok-1');
  });

  it('rejects with the problem detail', async () => {
    const { api } = client(() => new Response(JSON.stringify({ title: 'Not Found', detail: 'No such conversation' }), {
      status: 404, headers: { 'Content-Type': 'application/problem+json' },
    }));
    await expect(api.download(transcriptPath('c1', 'json'))).rejects.toThrow('No such conversation');
  });
});
