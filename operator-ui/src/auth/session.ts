import type { Operator, TokenResponse } from '../api/types';

/**
 * The signed-in operator's tokens. `expiresAt` is the access token's expiry in epoch milliseconds (client clock).
 *
 * Stored in `sessionStorage` (one session per browser tab): refresh tokens rotate on every refresh, so tabs sharing
 * one stored token (localStorage) would race and sign each other out; sessionStorage also ends with the tab.
 */
export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  operator: Operator;
}

export const SESSION_STORAGE_KEY = 'switchboard.session';

/** Access tokens are refreshed this long before they expire (ms). */
export const REFRESH_LEAD_MS = 60_000;

/** Builds a session from a login/refresh answer received at `nowMs`; `expiresIn` (s) defaults to 15 minutes. */
export function sessionFromTokens(tokens: TokenResponse, nowMs: number): Session {
  const expiresIn = Number.isFinite(tokens.expiresIn) && tokens.expiresIn > 0 ? tokens.expiresIn : 900;
  return {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: nowMs + expiresIn * 1000,
    operator: tokens.operator,
  };
}

/**
 * Milliseconds from `nowMs` until the session should be refreshed: `leadMs` before expiry, but never before half of
 * the remaining lifetime has passed (so a short-lived token is not refreshed in a tight loop); 0 when already due.
 */
export function refreshDelay(session: Pick<Session, 'expiresAt'>, nowMs: number, leadMs = REFRESH_LEAD_MS): number {
  const remaining = session.expiresAt - nowMs;
  if (remaining <= 0) return 0;
  return Math.max(remaining - leadMs, Math.floor(remaining / 2), 0);
}

/** True when the access token expires within `marginMs` of `nowMs` and should not be used without refreshing. */
export function isExpiring(session: Pick<Session, 'expiresAt'>, nowMs: number, marginMs = 15_000): boolean {
  return session.expiresAt - nowMs <= marginMs;
}

/** Reads a stored session, or null when none or unreadable. */
export function loadSession(storage: Storage): Session | null {
  try {
    const raw = storage.getItem(SESSION_STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Session>;
    if (typeof parsed.accessToken !== 'string' || typeof parsed.refreshToken !== 'string'
      || typeof parsed.expiresAt !== 'number' || !parsed.operator) {
      return null;
    }
    return parsed as Session;
  } catch {
    return null;
  }
}

export function saveSession(storage: Storage, session: Session | null): void {
  try {
    if (session) storage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
    else storage.removeItem(SESSION_STORAGE_KEY);
  } catch {
    // storage full or disabled: the session lives in memory only
  }
}
