import type { Tag } from './adminApi';
import type { Errors } from './operators';

export const COLOR_PATTERN = /^#[0-9a-f]{6}$/;
export const MAX_TAG_NAME_LENGTH = 50;
export const DEFAULT_TAG_COLOR = '#228be6';

/** `#RGB`/`#RRGGBB` (any case, `#` optional) as lower-case `#rrggbb`, or null when it is not a hex colour. */
export function normalizeColor(input: string): string | null {
  let hex = input.trim().toLowerCase().replace(/^#/, '');
  if (/^[0-9a-f]{3}$/.test(hex)) hex = [...hex].map((digit) => digit + digit).join('');
  return /^[0-9a-f]{6}$/.test(hex) ? `#${hex}` : null;
}

export interface TagForm {
  name: string;
  color: string;
}

/** Validates the create form; `request` holds the trimmed name and the colour as `#rrggbb`. */
export function validateTag(form: TagForm): { request: TagForm | null; errors: Errors<keyof TagForm> } {
  const errors: Errors<keyof TagForm> = {};
  const name = form.name.trim();
  const color = normalizeColor(form.color);
  if (!name) errors.name = { key: 'tags.error.nameRequired' };
  else if (name.length > MAX_TAG_NAME_LENGTH) errors.name = { key: 'tags.error.nameLength', params: { max: MAX_TAG_NAME_LENGTH } };
  if (!color) errors.color = { key: 'tags.error.color' };
  return Object.keys(errors).length === 0 && color ? { request: { name, color }, errors } : { request: null, errors };
}

/** Tags by name, case-insensitively. */
export function sortTags(tags: readonly Tag[]): Tag[] {
  return [...tags].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
}
