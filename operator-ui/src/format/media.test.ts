import { describe, expect, it } from 'vitest';
import { ApiClient } from '../api/ApiClient';
import type { Message } from '../api/types';
import type { AuthSession } from '../auth/AuthSession';
import {
  MAX_FILE_BYTES,
  MAX_PHOTO_BYTES,
  canModify,
  formatBytes,
  isInlineImage,
  loadMediaUrl,
  openStreetMapUrl,
  uploadRefusal,
} from './media';

const auth = {
  accessToken: async () => 'secret-access-token',
  refresh: async () => null,
  expire: () => undefined,
} as unknown as AuthSession;

describe('attachment media loading', () => {
  it('fetches GET /api/media/{id} with the Authorization header and answers a blob: URL without the token', async () => {
    const calls: { url: string; headers: Record<string, string> }[] = [];
    const fetchFn = (async (url: string, init: RequestInit) => {
      calls.push({ url, headers: init.headers as Record<string, string> });
      return new Response(new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }), {
        status: 200, headers: { 'Content-Type': 'image/jpeg', 'Content-Disposition': "inline; filename*=UTF-8''cat.jpg" },
      });
    }) as unknown as typeof fetch;
    const created: Blob[] = [];
    const urls = { createObjectURL: (blob: Blob) => { created.push(blob); return 'blob:http://console/1'; }, revokeObjectURL: () => undefined };

    const url = await loadMediaUrl(new ApiClient(auth, fetchFn), 'att/1', urls);

    expect(url).toBe('blob:http://console/1');
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('/api/media/att%2F1');
    expect(calls[0].headers.Authorization).toBe('Bearer secret-access-token');
    expect(calls[0].url).not.toContain('secret-access-token');
    expect(url).not.toContain('secret-access-token');
    expect(created).toHaveLength(1);
    expect(created[0].size).toBe(3);
  });

  it('rejects with the problem detail when the file is unknown', async () => {
    const fetchFn = (async () => new Response(JSON.stringify({ title: 'Not Found', detail: 'No such attachment' }),
      { status: 404, headers: { 'Content-Type': 'application/problem+json' } })) as unknown as typeof fetch;
    await expect(loadMediaUrl(new ApiClient(auth, fetchFn), 'x')).rejects.toThrow('No such attachment');
  });

  it('shows photos, static stickers and animations inline, animated (tgs) stickers as their emoji', () => {
    expect(isInlineImage({ kind: 'PHOTO', mimeType: 'image/jpeg' })).toBe(true);
    expect(isInlineImage({ kind: 'STICKER', mimeType: 'image/webp' })).toBe(true);
    expect(isInlineImage({ kind: 'STICKER', mimeType: 'application/x-tgsticker' })).toBe(false);
    expect(isInlineImage({ kind: 'ANIMATION', mimeType: 'video/mp4' })).toBe(true);
    expect(isInlineImage({ kind: 'DOCUMENT', mimeType: 'image/png' })).toBe(false);
  });

  it('links locations to OpenStreetMap with a marker', () => {
    expect(openStreetMapUrl(48.858844, 2.294351))
      .toBe('https://www.openstreetmap.org/?mlat=48.858844&mlon=2.294351#map=16/48.858844/2.294351');
  });
});

describe('upload size guard', () => {
  const file = (type: string, size: number) => ({ type, size });

  it('allows photos up to 10 MB and other files up to 50 MB', () => {
    expect(uploadRefusal(file('image/jpeg', MAX_PHOTO_BYTES))).toBeNull();
    expect(uploadRefusal(file('application/pdf', MAX_FILE_BYTES))).toBeNull();
    expect(uploadRefusal(file('image/gif', 20 * 1024 * 1024))).toBeNull(); // not a photo type: a 50 MB document
  });

  it('refuses larger files with their size and the limit', () => {
    expect(uploadRefusal(file('image/png', MAX_PHOTO_BYTES + 1)))
      .toEqual({ key: 'tg.attach.tooLargePhoto', params: { size: '10 MB', max: '10 MB' } });
    expect(uploadRefusal(file('video/mp4', 60 * 1024 * 1024)))
      .toEqual({ key: 'tg.attach.tooLarge', params: { size: '60 MB', max: '50 MB' } });
  });

  it('formats byte counts', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
  });
});

describe('edit and delete permissions', () => {
  const now = Date.parse('2026-11-21T12:00:00Z');
  const own = (extra: Partial<Message> = {}): Message => ({
    id: 'm1', direction: 'OUTBOUND', text: 'Hi', status: 'SENT', createdAt: '2026-11-21T11:00:00Z', operatorId: 'op-me', ...extra,
  });

  it('allows the author to edit and delete a reply younger than 48 h', () => {
    expect(canModify(own(), 'op-me', now, 'edit')).toBe(true);
    expect(canModify(own(), 'op-me', now, 'delete')).toBe(true);
  });

  it('refuses other operators, customers, system messages, deleted and old messages', () => {
    expect(canModify(own(), 'op-anna', now, 'edit')).toBe(false);
    expect(canModify(own({ direction: 'INBOUND', operatorId: null }), 'op-me', now, 'delete')).toBe(false);
    expect(canModify(own({ systemKey: 'welcome_message' }), 'op-me', now, 'edit')).toBe(false);
    expect(canModify(own({ deletedAt: '2026-11-21T11:30:00Z' }), 'op-me', now, 'delete')).toBe(false);
    expect(canModify(own({ createdAt: '2026-11-19T12:00:00Z' }), 'op-me', now, 'edit')).toBe(false);
    expect(canModify(own({ createdAt: '2026-11-19T12:00:01Z' }), 'op-me', now, 'edit')).toBe(true);
  });

  it('edits only text messages that are SENT or PENDING', () => {
    expect(canModify(own({ status: 'FAILED' }), 'op-me', now, 'edit')).toBe(false);
    expect(canModify(own({ status: 'FAILED' }), 'op-me', now, 'delete')).toBe(true);
    expect(canModify(own({ attachments: [{ id: 'a', kind: 'PHOTO' }] }), 'op-me', now, 'edit')).toBe(false);
  });
});
