import { Box, Group, Paper, Text, Tooltip } from '@mantine/core';
import { memo } from 'react';
import type { Message } from '../api/types';
import { messageStatusLabel } from '../format/labels';
import { CheckIcon, ClockIcon } from './icons';

function clock(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/**
 * One message: inbound on the start side, outbound on the end side with its delivery status (clock = pending,
 * check = sent, red "failed: <reason>"). The text is rendered as plain text with `white-space: pre-wrap`.
 */
export const MessageBubble = memo(function MessageBubble({ message }: { message: Message }) {
  const outbound = message.direction === 'OUTBOUND';
  return (
    <Box
      component="li"
      data-testid="message"
      data-message-id={message.id}
      data-direction={message.direction}
      data-status={message.status}
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
        <Text size="sm" dir="auto" data-testid="message-text" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {message.text}
        </Text>
        <Group gap={4} justify="flex-end" wrap="nowrap" mt={2}>
          <Text size="xs" c="dimmed" title={new Date(message.createdAt).toLocaleString()}>
            {clock(message.createdAt)}
          </Text>
          {outbound && <DeliveryStatus message={message} />}
        </Group>
      </Paper>
    </Box>
  );
});

function DeliveryStatus({ message }: { message: Message }) {
  const label = messageStatusLabel(message);
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
        {message.status === 'SENT' ? <CheckIcon /> : <ClockIcon />}
      </Box>
    </Tooltip>
  );
}
