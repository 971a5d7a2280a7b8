/** At most one `active: true` per this many ms while the operator keeps typing. */
export const TYPING_THROTTLE_MS = 1_000;
/** `active: false` after this many ms without a keystroke. */
export const TYPING_IDLE_MS = 3_000;

/**
 * Turns the operator's keystrokes in one reply box into typing signals: `send(true)` on the first input and then
 * at most once per {@link TYPING_THROTTLE_MS} while input continues; `send(false)` once, after
 * {@link TYPING_IDLE_MS} without input or on {@link stop} (reply sent, text cleared, box closed). Nothing is sent
 * while idle. Uses `Date.now` and `setTimeout`.
 */
export class TypingNotifier {
  private active = false;
  private lastSentAt = 0;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: (active: boolean) => void,
    private readonly throttleMs = TYPING_THROTTLE_MS,
    private readonly idleMs = TYPING_IDLE_MS,
  ) {}

  /** The operator typed. */
  input(): void {
    const now = Date.now();
    if (!this.active || now - this.lastSentAt >= this.throttleMs) {
      this.active = true;
      this.lastSentAt = now;
      this.send(true);
    }
    this.clearIdle();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      this.stop();
    }, this.idleMs);
  }

  /** The operator stopped (sent, cleared the text, left the conversation): `send(false)` if typing was signalled. */
  stop(): void {
    this.clearIdle();
    if (!this.active) return;
    this.active = false;
    this.send(false);
  }

  private clearIdle(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}
