import { Button, Group, NativeSelect, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import type { TimerSettings } from './adminApi';
import { type AdminKey, at } from './i18n';
import { InlineError, Warnings, adminErrorText, useAdminApi, useLoad } from './shared';
import {
  TIMER_FIELDS, TIME_UNITS, type TimeUnit, type TimerField, type TimerForm, changeUnit, formFromSettings, timersChanged,
  toSeconds, validateTimers,
} from './timers';

const FIELD_INFO: Record<TimerField, { label: AdminKey; testId: string }> = {
  firstReminderSeconds: { label: 'timers.firstReminder', testId: 'timer-first-reminder' },
  secondReminderSeconds: { label: 'timers.secondReminder', testId: 'timer-second-reminder' },
  autoCloseUnansweredSeconds: { label: 'timers.autoCloseUnanswered', testId: 'timer-autoclose-unanswered' },
  autoCloseAfterReplySeconds: { label: 'timers.autoCloseReplied', testId: 'timer-autoclose-replied' },
};

/**
 * Timers (`GET|PUT /api/admin/timers`): each shown in the largest exact unit (minutes/hours/days), sent in seconds;
 * 0 disables one.
 */
export function TimersPage() {
  const api = useAdminApi();
  const loaded = useLoad(() => api.getTimers(), [api]);
  const [form, setForm] = useState<TimerForm | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (loaded.data) setForm(formFromSettings(loaded.data));
  }, [loaded.data]);

  if (loaded.error) return <InlineError error={at('common.loadFailed', { reason: loaded.error })} testId="timers-load-error" />;
  if (!form || !loaded.data) return <Text c="dimmed">{at('common.loading')}</Text>;

  const validation = validateTimers(form);
  const changed = timersChanged(form, loaded.data);

  function update(field: TimerField, patch: { value?: number | string; unit?: TimeUnit }) {
    setSaved(false);
    setForm((current) => {
      if (!current) return current;
      const next = patch.unit ? changeUnit(current[field], patch.unit) : { ...current[field], value: patch.value ?? '' };
      return { ...current, [field]: next };
    });
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validation.settings || busy) return;
    setBusy(true);
    setError(null);
    try {
      const result: TimerSettings | undefined = await api.saveTimers(validation.settings);
      loaded.setData(() => (result && typeof result === 'object' ? result : validation.settings));
      setSaved(true);
    } catch (failure) {
      setError(adminErrorText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" maw={720}>
      <form onSubmit={save} noValidate data-testid="timers-form">
        <Stack gap="md">
          <Text size="sm" c="dimmed">{at('timers.hint')}</Text>
          {TIMER_FIELDS.map((field) => {
            const info = FIELD_INFO[field];
            const parsed = toSeconds(form[field]);
            const fieldProblem = validation.errors[field];
            return (
              <Group key={field} align="flex-start" wrap="nowrap">
                <NumberInput style={{ flex: 1 }} label={at(info.label)} min={0} allowNegative={false} decimalScale={4}
                  value={form[field].value} onChange={(value) => update(field, { value })}
                  error={fieldProblem ? at(fieldProblem.key, fieldProblem.params) : undefined}
                  description={parsed.ok
                    ? (parsed.seconds === 0 ? at('timers.disabled') : at('timers.inSeconds', { seconds: parsed.seconds }))
                    : undefined}
                  data-testid={info.testId} data-seconds={parsed.ok ? parsed.seconds : ''} />
                <NativeSelect label={at('timers.unit')} w={130} value={form[field].unit}
                  data={TIME_UNITS.map((unit) => ({ value: unit, label: at(`timers.unit.${unit}`) }))}
                  onChange={(event) => update(field, { unit: event.currentTarget.value as TimeUnit })}
                  data-testid={`${info.testId}-unit`} />
              </Group>
            );
          })}
          <Warnings keys={validation.warnings.map((key) => ({ key }))} testId="timers-warnings" />
          <InlineError error={error} testId="timers-error" />
          <Group justify="flex-end">
            {saved && !changed && <Text c="green" size="sm" role="status" data-testid="timers-saved">{at('common.saved')}</Text>}
            <Button variant="default" disabled={!changed || busy} onClick={() => setForm(formFromSettings(loaded.data!))}
              data-testid="timers-reset">{at('common.cancel')}</Button>
            <Button type="submit" loading={busy} disabled={!validation.settings} data-testid="timers-save">{at('common.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
