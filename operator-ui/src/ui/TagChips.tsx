import { Button, ColorSwatch, Group, Pill, Popover, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import type { Conversation, Tag } from '../api/types';
import { readableTextColor } from '../format/colors';
import { t } from '../i18n';
import { useConsoleData } from './consoleData';
import { useNotify } from './notices';
import { errorText, useServices } from './services';

/** The conversation's tags as coloured chips (× detaches), and "Add tag" to attach one from the tag list. */
export function TagChips({ conversation, onChanged }: {
  conversation: Conversation;
  onChanged: (conversation: Conversation) => void;
}) {
  const { api } = useServices();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const attached = conversation.tags ?? [];

  async function change(call: () => Promise<Conversation>) {
    setBusy(true);
    try {
      onChanged(await call());
    } catch (failure) {
      notify(t('tags.failed', { reason: errorText(failure) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Group gap={6} wrap="wrap" aria-label={t('tags.label')}>
      {attached.map((tag) => (
        <Pill
          key={tag.id}
          withRemoveButton
          disabled={busy}
          onRemove={() => void change(() => api.detachTag(conversation.id, tag.id))}
          removeButtonProps={{ 'aria-label': t('tags.remove', { name: tag.name }), 'data-testid': 'tag-remove' } as object}
          data-testid="tag-chip"
          data-tag-id={tag.id}
          style={{ backgroundColor: tag.color, color: readableTextColor(tag.color) }}
        >
          {tag.name}
        </Pill>
      ))}
      <AddTag attached={attached} disabled={busy} onAdd={(tag) => void change(() => api.attachTag(conversation.id, tag.id))} />
    </Group>
  );
}

function AddTag({ attached, disabled, onAdd }: { attached: Tag[]; disabled: boolean; onAdd: (tag: Tag) => void }) {
  const { tags, reloadTags } = useConsoleData();
  const [opened, setOpened] = useState(false);
  const [search, setSearch] = useState('');
  const attachedIds = new Set(attached.map((tag) => tag.id));
  const q = search.trim().toLowerCase();
  const available = tags.filter((tag) => !attachedIds.has(tag.id) && (!q || tag.name.toLowerCase().includes(q)));
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" shadow="md" width={220} trapFocus>
      <Popover.Target>
        <Button size="compact-xs" variant="subtle" disabled={disabled} data-testid="tag-add"
          onClick={() => {
            if (!opened) {
              reloadTags();
              setSearch('');
            }
            setOpened((o) => !o);
          }}>
          + {t('tags.add')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Stack gap={4}>
          <TextInput size="xs" placeholder={t('tags.choose')} aria-label={t('tags.choose')} value={search}
            onChange={(event) => setSearch(event.currentTarget.value)} data-testid="tag-search" />
          <ScrollArea.Autosize mah={220} type="auto">
            {available.map((tag) => (
              <UnstyledButton key={tag.id} w="100%" px={6} py={4} style={{ borderRadius: 4 }}
                data-testid="tag-option" data-tag-id={tag.id}
                onClick={() => {
                  setOpened(false);
                  onAdd(tag);
                }}>
                <Group gap={6} wrap="nowrap">
                  <ColorSwatch size={12} color={tag.color} />
                  <Text size="sm" truncate="end">{tag.name}</Text>
                </Group>
              </UnstyledButton>
            ))}
            {available.length === 0 && (
              <Text size="xs" c="dimmed" p={4}>{tags.length === 0 ? t('tags.none') : t('tags.noMatch')}</Text>
            )}
          </ScrollArea.Autosize>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
