import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, reconnectDelay } from './backoff';

describe('reconnectDelay', () => {
  it('doubles from 0.5 s and caps at 10 s without jitter', () => {
    const noJitter = { ...DEFAULT_BACKOFF, jitter: 0 };
    const delays = [0, 1, 2, 3, 4, 5, 6, 20].map((attempt) => reconnectDelay(attempt, () => 0.7, noJitter));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
  });

  it('takes at most the jitter share off the exponential delay', () => {
    expect(reconnectDelay(0, () => 0)).toBe(500);
    expect(reconnectDelay(0, () => 1)).toBe(250);
    expect(reconnectDelay(10, () => 1)).toBe(5000);
    for (let attempt = 0; attempt < 12; attempt++) {
      const delay = reconnectDelay(attempt);
      const ceiling = Math.min(10_000, 500 * 2 ** attempt);
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
  });

  it('treats negative, fractional and absurd attempts sanely', () => {
    expect(reconnectDelay(-3, () => 0)).toBe(500);
    expect(reconnectDelay(1.9, () => 0)).toBe(1000);
    expect(reconnectDelay(Number.POSITIVE_INFINITY, () => 0)).toBe(500);
    expect(reconnectDelay(10_000, () => 0)).toBe(10_000);
    expect(reconnectDelay(2, () => 5)).toBe(1000); // random clamped to 1
  });
});
