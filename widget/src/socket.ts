import { backoffDelay } from './backoff';
import type { ServerFrame } from './types';

/** `connecting`: not open yet; `live`: open; `offline`: closed, retrying; `stopped`: no session / stopped. */
export type SocketState = 'connecting' | 'live' | 'offline' | 'stopped';

/** After this many attempts in a row that failed, the session is refreshed before the next one. */
export const FAILURES_BEFORE_SESSION_REFRESH = 3;

export interface WidgetSocketOptions {
  /** `wss://gateway/ws/widget`. */
  url: string;
  /** A usable access token (null: no session, stop). `refresh` asks for a new one from the server. */
  accessToken: (refresh: boolean) => Promise<string | null>;
  onFrame: (frame: ServerFrame) => void;
  onState: (state: SocketState) => void;
  /** Called after every open (first and re-opens): fetch what may have been missed. */
  onOpen: () => void;
  createSocket?: (url: string, protocols: string[]) => WebSocket;
  random?: () => number;
  pingIntervalMs?: number;
}

/**
 * The subprotocols that carry the token in `Sec-WebSocket-Protocol` (a browser cannot set headers on a WebSocket);
 * Quarkus turns the second into `Authorization: Bearer <token>` and selects the first.
 */
export function bearerSubprotocols(token: string): string[] {
  return ['bearer-token-carrier', encodeURIComponent(`quarkus-http-upgrade#Authorization#Bearer ${token}`)];
}

/** `ws(s)://<gateway host>/ws/widget` for a gateway origin such as `https://support.example.com`. */
export function widgetSocketUrl(origin: string): string {
  return `${origin.replace(/^http/i, 'ws')}/ws/widget`;
}

/** Parses a server text frame `{"type": ..., "payload": {...}}`; null for anything else. */
export function parseFrame(data: unknown): ServerFrame | null {
  if (typeof data !== 'string') return null;
  try {
    const value = JSON.parse(data) as unknown;
    if (!value || typeof value !== 'object') return null;
    const v = value as Record<string, unknown>;
    if (typeof v.type !== 'string') return null;
    const payload = v.payload && typeof v.payload === 'object' ? v.payload as Record<string, unknown> : {};
    return { type: v.type, payload };
  } catch {
    return null;
  }
}

/**
 * The widget's live connection to `/ws/widget`: token in the subprotocol, reconnect with exponential backoff and
 * jitter after any close, a session refresh after {@link FAILURES_BEFORE_SESSION_REFRESH} failed attempts in a row,
 * `{"type":"ping"}` as keep-alive, and {@link renew} to move to a fresh token without a gap.
 */
export class WidgetSocket {
  private socket: WebSocket | null = null;
  private state: SocketState = 'stopped';
  private stopped = true;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private generation = 0;

  constructor(private readonly options: WidgetSocketOptions) {}

  get connectionState(): SocketState {
    return this.state;
  }

  get isLive(): boolean {
    return this.state === 'live';
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.generation++;
    this.failures = 0;
    this.setState('connecting');
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) this.close(socket, 1000, 'bye');
    this.setState('stopped');
  }

  /** Skips the wait of a scheduled reconnect (the browser came back online, the page became visible). */
  retryNow(): void {
    if (this.stopped || this.socket || this.retryTimer === null) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    void this.connect();
  }

  /** Sends a JSON frame when open; answers whether it was sent. */
  send(frame: Record<string, unknown>): boolean {
    const socket = this.socket;
    if (!socket || this.state !== 'live' || socket.readyState !== 1) return false;
    try {
      socket.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Opens a second socket with a fresh token and, once it is open, closes the old one (the server closes a socket
   * when its token expires). When the new one fails, the old one stays until it closes.
   */
  async renew(): Promise<void> {
    const old = this.socket;
    if (this.stopped || !old || this.state !== 'live') return;
    const generation = this.generation;
    let token: string | null;
    try {
      token = await this.options.accessToken(false);
    } catch {
      return;
    }
    if (!token || this.stopped || generation !== this.generation || this.socket !== old) return;
    let fresh: WebSocket;
    try {
      fresh = this.create(token);
    } catch {
      return;
    }
    fresh.onopen = () => {
      if (this.stopped || generation !== this.generation || this.socket !== old) {
        this.close(fresh, 1000, 'superseded');
        return;
      }
      this.close(old, 1000, 'renewed');
      this.socket = null;
      this.attach(fresh, true);
    };
    fresh.onclose = () => undefined;
    fresh.onerror = () => undefined;
  }

  private create(token: string): WebSocket {
    const create = this.options.createSocket ?? ((url, protocols) => new WebSocket(url, protocols));
    return create(this.options.url, bearerSubprotocols(token));
  }

  private async connect(): Promise<void> {
    const generation = this.generation;
    const refresh = this.failures > 0 && this.failures % FAILURES_BEFORE_SESSION_REFRESH === 0;
    let token: string | null;
    try {
      token = await this.options.accessToken(refresh);
    } catch {
      if (generation === this.generation) this.scheduleReconnect();
      return;
    }
    if (this.stopped || generation !== this.generation) return;
    if (!token) {
      this.stop();
      return;
    }
    let socket: WebSocket;
    try {
      socket = this.create(token);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.attach(socket, false);
  }

  private attach(socket: WebSocket, alreadyOpen: boolean): void {
    this.socket = socket;
    const opened = () => {
      if (this.socket !== socket) return;
      this.failures = 0;
      this.startPing(socket);
      this.setState('live');
      this.options.onOpen();
    };
    socket.onopen = opened;
    socket.onmessage = (event: MessageEvent) => {
      if (this.socket !== socket) return;
      const frame = parseFrame(event.data);
      if (frame && frame.type !== 'pong') this.options.onFrame(frame);
    };
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket) return;
      this.socket = null;
      const wasLive = this.state === 'live';
      // a close at token expiry (1008) or a clean server restart: try again at once with a fresh token
      if (wasLive && (event.code === 1008 || event.code === 1001 || event.code === 1012)) this.failures = 0;
      else this.failures++;
      this.scheduleReconnect(wasLive && this.failures === 0 ? 0 : undefined);
    };
    socket.onerror = () => undefined;
    if (alreadyOpen) opened();
  }

  private scheduleReconnect(delayMs?: number): void {
    this.clearTimers();
    if (this.stopped) return;
    this.setState('offline');
    const delay = delayMs ?? backoffDelay(Math.max(0, this.failures - 1), this.options.random);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }

  private startPing(socket: WebSocket): void {
    if (this.pingTimer !== null) clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      if (this.socket !== socket) return;
      try {
        socket.send('{"type":"ping"}');
      } catch {
        // the close event follows
      }
    }, this.options.pingIntervalMs ?? 25_000);
  }

  private close(socket: WebSocket, code: number, reason: string): void {
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    socket.onerror = null;
    try {
      socket.close(code, reason);
    } catch {
      // already closed
    }
  }

  private clearTimers(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    if (this.pingTimer !== null) clearInterval(this.pingTimer);
    this.retryTimer = null;
    this.pingTimer = null;
  }

  private setState(state: SocketState): void {
    if (this.state === state) return;
    this.state = state;
    this.options.onState(state);
  }
}
