import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../api/ApiClient';
import type { PresenceEntry, ServerFrame } from '../api/types';
import type { AuthSession } from '../auth/AuthSession';
import { type ConnectionState, OperatorSocket } from '../live/OperatorSocket';
import { operatorSocketUrl } from '../live/frames';

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

/** Keeps the operator socket open while mounted; answers its connection state. */
export function useOperatorSocket(
  auth: AuthSession,
  onFrame: (frame: ServerFrame) => void,
  onReconnected: () => void,
): ConnectionState {
  const [state, setState] = useState<ConnectionState>('connecting');
  const frameHandler = useLatest(onFrame);
  const reconnectHandler = useLatest(onReconnected);
  useEffect(() => {
    const socket = new OperatorSocket({
      url: operatorSocketUrl(window.location),
      accessToken: (forceRefresh) => auth.accessToken(forceRefresh),
      onFrame: (frame) => frameHandler.current(frame),
      onState: setState,
      onReconnected: () => reconnectHandler.current(),
    });
    socket.start();
    return () => socket.stop();
  }, [auth, frameHandler, reconnectHandler]);
  return state;
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
