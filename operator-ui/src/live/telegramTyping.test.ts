import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TelegramTypingRelay } from './telegramTyping';

describe('TelegramTypingRelay', () => {
  let posted: string[];
  let relay: TelegramTypingRelay;

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.parse('2026-11-21T12:00:00Z'));
    posted = [];
    relay = new TelegramTypingRelay(async (id) => { posted.push(id); });
  });
  afterEach(() => vi.useRealTimers());

  it('posts at once, then at most once every 4 s while the operator keeps typing', () => {
    relay.typing('c1', true);
    expect(posted).toEqual(['c1']);
    for (let i = 0; i < 3; i++) { // the reply box signals about once a second
      vi.advanceTimersByTime(1_000);
      relay.typing('c1', true);
    }
    vi.advanceTimersByTime(999);
    relay.typing('c1', true);
    expect(posted).toEqual(['c1']); // 3.999 s: still one
    vi.advanceTimersByTime(1);
    relay.typing('c1', true);
    expect(posted).toEqual(['c1', 'c1']); // 4 s after the first
    vi.advanceTimersByTime(3_000);
    relay.typing('c1', true);
    expect(posted).toEqual(['c1', 'c1']);
  });

  it('throttles each conversation on its own and ignores active:false', () => {
    relay.typing('c1', true);
    relay.typing('c2', true);
    relay.typing('c1', false);
    relay.typing('c1', true);
    expect(posted).toEqual(['c1', 'c2']);
    vi.advanceTimersByTime(10_000);
    relay.typing('c2', false);
    expect(posted).toEqual(['c1', 'c2']);
  });

  it('ignores failures and keeps throttling after one', async () => {
    const post = vi.fn().mockRejectedValueOnce(new Error('409 closed')).mockResolvedValue(undefined);
    const failing = new TelegramTypingRelay(post);
    failing.typing('c1', true);
    await Promise.resolve();
    failing.typing('c1', true);
    expect(post).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(4_000);
    failing.typing('c1', true);
    expect(post).toHaveBeenCalledTimes(2);
    const throwing = new TelegramTypingRelay(() => { throw new Error('offline'); });
    expect(() => throwing.typing('c1', true)).not.toThrow();
  });
});
