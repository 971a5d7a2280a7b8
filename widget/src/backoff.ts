/** Reconnect backoff: exponential from `initialMs`, capped at `maxMs`, with a random `jitter` share taken off. */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** 0..1: the share of the exponential delay that is randomised (0 = none, 1 = anywhere in [0, delay]). */
  jitter: number;
}

export const SOCKET_BACKOFF: BackoffOptions = { initialMs: 1_000, maxMs: 15_000, factor: 2, jitter: 0.5 };

/**
 * Delay in ms before retry number `attempt` (0 for the first): `min(maxMs, initialMs * factor^attempt)` scaled by a
 * factor in `[1 - jitter, 1]` drawn from `random()` (0..1). With the socket defaults: 0.5–1 s, 1–2 s, 2–4 s,
 * 4–8 s, then 7.5–15 s.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random,
                             options: BackoffOptions = SOCKET_BACKOFF): number {
  const step = Number.isFinite(attempt) && attempt > 0 ? Math.min(Math.floor(attempt), 60) : 0;
  const ceiling = Math.min(options.maxMs, options.initialMs * Math.pow(options.factor, step));
  const jitter = Math.min(1, Math.max(0, options.jitter));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling * (1 - jitter * r));
}
