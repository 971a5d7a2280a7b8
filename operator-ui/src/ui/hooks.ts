import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { ApiClient } from '../api/ApiClient';
import type { ClientFrame, PresenceEntry, ServerFrame } from '../api/types';
import type { AuthSession } from '../auth/AuthSession';
import { type ConnectionState, OperatorSocket } from '../live/OperatorSocket';
import { operatorSocketUrl } from '../live/frames';
import {
  type CustomerActivityState,
  customerActivityReducer,
  initialCustomerActivityState,
  nextTypingExpiry,
} from '../state/customerActivity';

/** The current time in ms, updated every `intervalMs` (for relative times). */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** A ref that always holds the latest value (for callbacks handed to long-lived objects). */
export function useLatest<T>(value: T) {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  });
  return ref;
}

/**
 * Keeps the operator socket open while mounted; answers its connection state and `send` (a frame to the server
 * when live, else dropped: false).
 */
export function useOperatorSocket(
  auth: AuthSession,
  onFrame: (frame: ServerFrame) => void,
  onReconnected: () => void,
): { connection: ConnectionState; send: (frame: ClientFrame) => boolean } {
  const [state, setState] = useState<ConnectionState>('connecting');
  const frameHandler = useLatest(onFrame);
  const reconnectHandler = useLatest(onReconnected);
  const socketRef = useRef<OperatorSocket | null>(null);
  const send = useCallback((frame: ClientFrame) => socketRef.current?.send(frame) ?? false, []);
  useEffect(() => {
    const socket = new OperatorSocket({
      url: operatorSocketUrl(window.location),
      accessToken: (forceRefresh) => auth.accessToken(forceRefresh),
      onFrame: (frame) => frameHandler.current(frame),
      onState: setState,
      onReconnected: () => reconnectHandler.current(),
    });
    socketRef.current = socket;
    socket.start();
    return () => {
      if (socketRef.current === socket) socketRef.current = null;
      socket.stop();
    };
  }, [auth, frameHandler, reconnectHandler]);
  return { connection: state, send };
}

/**
 * The customers' typing and read receipts from socket frames (see `customerActivityReducer`); typing indicators are
 * removed when their time is up. Returns the state and the frame handler.
 */
export function useCustomerActivity(): [CustomerActivityState, (frame: ServerFrame) => void] {
  const [state, dispatch] = useReducer(customerActivityReducer, initialCustomerActivityState);
  const onFrame = useCallback((frame: ServerFrame) => dispatch({ type: 'frame', frame, now: Date.now() }), []);
  const expiry = nextTypingExpiry(state);
  useEffect(() => {
    if (expiry === null) return;
    // never earlier than `expiry`, so a timer firing a little early still removes what it was set for
    const id = setTimeout(() => dispatch({ type: 'tick', now: Math.max(Date.now(), expiry) }),
      Math.max(0, expiry - Date.now()));
    return () => clearTimeout(id);
  }, [expiry]);
  return [state, onFrame];
}

/**
 * Operators online (`GET /api/presence`), refreshed every `intervalMs` and each time `live` turns true (the socket
 * connected, which is what registers this operator); keeps the last answer on errors.
 */
export function usePresence(api: ApiClient, live: boolean, intervalMs = 30_000): PresenceEntry[] {
  const [entries, setEntries] = useState<PresenceEntry[]>([]);
  useEffect(() => {
    let cancelled = false;
    const load = () => {
      api.presence().then(
        (result) => {
          if (!cancelled && Array.isArray(result)) setEntries(result);
        },
        () => {
          // keep what we had; the next poll retries
        },
      );
    };
    load();
    // the server registers a socket's presence as it opens: read again shortly after going live
    const settle = live ? setTimeout(load, 1_500) : undefined;
    const id = setInterval(load, intervalMs);
    return () => {
      cancelled = true;
      clearTimeout(settle);
      clearInterval(id);
    };
  }, [api, live, intervalMs]);
  return entries;
}
