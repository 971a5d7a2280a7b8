import { ApiError, requestJson, type Fetch } from './http';
import { readJson, storageKey, type KeyValueStore } from './storage';
import type { StoredSession } from './types';

/** The answer of `POST /api/widget/conversations` and `POST /api/widget/token`. */
export interface TokenAnswer {
  conversationId?: string;
  codename?: string | null;
  token: string;
  refreshToken: string;
  /** Seconds. */
  expiresIn?: number;
}

/** Lead time before expiry at which a token is refreshed: a fifth of its lifetime, between 5 s and 60 s. */
export function refreshMargin(lifetimeMs: number): number {
  return Math.min(60_000, Math.max(5_000, Math.round(lifetimeMs * 0.2)));
}

/** Whether the session's token should be refreshed before use at `now` (epoch ms). */
export function needsRefresh(session: Pick<StoredSession, 'expiresAt' | 'lifetimeMs'>, now: number): boolean {
  return now >= session.expiresAt - refreshMargin(session.lifetimeMs);
}

/**
 * Milliseconds from `now` until the proactive refresh: at `expiresAt - margin`, moved earlier by up to half a margin
 * (`random()` 0..1) so two tabs of the same customer rarely wake together; never negative.
 */
export function refreshDelay(session: Pick<StoredSession, 'expiresAt' | 'lifetimeMs'>, now: number,
                             random: () => number = Math.random): number {
  const margin = refreshMargin(session.lifetimeMs);
  const jitter = Math.min(1, Math.max(0, random())) * margin * 0.5;
  return Math.max(0, Math.round(session.expiresAt - margin - jitter - now));
}

