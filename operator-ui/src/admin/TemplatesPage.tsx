import {
  ActionIcon, Badge, Button, Checkbox, Grid, Group, NavLink, NumberInput, Paper, Stack, Text, TextInput, Textarea, Title,
} from '@mantine/core';
import { type FormEvent, useReducer, useState } from 'react';
import type { SystemMessageTemplate } from './adminApi';
import { TEMPLATE_KEYS } from './adminApi';
import { type AdminKey, at, localeDirection } from './i18n';
import { InlineError, Warnings, adminErrorText, formatTime, useAdminApi, useLoad } from './shared';
import {
  DEFAULT_LOCALES, PLACEHOLDERS, TEMPLATE_FLAGS, draftFromTemplate, localeError, normalizeLocale, templateChanged,
  templateReducer, validateTemplate,
} from './templates';

/** A human name for a template key (known keys translated, others shown as they are). */
function templateTitle(key: string): string {
  return (TEMPLATE_KEYS as readonly string[]).includes(key) ? at(`templates.key.${key}` as AdminKey) : key;
}

function orderTemplates(templates: readonly SystemMessageTemplate[]): SystemMessageTemplate[] {
  const rank = (key: string) => {
    const index = (TEMPLATE_KEYS as readonly string[]).indexOf(key);
    return index < 0 ? TEMPLATE_KEYS.length : index;
  };
  return [...templates].sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key));
}

/** System message templates: list of keys, editor per key (texts per locale, flags, rate limit). */
export function TemplatesPage() {
  const api = useAdminApi();
  const templates = useLoad(() => api.listTemplates(), [api]);
  const [selected, setSelected] = useState<string | null>(null);
  const list = orderTemplates(templates.data ?? []);
  const current = list.find((template) => template.key === selected) ?? null;

  return (
    <Stack>
      <InlineError error={templates.error ? at('common.loadFailed', { reason: templates.error }) : null} testId="templates-load-error" />
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p={4} component="nav" aria-label={at('admin.tab.templates')}>
            {list.map((template) => (
              <NavLink key={template.key} component="button" type="button" active={template.key === selected}
                label={templateTitle(template.key)} description={template.key}
                onClick={() => setSelected(template.key)}
                data-testid="template-item" data-key={template.key} />
            ))}
            {templates.data && list.length === 0 && <Text c="dimmed" p="sm">{at('templates.empty')}</Text>}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {current ? (
            <TemplateEditor key={current.key} template={current}
              onSaved={(saved) => templates.setData((all) => (all ?? []).map((t) => (t.key === saved.key ? saved : t)))} />
          ) : (
            <Text c="dimmed">{at('templates.select')}</Text>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

export function TemplateEditor({ template, onSaved }: { template: SystemMessageTemplate; onSaved: (saved: SystemMessageTemplate) => void }) {
  const api = useAdminApi();
  const [draft, dispatch] = useReducer(templateReducer, template, draftFromTemplate);
  const [newLocale, setNewLocale] = useState('');
  const [newLocaleError, setNewLocaleError] = useState<AdminKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const validation = validateTemplate(draft);
  const changed = templateChanged(draft, template);

  function addLocale() {
    const problem = localeError(draft, newLocale);
    setNewLocaleError(problem);
    if (problem) return;
    dispatch({ type: 'addLocale', locale: newLocale });
    setNewLocale('');
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validation.update || busy) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const result = await api.saveTemplate(template.key, validation.update);
      // keep the server's answer when it sent one, else what was saved
      const next = result && typeof result === 'object' && 'key' in result ? result : { ...template, ...validation.update };
      onSaved(next);
      dispatch({ type: 'reset', template: next });
      setSaved(true);
    } catch (failure) {
      setError(adminErrorText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md">
      <form onSubmit={save} noValidate data-testid="template-editor" data-key={template.key}>
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={3} size="h5">{templateTitle(template.key)}</Title>
            {changed && <Badge color="yellow" variant="light">{at('common.unsaved')}</Badge>}
          </Group>
          {template.updatedAt && <Text size="xs" c="dimmed">{at('templates.updatedAt', { time: formatTime(template.updatedAt) })}</Text>}
          <Text size="sm" c="dimmed" data-testid="template-placeholders">
            {at('templates.placeholders', { list: PLACEHOLDERS.join(', ') })}
          </Text>
          <Text fw={500} size="sm">{at('templates.texts')}</Text>
          {draft.locales.map((locale) => (
            <Group key={locale} align="flex-start" wrap="nowrap">
              <Textarea style={{ flex: 1 }} label={at('templates.textLabel', { locale })} autosize minRows={2} maxRows={10}
                value={draft.texts[locale] ?? ''} dir={localeDirection(locale)} lang={locale}
                onChange={(event) => dispatch({ type: 'text', locale, text: event.currentTarget.value })}
                data-testid={`template-text-${locale}`} />
              {!(DEFAULT_LOCALES as readonly string[]).includes(locale) && (
                <ActionIcon variant="subtle" color="red" mt={28} aria-label={at('templates.removeLocale', { locale })}
                  onClick={() => dispatch({ type: 'removeLocale', locale })} data-testid={`template-remove-${locale}`}>
                  ×
                </ActionIcon>
              )}
            </Group>
          ))}
          <Group align="flex-end">
            <TextInput label={at('templates.addLocale')} placeholder={at('templates.localePlaceholder')} value={newLocale}
              error={newLocaleError ? at(newLocaleError, { locale: normalizeLocale(newLocale) ?? newLocale }) : undefined}
              onChange={(event) => { setNewLocale(event.currentTarget.value); setNewLocaleError(null); }}
              onKeyDown={(event) => { if (event.key === 'Enter') { event.preventDefault(); addLocale(); } }}
              data-testid="template-locale-input" />
            <Button variant="default" onClick={addLocale} data-testid="template-locale-add">{at('templates.addLocale')}</Button>
          </Group>
          <Text fw={500} size="sm">{at('templates.flags')}</Text>
          <Group>
            {TEMPLATE_FLAGS.map((flag) => (
              <Checkbox key={flag} label={at(`templates.flag.${flag}`)} checked={draft.flags[flag]}
                onChange={(event) => dispatch({ type: 'flag', flag, value: event.currentTarget.checked })}
                data-testid={`template-flag-${flag}`} />
            ))}
          </Group>
          <NumberInput label={at('templates.rateLimit')} min={0} allowDecimal={false} allowNegative={false} w={260}
            value={draft.rateLimit} onChange={(value) => dispatch({ type: 'rateLimit', value })}
            error={validation.rateLimitError ? at(validation.rateLimitError) : undefined}
            data-testid="template-rate-limit" />
          <InlineError error={validation.errors.length ? validation.errors.map((e) => at(e.key, e.params)).join(' ') : null}
            testId="template-invalid" />
          <Warnings keys={validation.warnings} testId="template-warnings" />
          <InlineError error={error} testId="template-error" />
          <Group justify="flex-end">
            {saved && !changed && <Text c="green" size="sm" role="status" data-testid="template-saved">{at('common.saved')}</Text>}
            <Button variant="default" disabled={!changed || busy} onClick={() => dispatch({ type: 'reset', template })}
              data-testid="template-reset">{at('common.cancel')}</Button>
            <Button type="submit" loading={busy} disabled={!validation.update} data-testid="template-save">{at('common.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
