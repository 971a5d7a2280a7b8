import { Group, Paper, Text } from '@mantine/core';
import { systemKeyLabel } from '../format/labels';
import { t } from '../i18n';
import type { Reminder } from '../state/reminders';
import { PinIcon } from './icons';

function clock(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/**
 * The pinned operator reminder at the top of the open conversation's thread (outside the scrolling list, so it stays
 * in view) until someone claims the conversation. The text is plain text.
 */
export function PinnedReminder({ reminder }: { reminder: Reminder }) {
  return (
    <Paper m="sm" mb={0} px="sm" py={6} radius="md" withBorder role="note" aria-label={t('reminder.pinned')}
      data-testid="pinned-reminder" data-system-key={reminder.key} data-message-id={reminder.messageId ?? undefined}
      style={{ background: 'var(--mantine-color-orange-0)', borderColor: 'var(--mantine-color-orange-4)' }}>
      <Group gap={6} wrap="nowrap" c="orange.9">
        <PinIcon />
        <Text size="xs" fw={700}>
          {`${t('reminder.pinned')} · ${systemKeyLabel(reminder.key)} · ${clock(reminder.at)}`}
        </Text>
      </Group>
      {reminder.text && (
        <Text size="sm" dir="auto" data-testid="pinned-reminder-text" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {reminder.text}
        </Text>
      )}
      <Text size="xs" c="dimmed">{t('reminder.pinnedHint')}</Text>
    </Paper>
  );
}
