import { describe, expect, it } from 'vitest';
import { backoffDelay, SOCKET_BACKOFF } from './backoff';

describe('backoffDelay', () => {
  it('doubles from 1 s up to the 15 s cap, jitter taking off at most half', () => {
    const ceilings = [1000, 2000, 4000, 8000, 15000, 15000, 15000];
    ceilings.forEach((ceiling, attempt) => {
      expect(backoffDelay(attempt, () => 0)).toBe(ceiling);
      expect(backoffDelay(attempt, () => 1)).toBe(ceiling / 2);
    });
  });

  it('stays within [ceiling * (1 - jitter), ceiling] for any random value', () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const ceiling = Math.min(SOCKET_BACKOFF.maxMs, SOCKET_BACKOFF.initialMs * 2 ** attempt);
      for (let i = 0; i < 200; i++) {
        const d = backoffDelay(attempt);
        expect(d).toBeGreaterThanOrEqual(Math.round(ceiling * (1 - SOCKET_BACKOFF.jitter)));
        expect(d).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('spreads clients out: many draws for one attempt are not all the same', () => {
    const draws = new Set(Array.from({ length: 50 }, () => backoffDelay(3)));
    expect(draws.size).toBeGreaterThan(10);
  });

  it('treats odd input as the first attempt, clamps random() and never overflows', () => {
    expect(backoffDelay(-3, () => 0)).toBe(1000);
    expect(backoffDelay(Number.NaN, () => 0)).toBe(1000);
    expect(backoffDelay(2, () => 7)).toBe(2000);
    expect(backoffDelay(1e9, () => 0)).toBe(15000);
    expect(backoffDelay(3, () => 0, { initialMs: 100, maxMs: 1000, factor: 3, jitter: 0 })).toBe(1000);
  });
});
