import type { CannedResponse } from '../api/types';

/** A `/shortcut` being typed: the text range `[start, end)` including the slash, and what follows the slash. */
export interface ShortcutToken {
  start: number;
  end: number;
  /** Lower-cased text after the slash (may be empty right after typing `/`). */
  query: string;
}

/** The reply text after an edit, with where the caret goes. */
export interface TextEdit {
  text: string;
  caret: number;
}

const TOKEN_CHARS = /^[A-Za-z0-9_-]*$/;

/**
 * The `/shortcut` that ends at `caret`: a slash at the start of the text or after whitespace, followed by shortcut
 * characters up to the caret, with nothing but whitespace (or the end) right after the caret. Null otherwise
 * (e.g. inside a URL like `a/b`, or in the middle of a word).
 */
export function shortcutTokenAt(text: string, caret: number): ShortcutToken | null {
  if (caret < 1 || caret > text.length) return null;
  if (caret < text.length && !/\s/.test(text[caret])) return null;
  let start = caret;
  while (start > 0 && !/\s/.test(text[start - 1])) start--;
  if (text[start] !== '/') return null;
  const query = text.slice(start + 1, caret);
  if (!TOKEN_CHARS.test(query) || query.length > 32) return null;
  return { start, end: caret, query: query.toLowerCase() };
}

/** The response whose shortcut is exactly `query` (case-insensitive), if any. */
export function findByShortcut(query: string, responses: readonly CannedResponse[]): CannedResponse | null {
  const wanted = query.toLowerCase();
  if (!wanted) return null;
  return responses.find((r) => r.shortcut?.toLowerCase() === wanted) ?? null;
}

/**
 * Autocomplete for a `/query`: responses whose shortcut starts with the query (exact match first, then by usage),
 * then responses whose title contains it; at most `limit`.
 */
export function suggestShortcuts(query: string, responses: readonly CannedResponse[], limit = 8): CannedResponse[] {
  const q = query.toLowerCase();
  const byUse = (a: CannedResponse, b: CannedResponse) => b.usageCount - a.usageCount || a.title.localeCompare(b.title);
  const prefixed = responses
    .filter((r) => r.shortcut && r.shortcut.toLowerCase().startsWith(q))
    .sort((a, b) => Number(b.shortcut!.toLowerCase() === q) - Number(a.shortcut!.toLowerCase() === q) || byUse(a, b));
  const titled = q
    ? responses.filter((r) => !prefixed.includes(r) && r.title.toLowerCase().includes(q)).sort(byUse)
    : [];
  return [...prefixed, ...titled].slice(0, limit);
}

/** Replaces `[start, end)` of `text` with `insert`; the caret lands after the inserted text. */
export function replaceRange(text: string, start: number, end: number, insert: string): TextEdit {
  return { text: text.slice(0, start) + insert + text.slice(end), caret: start + insert.length };
}

/**
 * Shortcut expansion, run when Space or Tab is pressed with the caret at `caret`: when the word before the caret
 * is `/<shortcut>` of a known response, answers the text with that word replaced by the response text (the key
 * itself is not inserted) and the response used; otherwise null (the key does its usual thing).
 */
export function expandShortcut(text: string, caret: number, responses: readonly CannedResponse[])
  : (TextEdit & { response: CannedResponse }) | null {
  const token = shortcutTokenAt(text, caret);
  if (!token) return null;
  const response = findByShortcut(token.query, responses);
  if (!response) return null;
  return { ...replaceRange(text, token.start, token.end, response.text), response };
}

/** Filters the picker's list by a search text over title, shortcut, category and text; by usage when empty. */
export function filterCannedResponses(search: string, responses: readonly CannedResponse[]): CannedResponse[] {
  const q = search.trim().toLowerCase().replace(/^\//, '');
  const list = q
    ? responses.filter((r) => [r.title, r.shortcut ?? '', r.category ?? '', r.text].some((f) => f.toLowerCase().includes(q)))
    : [...responses];
  return list.sort((a, b) => b.usageCount - a.usageCount || a.title.localeCompare(b.title));
}

/**
 * Shortcut expansion after an edit that left a space right before the caret (the space was just typed, or a value
 * like `/refund ` was filled in): when the word before that space is `/<shortcut>` of a known response, answers
 * the text with `/<shortcut> ` replaced by the response text; otherwise null.
 */
export function expandOnSpace(text: string, caret: number, responses: readonly CannedResponse[])
  : (TextEdit & { response: CannedResponse }) | null {
  if (caret < 2 || text[caret - 1] !== ' ') return null;
  const withoutSpace = text.slice(0, caret - 1) + text.slice(caret);
  return expandShortcut(withoutSpace, caret - 1, responses);
}

/**
 * Inserts `insert` in place of the selection `[start, end)` (the canned-response picker), with a space before it
 * when it would otherwise stick to the preceding word; the caret lands after it.
 */
export function insertSeparated(text: string, start: number, end: number, insert: string): TextEdit {
  const needsSpace = start > 0 && !/\s/.test(text[start - 1]);
  return replaceRange(text, start, end, needsSpace ? ` ${insert}` : insert);
}
