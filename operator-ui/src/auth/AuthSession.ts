import { ApiError, NetworkError, errorFromResponse } from '../api/problem';
import type { TokenResponse } from '../api/types';
import { type Session, isExpiring, loadSession, refreshDelay, saveSession, sessionFromTokens } from './session';

type Listener = () => void;

/**
 * Owns the operator's tokens: login, logout, rotation through `POST /api/auth/refresh` shortly before expiry, and a
 * single-flight refresh for callers that met a 401. Observable for React through {@link subscribe}/{@link current}.
 */
export class AuthSession {
  private session: Session | null;
  private readonly listeners = new Set<Listener>();
  private refreshing: Promise<Session | null> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly fetchFn: typeof fetch = (...args) => fetch(...args),
    private readonly now: () => number = Date.now,
  ) {
    this.session = loadSession(storage);
    this.schedule();
  }

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly current = (): Session | null => this.session;

  /** Signs in; rejects with an {@link ApiError} (401 problem+json) or a {@link NetworkError}. */
  async login(username: string, password: string): Promise<Session> {
    const tokens = await this.post<TokenResponse>('/api/auth/login', { username, password });
    const session = sessionFromTokens(tokens, this.now());
    this.set(session);
    return session;
  }

  /** Revokes the refresh token (best effort) and forgets the session. */
  async logout(): Promise<void> {
    const session = this.session;
    this.set(null);
    if (session) {
      try {
        await this.post('/api/auth/logout', { refreshToken: session.refreshToken });
      } catch {
        // already signed out locally; the refresh token expires on its own
      }
    }
  }

  /** Forgets the session without calling the server (the server already refused it). */
  expire(): void {
    this.set(null);
  }

  /**
   * A usable access token: refreshed first when it is about to expire (or when `forceRefresh`); null when signed out.
   * Rejects with a {@link NetworkError} when a needed refresh could not reach the server.
   */
  async accessToken(forceRefresh = false): Promise<string | null> {
    const session = this.session;
    if (!session) return null;
    if (forceRefresh || isExpiring(session, this.now())) {
      const refreshed = await this.refresh();
      return refreshed?.accessToken ?? null;
    }
    return session.accessToken;
  }

  /**
   * Rotates the tokens once (concurrent callers share the same request). Resolves to the new session, or null when
   * the server refused the refresh token (the operator is signed out). Rejects on network errors.
   */
  refresh(): Promise<Session | null> {
    if (!this.refreshing) {
      this.refreshing = this.doRefresh().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  private async doRefresh(): Promise<Session | null> {
    const session = this.session;
    if (!session) return null;
    try {
      const tokens = await this.post<TokenResponse>('/api/auth/refresh', { refreshToken: session.refreshToken });
      if (this.session !== session) return this.session; // logged out or replaced meanwhile
      const next = sessionFromTokens(tokens, this.now());
      this.set(next);
      return next;
    } catch (error) {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
        if (this.session === session) this.set(null);
        return null;
      }
      throw error;
    }
  }

  private set(session: Session | null): void {
    this.session = session;
    saveSession(this.storage, session);
    this.schedule();
    this.listeners.forEach((listener) => listener());
  }

  private schedule(retryMs?: number): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const session = this.session;
    if (!session) return;
    const delay = retryMs ?? refreshDelay(session, this.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refresh().catch(() => this.schedule(10_000));
    }, delay);
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchFn(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (cause) {
      throw new NetworkError(cause);
    }
    if (!response.ok) throw await errorFromResponse(response);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
