import { Button, ColorInput, ColorSwatch, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Tag } from './adminApi';
import { at } from './i18n';
import { ConfirmDelete, InlineError, adminErrorText, fieldError, useAdminApi, useLoad } from './shared';
import { DEFAULT_TAG_COLOR, type TagForm, sortTags, validateTag } from './tags';

/** Tags: list, create (name + `#rrggbb` colour), delete. */
export function TagsPage() {
  const api = useAdminApi();
  const tags = useLoad(() => api.listTags(), [api]);
  const [form, setForm] = useState<TagForm>({ name: '', color: DEFAULT_TAG_COLOR });
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Tag | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const { request, errors } = validateTag(form);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    if (!request || busy) return;
    setBusy(true);
    setError(null);
    try {
      const tag = await api.createTag(request.name, request.color);
      tags.setData((list) => [...(list ?? []).filter((t) => t.id !== tag.id), tag]);
      setForm((current) => ({ name: '', color: current.color }));
      setSubmitted(false);
    } catch (failure) {
      setError(adminErrorText(failure));
    } finally {
      setBusy(false);
    }
  }

  async function confirmDelete() {
    if (!deleting) return;
    setDeleteBusy(true);
    setDeleteError(null);
    try {
      await api.deleteTag(deleting.id);
      const id = deleting.id;
      tags.setData((list) => (list ?? []).filter((tag) => tag.id !== id));
      setDeleting(null);
    } catch (failure) {
      setDeleteError(adminErrorText(failure));
    } finally {
      setDeleteBusy(false);
    }
  }

  return (
    <Stack maw={720}>
      <Paper withBorder p="md">
        <form onSubmit={create} noValidate data-testid="tag-create-form">
          <Group align="flex-start">
            <TextInput label={at('tags.name')} required value={form.name} style={{ flex: 1 }} dir="auto"
              onChange={(event) => setForm((current) => ({ ...current, name: event.currentTarget.value }))}
              error={fieldError(errors.name, submitted)} data-testid="tag-create-name" />
            <ColorInput label={at('tags.color')} format="hex" value={form.color} w={180} withEyeDropper={false}
              onChange={(color) => setForm((current) => ({ ...current, color }))}
              error={fieldError(errors.color, submitted)} data-testid="tag-create-color" />
            <Button type="submit" mt={25} loading={busy} data-testid="tag-create-submit">{at('tags.create')}</Button>
          </Group>
          <InlineError error={error} testId="tag-create-error" />
        </form>
      </Paper>
      <InlineError error={tags.error ? at('common.loadFailed', { reason: tags.error }) : null} testId="tags-load-error" />
      <Table striped data-testid="tag-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{at('tags.name')}</Table.Th>
            <Table.Th>{at('tags.color')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sortTags(tags.data ?? []).map((tag) => (
            <Table.Tr key={tag.id} data-testid="tag-row" data-tag-id={tag.id} data-name={tag.name} data-color={tag.color}>
              <Table.Td dir="auto" data-testid="tag-name">{tag.name}</Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <ColorSwatch color={tag.color} size={18} />
                  <Text size="sm" ff="monospace">{tag.color}</Text>
                </Group>
              </Table.Td>
              <Table.Td>
                <Button size="xs" variant="light" color="red" data-testid="tag-delete"
                  onClick={() => { setDeleteError(null); setDeleting(tag); }}>{at('common.delete')}</Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {tags.data && tags.data.length === 0 && <Text c="dimmed" data-testid="tags-empty">{at('tags.empty')}</Text>}
      <ConfirmDelete name={deleting?.name ?? ''} opened={deleting !== null} busy={deleteBusy} error={deleteError}
        onConfirm={confirmDelete} onCancel={() => setDeleting(null)} />
    </Stack>
  );
}
