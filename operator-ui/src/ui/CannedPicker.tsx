import { ActionIcon, Badge, Group, Popover, ScrollArea, Stack, Text, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import type { CannedResponse } from '../api/types';
import { t } from '../i18n';
import { filterCannedResponses } from '../state/cannedShortcut';
import { useConsoleData } from './consoleData';
import { TextSnippetIcon } from './icons';

/** Button + popover with search over the canned responses; choosing one hands it to `onPick`. */
export function CannedPicker({ onPick, disabled }: { onPick: (response: CannedResponse) => void; disabled?: boolean }) {
  const { canned, reloadCanned } = useConsoleData();
  const [opened, setOpened] = useState(false);
  const [search, setSearch] = useState('');
  const shown = filterCannedResponses(search, canned);
  return (
    <Popover opened={opened} onChange={setOpened} position="top-start" shadow="md" width={380} trapFocus>
      <Popover.Target>
        <Tooltip label={t('canned.open')} withArrow disabled={opened}>
          <ActionIcon size="lg" variant="default" aria-label={t('canned.open')} disabled={disabled}
            data-testid="canned-picker"
            onClick={() => {
              if (!opened) {
                reloadCanned();
                setSearch('');
              }
              setOpened((o) => !o);
            }}>
            <TextSnippetIcon size={18} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Stack gap={6}>
          <TextInput size="xs" placeholder={t('canned.search')} aria-label={t('canned.search')} value={search}
            onChange={(event) => setSearch(event.currentTarget.value)} data-testid="canned-search" data-autofocus />
          <ScrollArea.Autosize mah={300} type="auto">
            <Stack gap={2}>
              {shown.map((response) => (
                <CannedItem key={response.id} response={response} source="picker"
                  onClick={() => {
                    setOpened(false);
                    onPick(response);
                  }} />
              ))}
            </Stack>
            {shown.length === 0 && <Text size="xs" c="dimmed" p={4}>{t('canned.none')}</Text>}
          </ScrollArea.Autosize>
          <Text size="xs" c="dimmed">{t('canned.hint')}</Text>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** One canned response in a list: title, `/shortcut`, shared/personal, and the start of its text. */
export function CannedItem({ response, onClick, active, source }: {
  response: CannedResponse;
  onClick: () => void;
  active?: boolean;
  source: 'picker' | 'autocomplete';
}) {
  return (
    <UnstyledButton w="100%" px={6} py={4} onClick={onClick} onMouseDown={(event) => event.preventDefault()}
      data-testid="canned-item" data-source={source} data-canned-id={response.id} data-shortcut={response.shortcut ?? undefined}
      role="option" aria-selected={active ?? false}
      style={{ borderRadius: 6, background: active ? 'var(--mantine-primary-color-light)' : undefined }}>
      <Group gap={6} wrap="nowrap" justify="space-between">
        <Text size="sm" fw={500} truncate="end">{response.title}</Text>
        <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
          {response.shortcut && <Badge size="xs" variant="outline" tt="none">/{response.shortcut}</Badge>}
          <Badge size="xs" variant="light" color={response.shared ? 'teal' : 'gray'}>
            {response.shared ? t('canned.shared') : t('canned.personal')}
          </Badge>
        </Group>
      </Group>
      <Text size="xs" c="dimmed" lineClamp={2} dir="auto">{response.text}</Text>
    </UnstyledButton>
  );
}
