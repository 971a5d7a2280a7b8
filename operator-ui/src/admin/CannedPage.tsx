import {
  Badge, Button, Checkbox, Group, Modal, NativeSelect, Paper, Stack, Table, Text, TextInput, Textarea, Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import type { CannedResponse, CannedResponseRequest } from './adminApi';
import { type CannedForm, EMPTY_CANNED_FORM, cannedFormFor, categoriesOf, validateCanned } from './canned';
import { at } from './i18n';
import { upsertById } from './operators';
import { ConfirmDelete, InlineError, adminErrorText, fieldError, useAdminApi, useLoad } from './shared';

/** Canned responses: search, category filter, create, edit, delete. */
export function CannedPage() {
  const api = useAdminApi();
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 300);
  const [category, setCategory] = useState('');
  const canned = useLoad(() => api.listCanned(query), [api, query]);
  const [editing, setEditing] = useState<CannedResponse | null>(null);
  const [deleting, setDeleting] = useState<CannedResponse | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const all = canned.data ?? [];
  const categories = categoriesOf(all);
  const shown = category ? all.filter((item) => (item.category ?? '').toLowerCase() === category.toLowerCase()) : all;
  const replace = (item: CannedResponse) => canned.setData((list) => upsertById(list ?? [], item));

  async function confirmDelete() {
    if (!deleting) return;
    setDeleteBusy(true);
    setDeleteError(null);
    try {
      await api.deleteCanned(deleting.id);
      const id = deleting.id;
      canned.setData((list) => (list ?? []).filter((item) => item.id !== id));
      setDeleting(null);
    } catch (failure) {
      setDeleteError(adminErrorText(failure));
    } finally {
      setDeleteBusy(false);
    }
  }

  return (
    <Stack>
      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="sm">{at('canned.create')}</Title>
        <CannedEditor testPrefix="canned-create" initial={EMPTY_CANNED_FORM} submitLabel={at('common.create')} resetOnSave
          save={(request) => api.createCanned(request)} onSaved={replace} />
      </Paper>
      <Group align="flex-end">
        <TextInput label={at('canned.search')} value={search} style={{ flex: 1 }} type="search"
          onChange={(event) => setSearch(event.currentTarget.value)} data-testid="canned-search" />
        <NativeSelect label={at('canned.category')} value={category} w={220}
          data={[{ value: '', label: at('canned.allCategories') }, ...categories.map((c) => ({ value: c, label: c }))]}
          onChange={(event) => setCategory(event.currentTarget.value)} data-testid="canned-category-filter" />
      </Group>
      <InlineError error={canned.error ? at('common.loadFailed', { reason: canned.error }) : null} testId="canned-load-error" />
      <Table striped highlightOnHover data-testid="canned-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{at('canned.title')}</Table.Th>
            <Table.Th>{at('canned.text')}</Table.Th>
            <Table.Th>{at('canned.category')}</Table.Th>
            <Table.Th>{at('canned.shortcut')}</Table.Th>
            <Table.Th>{at('canned.sharedShort')}</Table.Th>
            <Table.Th>{at('canned.usage')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((item) => (
            <Table.Tr key={item.id} data-testid="canned-row" data-canned-id={item.id} data-shortcut={item.shortcut ?? ''}>
              <Table.Td data-testid="canned-title" dir="auto">{item.title}</Table.Td>
              <Table.Td dir="auto">
                <Text size="sm" lineClamp={2} style={{ whiteSpace: 'pre-wrap' }} data-testid="canned-text">{item.text}</Text>
              </Table.Td>
              <Table.Td dir="auto">{item.category ?? at('common.none')}</Table.Td>
              <Table.Td>{item.shortcut ? <code>/{item.shortcut}</code> : at('common.none')}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={item.shared ? 'indigo' : 'gray'}>
                  {item.shared ? at('canned.sharedShort') : at('canned.personal')}
                </Badge>
              </Table.Td>
              <Table.Td>{item.usageCount ?? 0}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button size="xs" variant="default" onClick={() => setEditing(item)} data-testid="canned-edit">{at('common.edit')}</Button>
                  <Button size="xs" variant="light" color="red" data-testid="canned-delete"
                    onClick={() => { setDeleteError(null); setDeleting(item); }}>{at('common.delete')}</Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canned.data && shown.length === 0 && <Text c="dimmed" data-testid="canned-empty">{at('canned.empty')}</Text>}
      {editing && (
        <Modal opened onClose={() => setEditing(null)} title={at('canned.edit')} size="lg" centered>
          <CannedEditor testPrefix="canned-edit" initial={cannedFormFor(editing)} submitLabel={at('common.save')}
            save={(request) => api.updateCanned(editing.id, request)}
            onSaved={(item) => { replace(item); setEditing(null); }} onCancel={() => setEditing(null)} />
        </Modal>
      )}
      <ConfirmDelete name={deleting?.title ?? ''} opened={deleting !== null} busy={deleteBusy} error={deleteError}
        onConfirm={confirmDelete} onCancel={() => setDeleting(null)} />
    </Stack>
  );
}

/** The canned response form, used for create (`canned-create-*`) and edit (`canned-edit-*`). */
function CannedEditor({ testPrefix, initial, submitLabel, resetOnSave, save, onSaved, onCancel }: {
  testPrefix: string;
  initial: CannedForm;
  submitLabel: string;
  resetOnSave?: boolean;
  save: (request: CannedResponseRequest) => Promise<CannedResponse>;
  onSaved: (item: CannedResponse) => void;
  onCancel?: () => void;
}) {
  const [form, setForm] = useState<CannedForm>(initial);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { request, errors } = validateCanned(form);
  const set = (patch: Partial<CannedForm>) => setForm((current) => ({ ...current, ...patch }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    if (!request || busy) return;
    setBusy(true);
    setError(null);
    try {
      const item = await save(request);
      if (resetOnSave) {
        setForm(initial);
        setSubmitted(false);
      }
      setBusy(false);
      onSaved(item);
    } catch (failure) {
      setError(adminErrorText(failure));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate data-testid={`${testPrefix}-form`}>
      <Stack gap="sm">
        <Group grow align="flex-start">
          <TextInput label={at('canned.title')} required value={form.title} dir="auto"
            onChange={(event) => set({ title: event.currentTarget.value })}
            error={fieldError(errors.title, submitted)} data-testid={`${testPrefix}-title`} />
          <TextInput label={at('canned.category')} value={form.category} dir="auto"
            onChange={(event) => set({ category: event.currentTarget.value })}
            error={fieldError(errors.category, submitted)} data-testid={`${testPrefix}-category`} />
          <TextInput label={at('canned.shortcut')} value={form.shortcut} leftSection="/"
            onChange={(event) => set({ shortcut: event.currentTarget.value })}
            error={fieldError(errors.shortcut, submitted || form.shortcut !== '')} data-testid={`${testPrefix}-shortcut`} />
        </Group>
        <Textarea label={at('canned.text')} required autosize minRows={3} maxRows={12} value={form.text} dir="auto"
          onChange={(event) => set({ text: event.currentTarget.value })}
          error={fieldError(errors.text, submitted)} data-testid={`${testPrefix}-text`} />
        <Checkbox label={at('canned.shared')} checked={form.shared}
          onChange={(event) => set({ shared: event.currentTarget.checked })} data-testid={`${testPrefix}-shared`} />
        <InlineError error={error} testId={`${testPrefix}-error`} />
        <Group justify="flex-end">
          {onCancel && <Button variant="default" onClick={onCancel} data-testid={`${testPrefix}-cancel`}>{at('common.cancel')}</Button>}
          <Button type="submit" loading={busy} data-testid={`${testPrefix}-submit`}>{submitLabel}</Button>
        </Group>
      </Stack>
    </form>
  );
}
