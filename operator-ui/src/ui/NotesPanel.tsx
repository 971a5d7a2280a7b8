import { Alert, Badge, Button, Group, Paper, ScrollArea, Stack, Text, Textarea, Title } from '@mantine/core';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { Note } from '../api/types';
import { t } from '../i18n';
import type { NotesState } from '../state/notes';
import { LockIcon } from './icons';
import { errorText } from './services';

/** Longest note the server accepts. */
export const NOTE_MAX_LENGTH = 4000;

/**
 * Private notes of the open conversation, clearly marked internal: the list (live `note.added` appended; "Load more
 * notes" under it while the server has further pages) and a box to add one (Ctrl/⌘+Enter adds).
 */
export function NotesPanel({ notes, error, onAdd, onLoadMore, loadingMore = false }: {
  notes: NotesState;
  error: string | null;
  onAdd: (text: string) => Promise<void>;
  /** Reads the next page (`notes.nextCursor`). */
  onLoadMore?: () => void;
  loadingMore?: boolean;
}) {
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const viewport = useRef<HTMLDivElement>(null);
  const value = text.trim();
  const tooLong = value.length > NOTE_MAX_LENGTH;

  useEffect(() => {
    const el = viewport.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [notes.notes.length]);

  async function submit() {
    if (!value || tooLong || saving) return;
    setSaving(true);
    setFailure(null);
    try {
      await onAdd(value);
      setText('');
    } catch (problem) {
      setFailure(t('notes.failed', { reason: errorText(problem) }));
    } finally {
      setSaving(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  }

  return (
    <Stack gap="xs" p="sm" h="100%" data-testid="notes-panel" aria-label={t('notes.title')} component="aside"
      style={{ background: 'var(--mantine-color-yellow-0)', borderInlineStart: '1px solid var(--mantine-color-yellow-3)' }}>
      <Group gap={6} wrap="nowrap">
        <LockIcon />
        <Title order={3} size="h6">{t('notes.title')}</Title>
        <Badge size="xs" color="yellow" variant="filled">{t('notes.badge')}</Badge>
      </Group>
      <Text size="xs" c="dimmed">{t('notes.internal')}</Text>
      {error && <Alert color="red" variant="light" p="xs" role="alert">{t('notes.loadFailed', { reason: error })}</Alert>}
      <ScrollArea style={{ flex: 1 }} viewportRef={viewport} type="auto">
        <Stack component="ol" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
          {notes.notes.map((note) => <NoteItem key={note.id} note={note} />)}
        </Stack>
        {notes.loaded && notes.notes.length === 0 && <Text size="xs" c="dimmed">{t('notes.empty')}</Text>}
        {notes.nextCursor && onLoadMore && (
          <Group justify="center" pt={6}>
            <Button variant="subtle" color="yellow.9" size="xs" loading={loadingMore} onClick={onLoadMore}
              data-testid="notes-load-more">
              {t('notes.loadMore')}
            </Button>
          </Group>
        )}
      </ScrollArea>
      {failure && <Text size="xs" c="red" role="alert">{failure}</Text>}
      <Textarea
        size="sm"
        autosize
        minRows={2}
        maxRows={6}
        placeholder={t('notes.placeholder')}
        aria-label={t('notes.placeholder')}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        error={tooLong ? t('notes.tooLong', { max: NOTE_MAX_LENGTH }) : undefined}
        data-testid="note-input"
      />
      <Button size="xs" color="yellow.8" onClick={() => void submit()} disabled={!value || tooLong || saving} loading={saving}
        data-testid="note-submit">
        {t('notes.add')}
      </Button>
    </Stack>
  );
}

function shortDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString([], { dateStyle: 'short', timeStyle: 'short' });
}

function NoteItem({ note }: { note: Note }) {
  return (
    <Paper component="li" p="xs" radius="sm" withBorder data-testid="note-item" data-note-id={note.id}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="xs" fw={600} truncate="end">{note.operatorName}</Text>
        <Text size="xs" c="dimmed" style={{ flexShrink: 0 }} title={new Date(note.createdAt).toLocaleString()}>{shortDateTime(note.createdAt)}</Text>
      </Group>
      <Text size="sm" dir="auto" data-testid="note-text" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {note.text}
      </Text>
    </Paper>
  );
}
