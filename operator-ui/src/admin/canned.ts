import type { CannedResponse, CannedResponseRequest } from './adminApi';
import type { Errors } from './operators';

export const SHORTCUT_PATTERN = /^[a-z0-9_-]{1,32}$/;
export const MAX_TITLE_LENGTH = 200;
export const MAX_TEXT_LENGTH = 4000;
export const MAX_CATEGORY_LENGTH = 100;

export interface CannedForm {
  title: string;
  text: string;
  category: string;
  shortcut: string;
  shared: boolean;
}

export const EMPTY_CANNED_FORM: CannedForm = { title: '', text: '', category: '', shortcut: '', shared: true };

export function cannedFormFor(canned: CannedResponse): CannedForm {
  return {
    title: canned.title,
    text: canned.text,
    category: canned.category ?? '',
    shortcut: canned.shortcut ?? '',
    shared: canned.shared,
  };
}

/**
 * Validates the form and builds the POST/PUT body: title and text required (text kept as typed apart from trailing
 * whitespace), blank category/shortcut become null, a leading `/` of the shortcut is dropped and it must match
 * `^[a-z0-9_-]{1,32}$`.
 */
export function validateCanned(form: CannedForm): { request: CannedResponseRequest | null; errors: Errors<keyof CannedForm> } {
  const errors: Errors<keyof CannedForm> = {};
  const title = form.title.trim();
  const text = form.text.trimEnd();
  const category = form.category.trim();
  const shortcut = form.shortcut.trim().replace(/^\//, '');
  if (!title) errors.title = { key: 'canned.error.titleRequired' };
  else if (title.length > MAX_TITLE_LENGTH) errors.title = { key: 'canned.error.tooLong', params: { max: MAX_TITLE_LENGTH } };
  if (!text.trim()) errors.text = { key: 'canned.error.textRequired' };
  else if (text.length > MAX_TEXT_LENGTH) errors.text = { key: 'canned.error.tooLong', params: { max: MAX_TEXT_LENGTH } };
  if (category.length > MAX_CATEGORY_LENGTH) errors.category = { key: 'canned.error.tooLong', params: { max: MAX_CATEGORY_LENGTH } };
  if (shortcut && !SHORTCUT_PATTERN.test(shortcut)) errors.shortcut = { key: 'canned.error.shortcutFormat' };
  if (Object.keys(errors).length > 0) return { request: null, errors };
  return {
    request: { title, text, category: category || null, shortcut: shortcut || null, shared: form.shared },
    errors,
  };
}

/** Distinct non-blank categories, sorted case-insensitively. */
export function categoriesOf(items: readonly CannedResponse[]): string[] {
  const seen = new Map<string, string>();
  for (const item of items) {
    const category = item.category?.trim();
    if (category && !seen.has(category.toLowerCase())) seen.set(category.toLowerCase(), category);
  }
  return [...seen.values()].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
}
