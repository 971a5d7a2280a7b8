import { describe, expect, it } from 'vitest';
import {
  MAX_TIMER_SECONDS, changeUnit, formFromSettings, parseAmount, timersChanged, toHuman, toSeconds, validateTimers,
} from './timers';

const defaults = {
  firstReminderSeconds: 300,
  secondReminderSeconds: 900,
  autoCloseUnansweredSeconds: 86400,
  autoCloseAfterReplySeconds: 172800,
};

describe('toHuman', () => {
  it('picks the largest unit that divides the seconds exactly', () => {
    expect(toHuman(300)).toEqual({ value: 5, unit: 'minutes' });
    expect(toHuman(900)).toEqual({ value: 15, unit: 'minutes' });
    expect(toHuman(5400)).toEqual({ value: 90, unit: 'minutes' });
    expect(toHuman(7200)).toEqual({ value: 2, unit: 'hours' });
    expect(toHuman(86400)).toEqual({ value: 1, unit: 'days' });
    expect(toHuman(172800)).toEqual({ value: 2, unit: 'days' });
    expect(toHuman(90000)).toEqual({ value: 25, unit: 'hours' });
    expect(toHuman(45)).toEqual({ value: 45, unit: 'seconds' });
    expect(toHuman(61)).toEqual({ value: 61, unit: 'seconds' });
  });

  it('shows 0 (disabled) as 0 minutes', () => {
    expect(toHuman(0)).toEqual({ value: 0, unit: 'minutes' });
  });
});

describe('toSeconds', () => {
  it('converts every unit to seconds', () => {
    expect(toSeconds({ value: 5, unit: 'minutes' })).toEqual({ ok: true, seconds: 300 });
    expect(toSeconds({ value: '2', unit: 'hours' })).toEqual({ ok: true, seconds: 7200 });
    expect(toSeconds({ value: 3, unit: 'days' })).toEqual({ ok: true, seconds: 259200 });
    expect(toSeconds({ value: 42, unit: 'seconds' })).toEqual({ ok: true, seconds: 42 });
    expect(toSeconds({ value: 0, unit: 'hours' })).toEqual({ ok: true, seconds: 0 });
  });

  it('accepts fractions that come to whole seconds, also with a decimal comma', () => {
    expect(toSeconds({ value: 1.5, unit: 'hours' })).toEqual({ ok: true, seconds: 5400 });
    expect(toSeconds({ value: '0.1', unit: 'hours' })).toEqual({ ok: true, seconds: 360 });
    expect(toSeconds({ value: '2,5', unit: 'minutes' })).toEqual({ ok: true, seconds: 150 });
  });

  it('refuses blank, non-numeric, negative, fractional-second and too large values', () => {
    expect(toSeconds({ value: '', unit: 'minutes' })).toMatchObject({ ok: false, error: 'timers.error.required' });
    expect(toSeconds({ value: 'abc', unit: 'minutes' })).toMatchObject({ ok: false, error: 'timers.error.required' });
    expect(toSeconds({ value: '1e3', unit: 'minutes' })).toMatchObject({ ok: false, error: 'timers.error.required' });
    expect(toSeconds({ value: -1, unit: 'minutes' })).toMatchObject({ ok: false, error: 'timers.error.negative' });
    expect(toSeconds({ value: 0.5, unit: 'seconds' })).toMatchObject({ ok: false, error: 'timers.error.fraction' });
    expect(toSeconds({ value: '0.001', unit: 'minutes' })).toMatchObject({ ok: false, error: 'timers.error.fraction' });
    expect(toSeconds({ value: 366, unit: 'days' })).toEqual({ ok: false, error: 'timers.error.tooLarge', params: { max: 365 } });
    expect(toSeconds({ value: MAX_TIMER_SECONDS, unit: 'seconds' })).toEqual({ ok: true, seconds: MAX_TIMER_SECONDS });
  });

  it('round-trips every value shown by toHuman', () => {
    for (const seconds of [0, 1, 59, 60, 61, 300, 3599, 3600, 5400, 86399, 86400, 172800, MAX_TIMER_SECONDS]) {
      expect(toSeconds(toHuman(seconds))).toEqual({ ok: true, seconds });
    }
  });
});

