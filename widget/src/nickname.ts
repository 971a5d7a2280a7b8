/** Same rules as conversation-service: 2–32 characters after trimming, no links, no control characters. */
export const NICKNAME_MIN = 2;
export const NICKNAME_MAX = 32;

export type NicknameError = 'length' | 'link' | 'chars';

export type NicknameCheck = { ok: true; value: string | null } | { ok: false; error: NicknameError };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const LINK = /:\/\/|www\.|t\.me\/|[\p{L}\p{N}-]+\.[\p{L}]{2,}\//iu;

/**
 * Checks an optional nickname: blank means "no nickname" (`value: null`); otherwise the trimmed text when it has
 * 2–32 characters (code points), no control characters and nothing that looks like a link (`://`, `www.`, `t.me/`,
 * `word.tld/`).
 */
export function validateNickname(raw: string | null | undefined): NicknameCheck {
  const value = (raw ?? '').trim();
  if (value === '') return { ok: true, value: null };
  if (CONTROL.test(value)) return { ok: false, error: 'chars' };
  const length = Array.from(value).length;
  if (length < NICKNAME_MIN || length > NICKNAME_MAX) return { ok: false, error: 'length' };
  if (LINK.test(value)) return { ok: false, error: 'link' };
  return { ok: true, value };
}
