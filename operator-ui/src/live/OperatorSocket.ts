import type { ClientFrame, ServerFrame } from '../api/types';
import { reconnectDelay } from './backoff';
import { bearerSubprotocols, parseServerFrame } from './frames';

/** `connecting`: first attempt; `live`: open; `reconnecting`: closed, retrying; `stopped`: signed out or stopped. */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface OperatorSocketOptions {
  url: string;
  /** A fresh access token (refreshed when needed, or always when `forceRefresh`); null when signed out. */
  accessToken: (forceRefresh: boolean) => Promise<string | null>;
  onFrame: (frame: ServerFrame) => void;
  onState: (state: ConnectionState) => void;
  /** Called after every successful re-open (not the first open): re-fetch what may have been missed. */
  onReconnected: () => void;
  createSocket?: (url: string, protocols: string[]) => WebSocket;
  pingIntervalMs?: number;
  random?: () => number;
}

/**
 * The operator's live connection to `/ws/operator`: token in the subprotocol, `{"type":"ping"}` every 20 s,
 * reconnect with exponential backoff and jitter after any close, a fresh token on each attempt, and a forced token
 * refresh after an attempt that was refused before opening (an expired or revoked token looks like that).
 */
export class OperatorSocket {
  private socket: WebSocket | null = null;
  private state: ConnectionState = 'stopped';
  private stopped = true;
  private attempt = 0;
  private everOpened = false;
  private forcedRefreshSinceOpen = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private lastHeardAt = 0;
  private generation = 0;

  constructor(private readonly options: OperatorSocketOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.generation++;
    this.attempt = 0;
    this.setState(this.everOpened ? 'reconnecting' : 'connecting');
    void this.connect(false);
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      this.detach(socket);
      socket.close(1000, 'bye');
    }
    this.setState('stopped');
  }

  /**
   * Sends a frame (e.g. `{"type":"typing",…}`) when the socket is open; answers false and drops it otherwise.
   * Nothing is queued: the frames sent here are ephemeral signals.
   */
  send(frame: ClientFrame): boolean {
    const socket = this.socket;
    if (!socket || this.state !== 'live') return false;
    try {
      socket.send(JSON.stringify(frame));
      return true;
    } catch {
      return false; // the close event will follow
    }
  }

  private async connect(forceRefresh: boolean): Promise<void> {
    const generation = this.generation;
    let token: string | null;
    try {
      token = await this.options.accessToken(forceRefresh);
    } catch {
      if (generation === this.generation) this.scheduleReconnect(false);
      return;
    }
    if (this.stopped || generation !== this.generation) return;
    if (!token) {
      this.stop();
      return;
    }
    const create = this.options.createSocket ?? ((url, protocols) => new WebSocket(url, protocols));
    let socket: WebSocket;
    try {
      socket = create(this.options.url, bearerSubprotocols(token));
    } catch {
      this.scheduleReconnect(false);
      return;
    }
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      opened = true;
      const reconnected = this.everOpened;
      this.everOpened = true;
      this.forcedRefreshSinceOpen = false;
      this.attempt = 0;
      this.lastHeardAt = Date.now();
      this.startPing(socket);
      this.setState('live');
      if (reconnected) this.options.onReconnected();
    };
    socket.onmessage = (event: MessageEvent) => {
      if (this.socket !== socket) return;
      this.lastHeardAt = Date.now();
      const frame = parseServerFrame(event.data);
      if (frame) this.options.onFrame(frame);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.scheduleReconnect(!opened);
    };
    socket.onerror = () => {
      // a close event follows
    };
  }

  private scheduleReconnect(refusedBeforeOpen: boolean): void {
    this.clearTimers();
    if (this.stopped) return;
    this.setState(this.everOpened ? 'reconnecting' : 'connecting');
    const forceRefresh = refusedBeforeOpen && !this.forcedRefreshSinceOpen;
    if (forceRefresh) this.forcedRefreshSinceOpen = true;
    const delay = reconnectDelay(this.attempt++, this.options.random);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect(forceRefresh);
    }, delay);
  }

  private startPing(socket: WebSocket): void {
    const interval = this.options.pingIntervalMs ?? 20_000;
    this.pingTimer = setInterval(() => {
      if (this.socket !== socket) return;
      if (Date.now() - this.lastHeardAt > interval * 2.5) {
        // nothing heard (not even a pong) for too long: treat the connection as dead
        this.socket = null;
        this.detach(socket);
        socket.close(4000, 'timeout');
        this.scheduleReconnect(false);
        return;
      }
      try {
        socket.send(JSON.stringify({ type: 'ping' }));
      } catch {
        // the close event will follow
      }
    }, interval);
  }

  private detach(socket: WebSocket): void {
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    socket.onerror = null;
  }

  private clearTimers(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    if (this.pingTimer !== null) clearInterval(this.pingTimer);
    this.retryTimer = null;
    this.pingTimer = null;
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.options.onState(state);
  }
}