/** `exp` of a JWT in epoch ms, null when unreadable. */
export function jwtExpiry(token: string): number | null {
  try {
    const part = token.split('.')[1];
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/** A session from a token answer received at `now`. */
export function sessionFrom(answer: TokenAnswer, conversationId: string, codename: string | null,
                            now: number): StoredSession {
  let lifetimeMs = typeof answer.expiresIn === 'number' && answer.expiresIn > 0 ? answer.expiresIn * 1000 : 0;
  if (!lifetimeMs) {
    const exp = jwtExpiry(answer.token);
    lifetimeMs = exp ? Math.max(0, exp - now) : 15 * 60_000;
  }
  return { conversationId, token: answer.token, refreshToken: answer.refreshToken, expiresAt: now + lifetimeMs,
    lifetimeMs, codename };
}

function isSession(value: unknown): value is StoredSession {
  if (!value || typeof value !== 'object') return false;
  const s = value as Record<string, unknown>;
  return typeof s.conversationId === 'string' && typeof s.token === 'string' && typeof s.refreshToken === 'string'
    && typeof s.expiresAt === 'number' && typeof s.lifetimeMs === 'number';
}

export type SessionEvent = 'changed' | 'lost';

export interface SessionDeps {
  origin: string;
  store: KeyValueStore;
  fetch: Fetch;
  now?: () => number;
  random?: () => number;
  /** Web Locks, to refresh one tab at a time (a reused refresh token revokes the session); null to skip. */
  locks?: LockManager | null;
}

/**
 * The customer's session: the token pair in localStorage (key per gateway origin, shared by the customer's tabs),
 * refreshed shortly before expiry and when a request was refused with 401. Refreshes are single-flight within a tab
 * and, with Web Locks, across tabs; a tab adopts tokens that another tab has already rotated instead of presenting
 * a used refresh token. A refresh refused with 400/401/403/404 means the session is over: it is cleared (`lost`).
 */
export class SessionManager {
  readonly key: string;
  private session: StoredSession | null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inflight: Promise<string | null> | null = null;
  private readonly listeners = new Set<(event: SessionEvent) => void>();
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly deps: SessionDeps) {
    this.key = storageKey(deps.origin, 'session');
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.session = this.readStored();
    this.schedule();
  }

  /** The current session, or null before the first message. */
  get current(): StoredSession | null {
    return this.session;
  }

  onEvent(listener: (event: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stores a new session (after the conversation was created or tokens were refreshed). */
  save(session: StoredSession): void {
    this.session = session;
    this.deps.store.set(this.key, JSON.stringify(session));
    this.schedule();
    this.emit('changed');
  }

  /** Forgets the session (`lost`: the server refused it). */
  clear(event: SessionEvent = 'lost'): void {
    if (!this.session && !this.deps.store.get(this.key)) return;
    this.session = null;
    this.deps.store.remove(this.key);
    this.schedule();
    this.emit(event);
  }

  /**
   * Re-reads localStorage (another tab created, refreshed or dropped the session); answers whether the
   * conversation changed.
   */
  reload(): boolean {
    const stored = this.readStored();
    const before = this.session?.conversationId ?? null;
    this.session = stored;
    this.schedule();
    return before !== (stored?.conversationId ?? null);
  }

  /**
   * A usable access token: the current one, refreshed first when it is about to expire or when `rejected` (a token
   * the server refused with 401) is still the current one. Null when there is no session (any more).
   * Throws {@link ApiError} / NetworkError when the refresh could not be done now (try again later).
   */
  async accessToken(rejected?: string | null): Promise<string | null> {
    const session = this.session;
    if (!session) return null;
    if (!needsRefresh(session, this.now()) && (!rejected || rejected !== session.token)) return session.token;
    return this.refresh(rejected ?? null);
  }

  /** Refreshes now (single-flight): answers the new token, or null when the session is gone. */
  refresh(rejected: string | null = null): Promise<string | null> {
    if (!this.inflight) {
      const run = () => this.doRefresh(rejected);
      const locks = this.deps.locks;
      const task = locks
        ? locks.request(`${this.key}:refresh`, run) as unknown as Promise<string | null>
        : run();
      this.inflight = task.finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  /** Stops the refresh timer. */
  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async doRefresh(rejected: string | null): Promise<string | null> {
    const held = this.session;
    if (!held) return null;
    // another tab may have rotated the tokens meanwhile: then use its fresh ones and never present the used
    // refresh token (that would revoke the whole chain)
    const stored = this.readStored();
    if (!stored) {
      this.session = null;
      this.schedule();
      this.emit('lost');
      return null;
    }
    if (stored.refreshToken !== held.refreshToken) {
      this.session = stored;
      this.schedule();
      if (stored.conversationId !== held.conversationId) this.emit('changed');
      if (!needsRefresh(stored, this.now()) && stored.token !== rejected) return stored.token;
    }
    const current = this.session ?? stored;
    let answer: TokenAnswer;
    try {
      answer = await requestJson<TokenAnswer>(this.deps.fetch, `${this.deps.origin}/api/widget/token`, 'POST',
        { refreshToken: current.refreshToken });
    } catch (e) {
      if (e instanceof ApiError && [400, 401, 403, 404, 410].includes(e.status)) {
        // but if another tab won the race, its tokens are in storage
        const after = this.readStored();
        if (after && after.refreshToken !== current.refreshToken) {
          this.session = after;
          this.schedule();
          return after.token;
        }
        this.clear('lost');
        return null;
      }
      this.scheduleRetry();
      throw e;
    }
    if (!answer || typeof answer.token !== 'string' || typeof answer.refreshToken !== 'string') {
      this.scheduleRetry();
      throw new Error('malformed token answer');
    }
    const next = sessionFrom(answer, current.conversationId, current.codename, this.now());
    this.save(next);
    return next.token;
  }

  private readStored(): StoredSession | null {
    const value = readJson<unknown>(this.deps.store, this.key);
    return isSession(value) ? value : null;
  }

  private schedule(): void {
    this.dispose();
    const session = this.session;
    if (!session) return;
    const delay = Math.min(refreshDelay(session, this.now(), this.random), 2_147_000_000);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refresh().catch(() => undefined);
    }, delay);
  }

  private scheduleRetry(): void {
    this.dispose();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refresh().catch(() => undefined);
    }, 15_000 + Math.round(this.random() * 15_000));
  }

  private emit(event: SessionEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
