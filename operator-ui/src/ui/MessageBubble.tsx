import { Box, Group, Paper, Text, Tooltip } from '@mantine/core';
import { memo } from 'react';
import type { Message } from '../api/types';
import { messageStatusLabel, systemKeyLabel } from '../format/labels';
import { t } from '../i18n';
import { CheckIcon, ClockIcon, DoubleCheckIcon } from './icons';

function clock(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/**
 * One message: inbound on the start side, outbound on the end side with its author and delivery status (clock =
 * pending, check = sent, double check = read by the customer (`read`), red "failed: <reason>"); a system message
 * (`systemKey` set) is a centered line. The text is rendered as plain text with `white-space: pre-wrap`.
 */
export const MessageBubble = memo(function MessageBubble({ message, read = false }: { message: Message; read?: boolean }) {
  if (message.systemKey) return <SystemMessageLine message={message} />;
  const outbound = message.direction === 'OUTBOUND';
  return (
    <Box
      component="li"
      data-testid="message"
      data-message-id={message.id}
      data-direction={message.direction}
      data-status={message.status}
      data-read={outbound ? String(read) : undefined}
      style={{ display: 'flex', justifyContent: outbound ? 'flex-end' : 'flex-start' }}
    >
      <Paper
        px="sm"
        py={6}
        radius="lg"
        maw="75%"
        bg={outbound ? 'var(--mantine-color-indigo-1)' : 'var(--mantine-color-gray-1)'}
        style={{ minWidth: 0 }}
      >
        {outbound && message.operatorName && (
          <Text size="xs" c="indigo.8" fw={600} data-testid="message-author">{message.operatorName}</Text>
        )}
        <Text size="sm" dir="auto" data-testid="message-text" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {message.text}
        </Text>
        <Group gap={4} justify="flex-end" wrap="nowrap" mt={2}>
          <Text size="xs" c="dimmed" title={new Date(message.createdAt).toLocaleString()}>
            {clock(message.createdAt)}
          </Text>
          {outbound && <DeliveryStatus message={message} read={read} />}
        </Group>
      </Paper>
    </Box>
  );
});

/** A system message (welcome, reminder, reopened, closing…): a centered line, never a customer or operator bubble. */
function SystemMessageLine({ message }: { message: Message }) {
  const key = message.systemKey ?? '';
  const delivered = message.direction === 'OUTBOUND' && message.status !== 'RECORDED';
  return (
    <Box component="li" data-testid="system-message" data-message-id={message.id} data-system-key={key}
      data-status={message.status} style={{ display: 'flex', justifyContent: 'center' }}>
      <Box maw="85%" px="sm" py={4} ta="center"
        style={{ borderRadius: 999, background: 'var(--mantine-color-gray-0)', border: '1px dashed var(--mantine-color-gray-4)' }}>
        <Text size="xs" c="dimmed" fw={600} aria-label={t('system.label')}>
          {systemKeyLabel(key)}
          {` · ${clock(message.createdAt)}`}
          {message.operatorName && ` · ${t('message.author', { name: message.operatorName })}`}
        </Text>
        <Text size="sm" c="dark.4" dir="auto" data-testid="system-message-text" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {message.text}
        </Text>
        {delivered && (
          <Group gap={4} justify="center" mt={2}><DeliveryStatus message={message} /></Group>
        )}
      </Box>
    </Box>
  );
}

function DeliveryStatus({ message, read = false }: { message: Message; read?: boolean }) {
  const label = read ? t('message.readByCustomer') : messageStatusLabel(message);
  if (message.status === 'FAILED') {
    return (
      <Text size="xs" c="red" fw={500} data-testid="message-status" style={{ overflowWrap: 'anywhere' }}>
        {label}
      </Text>
    );
  }
  return (
    <Tooltip label={label} withArrow openDelay={300}>
      <Box
        component="span"
        role="img"
        aria-label={label}
        data-testid="message-status"
        c={message.status === 'SENT' ? 'indigo' : 'dimmed'}
        style={{ display: 'inline-flex' }}
      >
        {read ? <DoubleCheckIcon /> : message.status === 'SENT' ? <CheckIcon /> : <ClockIcon />}
      </Box>
    </Tooltip>
  );
}