describe('parseAmount', () => {
  it('reads numbers and numeric strings only', () => {
    expect(parseAmount(' 12 ')).toBe(12);
    expect(parseAmount('.5')).toBe(0.5);
    expect(parseAmount('5.')).toBe(5);
    expect(parseAmount(Number.NaN)).toBeNull();
    expect(parseAmount('5 min')).toBeNull();
  });
});

describe('changeUnit', () => {
  it('converts the value when the result is exact', () => {
    expect(changeUnit({ value: 5, unit: 'minutes' }, 'seconds')).toEqual({ value: 300, unit: 'seconds' });
    expect(changeUnit({ value: 90, unit: 'minutes' }, 'hours')).toEqual({ value: 1.5, unit: 'hours' });
    expect(changeUnit({ value: 1, unit: 'days' }, 'hours')).toEqual({ value: 24, unit: 'hours' });
  });

  it('keeps the typed number when the conversion would not be exact or the value is invalid', () => {
    expect(changeUnit({ value: 100, unit: 'seconds' }, 'hours')).toEqual({ value: 100, unit: 'hours' });
    expect(changeUnit({ value: '', unit: 'minutes' }, 'hours')).toEqual({ value: '', unit: 'hours' });
  });
});

describe('validateTimers', () => {
  it('answers the seconds to send for the server defaults, without warnings', () => {
    const result = validateTimers(formFromSettings(defaults));
    expect(result.settings).toEqual(defaults);
    expect(result.errors).toEqual({});
    expect(result.warnings).toEqual([]);
  });

  it('sends 0 for disabled timers', () => {
    const form = formFromSettings(defaults);
    form.secondReminderSeconds = { value: 0, unit: 'hours' };
    expect(validateTimers(form).settings).toEqual({ ...defaults, secondReminderSeconds: 0 });
  });

  it('blocks saving and names the invalid fields', () => {
    const form = formFromSettings(defaults);
    form.firstReminderSeconds = { value: '', unit: 'minutes' };
    form.autoCloseAfterReplySeconds = { value: -2, unit: 'days' };
    const result = validateTimers(form);
    expect(result.settings).toBeNull();
    expect(Object.keys(result.errors).sort()).toEqual(['autoCloseAfterReplySeconds', 'firstReminderSeconds']);
    expect(result.errors.firstReminderSeconds?.key).toBe('timers.error.required');
    expect(result.errors.autoCloseAfterReplySeconds?.key).toBe('timers.error.negative');
  });

  it('warns (without blocking) when the second reminder is not after the first or auto-close comes first', () => {
    const form = formFromSettings({ ...defaults, secondReminderSeconds: 300, autoCloseUnansweredSeconds: 120 });
    const result = validateTimers(form);
    expect(result.settings).not.toBeNull();
    expect(result.warnings).toEqual(['timers.warn.secondBeforeFirst', 'timers.warn.closeBeforeReminder']);
  });

  it('does not warn about the order of disabled timers', () => {
    const result = validateTimers(formFromSettings({ ...defaults, firstReminderSeconds: 0, autoCloseUnansweredSeconds: 0 }));
    expect(result.warnings).toEqual([]);
  });
});

describe('timersChanged', () => {
  it('compares in seconds, whatever the unit', () => {
    const form = formFromSettings(defaults);
    expect(timersChanged(form, defaults)).toBe(false);
    form.firstReminderSeconds = { value: 300, unit: 'seconds' };
    expect(timersChanged(form, defaults)).toBe(false);
    form.firstReminderSeconds = { value: 6, unit: 'minutes' };
    expect(timersChanged(form, defaults)).toBe(true);
    form.firstReminderSeconds = { value: '', unit: 'minutes' };
    expect(timersChanged(form, defaults)).toBe(true);
  });
});
