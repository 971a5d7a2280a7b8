import type { TimerSettings } from './adminApi';
import type { AdminKey } from './i18n';

/** Units an admin picks for a timer; the server always gets seconds. */
export type TimeUnit = 'seconds' | 'minutes' | 'hours' | 'days';

export const UNIT_SECONDS: Record<TimeUnit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** Units offered in the form, largest last. */
export const TIME_UNITS: readonly TimeUnit[] = ['seconds', 'minutes', 'hours', 'days'];

/** Longest accepted timer: 365 days (also far below the server's integer range). */
export const MAX_TIMER_SECONDS = 365 * 86400;

/** A timer as the form shows it: `value` is what the admin typed (string while editing), in `unit`. */
export interface HumanDuration {
  value: number | string;
  unit: TimeUnit;
}

/**
 * The friendliest exact form of `seconds`: the largest of days/hours/minutes that divides it, else seconds.
 * 0 (disabled) shows as 0 minutes. E.g. 300 → 5 minutes, 5400 → 90 minutes, 86400 → 1 day, 45 → 45 seconds.
 */
export function toHuman(seconds: number): HumanDuration {
  if (!Number.isFinite(seconds) || seconds <= 0) return { value: 0, unit: 'minutes' };
  for (const unit of ['days', 'hours', 'minutes'] as const) {
    if (seconds % UNIT_SECONDS[unit] === 0) return { value: seconds / UNIT_SECONDS[unit], unit };
  }
  return { value: seconds, unit: 'seconds' };
}

/** The number typed in a field, or null when it is blank or not a number (`"1,5"` is read as 1.5). */
export function parseAmount(value: number | string): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const text = value.trim().replace(',', '.');
  if (text === '' || !/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)) return null;
  return Number(text);
}

/** Result of reading one timer field: the seconds to send, or the error key to show. */
export type TimerParse = { ok: true; seconds: number } | { ok: false; error: AdminKey; params?: Record<string, number> };

/**
 * Converts `duration` to whole seconds and validates it: required, ≥ 0, a whole number of seconds (1.5 hours is
 * fine, 0.001 minutes is not), at most {@link MAX_TIMER_SECONDS}.
 */
export function toSeconds(duration: HumanDuration): TimerParse {
  const amount = parseAmount(duration.value);
  if (amount === null) return { ok: false, error: 'timers.error.required' };
  if (amount < 0) return { ok: false, error: 'timers.error.negative' };
  const exact = amount * UNIT_SECONDS[duration.unit];
  const seconds = Math.round(exact);
  // tolerate binary floating-point noise (0.1 hours = 360.00000000000006 s), nothing more
  if (Math.abs(exact - seconds) > 1e-6) return { ok: false, error: 'timers.error.fraction' };
  if (seconds > MAX_TIMER_SECONDS) return { ok: false, error: 'timers.error.tooLarge', params: { max: MAX_TIMER_SECONDS / 86400 } };
  return { ok: true, seconds };
}

/** Changes the unit of a field, converting its value when that is exact (5 minutes → 300 seconds); else keeps it. */
export function changeUnit(duration: HumanDuration, unit: TimeUnit): HumanDuration {
  const parsed = toSeconds(duration);
  if (!parsed.ok) return { value: duration.value, unit };
  const converted = parsed.seconds / UNIT_SECONDS[unit];
  // keep at most 4 decimals so that e.g. 100 seconds → 0.0278 hours does not show float noise; only when exact
  const rounded = Math.round(converted * 10000) / 10000;
  return Math.abs(rounded * UNIT_SECONDS[unit] - parsed.seconds) < 1e-6 ? { value: rounded, unit } : { value: duration.value, unit };
}

export const TIMER_FIELDS = [
  'firstReminderSeconds',
  'secondReminderSeconds',
  'autoCloseUnansweredSeconds',
  'autoCloseAfterReplySeconds',
] as const satisfies readonly (keyof TimerSettings)[];

export type TimerField = (typeof TIMER_FIELDS)[number];

export type TimerForm = Record<TimerField, HumanDuration>;

export function formFromSettings(settings: TimerSettings): TimerForm {
  return {
    firstReminderSeconds: toHuman(settings.firstReminderSeconds),
    secondReminderSeconds: toHuman(settings.secondReminderSeconds),
    autoCloseUnansweredSeconds: toHuman(settings.autoCloseUnansweredSeconds),
    autoCloseAfterReplySeconds: toHuman(settings.autoCloseAfterReplySeconds),
  };
}

export interface TimerValidation {
  /** The body to PUT, when every field is valid. */
  settings: TimerSettings | null;
  errors: Partial<Record<TimerField, { key: AdminKey; params?: Record<string, number> }>>;
  /** Plausibility hints that do not block saving (the server accepts any values ≥ 0). */
  warnings: AdminKey[];
}

/** Validates the whole form; `settings` is null when any field is invalid. */
export function validateTimers(form: TimerForm): TimerValidation {
  const errors: TimerValidation['errors'] = {};
  const values: Partial<TimerSettings> = {};
  for (const field of TIMER_FIELDS) {
    const parsed = toSeconds(form[field]);
    if (parsed.ok) values[field] = parsed.seconds;
    else errors[field] = { key: parsed.error, params: parsed.params };
  }
  if (Object.keys(errors).length > 0) return { settings: null, errors, warnings: [] };
  const settings = values as TimerSettings;
  const warnings: AdminKey[] = [];
  const { firstReminderSeconds: first, secondReminderSeconds: second, autoCloseUnansweredSeconds: close } = settings;
  if (first > 0 && second > 0 && second <= first) warnings.push('timers.warn.secondBeforeFirst');
  if (close > 0 && close <= Math.max(first, second)) warnings.push('timers.warn.closeBeforeReminder');
  return { settings, errors, warnings };
}

/** Whether the form differs from the saved settings (invalid forms count as changed). */
export function timersChanged(form: TimerForm, saved: TimerSettings): boolean {
  const { settings } = validateTimers(form);
  if (!settings) return true;
  return TIMER_FIELDS.some((field) => settings[field] !== saved[field]);
}
