import { describe, expect, it } from 'vitest';
import { problemMessage } from '../api/problem';
import { resolveCatalogLanguage, textDirection } from '../i18n';
import { isExpiring, loadSession, refreshDelay, saveSession, sessionFromTokens } from './session';

class MemoryStorage implements Storage {
  private data = new Map<string, string>();
  get length() { return this.data.size; }
  clear() { this.data.clear(); }
  getItem(key: string) { return this.data.get(key) ?? null; }
  key(index: number) { return [...this.data.keys()][index] ?? null; }
  removeItem(key: string) { this.data.delete(key); }
  setItem(key: string, value: string) { this.data.set(key, value); }
}

const operator = { id: 'op1', username: 'alice', displayName: 'Alice', role: 'operator' };

describe('session', () => {
  it('refreshes a 15-minute token one minute before expiry', () => {
    const session = sessionFromTokens({ accessToken: 'a', refreshToken: 'r', expiresIn: 900, operator }, 1_000);
    expect(session.expiresAt).toBe(901_000);
    expect(refreshDelay(session, 1_000)).toBe(840_000);
    expect(refreshDelay(session, 950_000)).toBe(0);
    expect(isExpiring(session, 880_000)).toBe(false);
    expect(isExpiring(session, 890_000)).toBe(true);
  });

  it('does not refresh short-lived tokens in a tight loop', () => {
    expect(refreshDelay({ expiresAt: 30_000 }, 0)).toBe(15_000);
  });

  it('round-trips through storage and rejects garbage', () => {
    const storage = new MemoryStorage();
    const session = sessionFromTokens({ accessToken: 'a', refreshToken: 'r', expiresIn: 60, operator }, 0);
    saveSession(storage, session);
    expect(loadSession(storage)).toEqual(session);
    saveSession(storage, null);
    expect(loadSession(storage)).toBeNull();
    storage.setItem('switchboard.session', '{"accessToken":1}');
    expect(loadSession(storage)).toBeNull();
  });
});

describe('problem and locale helpers', () => {
  it('shows detail, then title, then the status', () => {
    expect(problemMessage({ title: 'Unauthorized', detail: 'Wrong username or password', status: 401 }, 401)).toBe('Wrong username or password');
    expect(problemMessage({ title: 'Unauthorized' }, 401)).toBe('Unauthorized');
    expect(problemMessage('<html>', 502)).toBe('HTTP 502');
  });

  it('derives the text direction from the language tag', () => {
    expect(textDirection('he-IL')).toBe('rtl');
    expect(textDirection('ar')).toBe('rtl');
    expect(textDirection('en-US')).toBe('ltr');
    expect(textDirection(undefined)).toBe('ltr');
    expect(resolveCatalogLanguage(['de-DE', 'en-GB'])).toBe('en');
  });
});
