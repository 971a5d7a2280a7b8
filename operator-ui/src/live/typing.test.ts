import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TypingNotifier } from './typing';

describe('TypingNotifier', () => {
  let sent: boolean[];
  let notifier: TypingNotifier;

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.parse('2026-11-21T12:00:00Z'));
    sent = [];
    notifier = new TypingNotifier((active) => sent.push(active));
  });
  afterEach(() => vi.useRealTimers());

  it('sends active:true at once, then at most once a second while typing continues', () => {
    notifier.input();
    expect(sent).toEqual([true]);
    for (let i = 0; i < 9; i++) {
      vi.advanceTimersByTime(100);
      notifier.input();
    }
    expect(sent).toEqual([true]); // 0.9 s of keystrokes: still one
    vi.advanceTimersByTime(100);
    notifier.input();
    expect(sent).toEqual([true, true]); // 1 s after the first
    vi.advanceTimersByTime(500);
    notifier.input();
    expect(sent).toEqual([true, true]);
  });

  it('sends active:false once after 3 s without input', () => {
    notifier.input();
    vi.advanceTimersByTime(2_000);
    notifier.input(); // restarts the idle time
    vi.advanceTimersByTime(2_999);
    expect(sent).toEqual([true, true]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([true, true, false]);
    vi.advanceTimersByTime(10_000);
    expect(sent).toEqual([true, true, false]);
  });

  it('sends active:false on stop (reply sent), only when typing was signalled, and starts again on new input', () => {
    notifier.stop();
    expect(sent).toEqual([]);
    notifier.input();
    vi.advanceTimersByTime(200);
    notifier.stop();
    expect(sent).toEqual([true, false]);
    vi.advanceTimersByTime(5_000); // the idle timer was cancelled
    expect(sent).toEqual([true, false]);
    notifier.input();
    expect(sent).toEqual([true, false, true]);
  });
});
