import type { BulkDeleteRequest } from './adminApi';
import type { FieldError } from './operators';

/** Most ids one bulk-delete request may name (conversation-service `RecordsResource.MAX_IDS`). */
export const MAX_BULK_DELETE_IDS = 1000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The start of the calendar day `value` (`YYYY-MM-DD`, as an `<input type="date">` gives it) in the browser's time
 * zone, or null when it is not a real date (2025-02-30 is not).
 */
export function startOfLocalDay(value: string): Date | null {
  const match = DATE.exec(value.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  return date;
}

export interface ClosedBeforeValidation {
  /** The request to send, or null while the date is invalid. */
  request: Extract<BulkDeleteRequest, { filter: unknown }> | null;
  /** The cutoff instant (start of that day, local time), or null. */
  cutoff: Date | null;
  error?: FieldError;
}

/**
 * Validates the "closed before" date of the records form: required, a real date, not after today (`now`): a later
 * day would take every closed conversation, including those closed after the admin looked. The cutoff is the start
 * of that day in the browser's time zone, sent as an ISO-8601 instant (`filter.closedBefore`, status `CLOSED`).
 */
export function validateClosedBefore(value: string, now: Date): ClosedBeforeValidation {
  if (!value.trim()) return { request: null, cutoff: null, error: { key: 'records.error.dateRequired' } };
  const cutoff = startOfLocalDay(value);
  if (!cutoff) return { request: null, cutoff: null, error: { key: 'records.error.dateFormat' } };
  if (cutoff.getTime() > now.getTime()) return { request: null, cutoff, error: { key: 'records.error.dateFuture' } };
  return { request: { filter: { status: 'CLOSED', closedBefore: cutoff.toISOString() } }, cutoff };
}

export interface IdsValidation {
  request: Extract<BulkDeleteRequest, { ids: unknown }> | null;
  /** Distinct valid ids (lower case), in the order typed. */
  ids: string[];
  /** Entries that are not UUIDs, as typed. */
  invalid: string[];
  error?: FieldError;
}

/**
 * Reads conversation ids typed or pasted one per line (commas, spaces and semicolons also separate them): each must
 * be a UUID; duplicates count once; 1..{@link MAX_BULK_DELETE_IDS} of them.
 */
export function validateIds(text: string): IdsValidation {
  const entries = text.split(/[\s,;]+/).map((entry) => entry.trim()).filter(Boolean);
  const invalid = entries.filter((entry) => !UUID.test(entry));
  const ids = [...new Set(entries.filter((entry) => UUID.test(entry)).map((entry) => entry.toLowerCase()))];
  if (entries.length === 0) return { request: null, ids, invalid, error: { key: 'records.error.idsRequired' } };
  if (invalid.length > 0) {
    return { request: null, ids, invalid, error: { key: 'records.error.idsInvalid', params: { count: invalid.length } } };
  }
  if (ids.length > MAX_BULK_DELETE_IDS) {
    return { request: null, ids, invalid, error: { key: 'records.error.idsTooMany', params: { max: MAX_BULK_DELETE_IDS } } };
  }
  return { request: { ids }, ids, invalid };
}
