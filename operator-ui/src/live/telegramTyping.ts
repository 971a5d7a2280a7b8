/** At most one `POST /api/conversations/{id}/typing` per conversation per this many ms (Telegram shows it ≤ 5 s). */
export const TELEGRAM_TYPING_INTERVAL_MS = 4_000;

/**
 * Relays the operator's typing in Telegram conversations to `POST /api/conversations/{id}/typing`, throttled per
 * conversation: the first `active: true` calls `post` at once, later ones only when {@link TELEGRAM_TYPING_INTERVAL_MS}
 * has passed since the last call for that conversation, so "typing…" stays on in Telegram while the operator keeps
 * typing. `active: false` sends nothing (the chat action simply expires). Failures of `post` are ignored: typing is
 * a hint, never an error for the operator. Uses `Date.now`.
 */
export class TelegramTypingRelay {
  private readonly lastPostedAt = new Map<string, number>();

  constructor(
    private readonly post: (conversationId: string) => Promise<unknown>,
    private readonly intervalMs = TELEGRAM_TYPING_INTERVAL_MS,
  ) {}

  /** The operator started (true) or stopped (false) typing in `conversationId`, a Telegram conversation. */
  typing(conversationId: string, active: boolean): void {
    if (!active) return;
    const now = Date.now();
    const last = this.lastPostedAt.get(conversationId);
    if (last !== undefined && now - last < this.intervalMs) return;
    this.lastPostedAt.set(conversationId, now);
    try {
      this.post(conversationId).catch(() => undefined);
    } catch {
      // a synchronous failure is ignored as well
    }
  }
}
