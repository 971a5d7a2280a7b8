import { describe, expect, it } from 'vitest';
import { validateNickname } from './nickname';

describe('validateNickname', () => {
  it('accepts blank as "no nickname" and trims', () => {
    expect(validateNickname('')).toEqual({ ok: true, value: null });
    expect(validateNickname('   ')).toEqual({ ok: true, value: null });
    expect(validateNickname(null)).toEqual({ ok: true, value: null });
    expect(validateNickname('  Bob  ')).toEqual({ ok: true, value: 'Bob' });
  });

  it('wants 2 to 32 characters, counted as code points', () => {
    expect(validateNickname('A')).toEqual({ ok: false, error: 'length' });
    expect(validateNickname('Ab').ok).toBe(true);
    expect(validateNickname('x'.repeat(32)).ok).toBe(true);
    expect(validateNickname('x'.repeat(33))).toEqual({ ok: false, error: 'length' });
    expect(validateNickname('😀'.repeat(32)).ok).toBe(true);
    expect(validateNickname('Мария').ok).toBe(true);
    expect(validateNickname('مریم').ok).toBe(true);
  });

  it('refuses links', () => {
    for (const name of ['http://x', 'see www.spam', 't.me/spam', 'buy at shop.com/now', 'a://b']) {
      expect(validateNickname(name)).toEqual({ ok: false, error: 'link' });
    }
    expect(validateNickname('Dr. Who').ok).toBe(true);
    expect(validateNickname('J.R.R. Tolkien').ok).toBe(true);
  });

  it('refuses control characters', () => {
    expect(validateNickname('Bo\u0000b')).toEqual({ ok: false, error: 'chars' });
    expect(validateNickname('Bo\nb')).toEqual({ ok: false, error: 'chars' });
  });
});
