import { Badge, Box, Group, Stack, Text, Title } from '@mantine/core';
import type { Conversation } from '../api/types';
import { conversationStatusColor, conversationStatusLabel } from '../format/labels';
import { t } from '../i18n';
import { AuditDrawer } from './AuditDrawer';
import { ChannelBadge } from './ChannelBadge';
import { ConversationActions } from './ConversationActions';
import { CustomerDrawer } from './CustomerDrawer';
import { ExportButtons } from './ExportButtons';
import { TagChips } from './TagChips';
import { useConsoleData } from './consoleData';

/**
 * Header of the open conversation: channel icon, codename and the customer's nickname, the customer, status and assignee, the
 * lifecycle buttons, tag chips, the customer panel, audit log and transcript export.
 */
export function ConversationHeader({ conversation, onChanged, onRefused, onOpenConversation, onCustomerErased }: {
  conversation: Conversation;
  onChanged: (conversation: Conversation) => void;
  onRefused: (conversationId: string) => void;
  /** Open another conversation (from the customer panel). */
  onOpenConversation?: (conversationId: string) => void;
  /** An admin erased the customer's data: these conversations are gone. */
  onCustomerErased?: (customerId: string, conversationIds: string[]) => void;
}) {
  const { operatorName } = useConsoleData();
  const { customer } = conversation;
  const assigneeId = conversation.assigneeId ?? null;
  const assignee = assigneeId ? operatorName(assigneeId) ?? t('conversation.unknownOperator') : null;
  return (
    <Stack gap={6} px="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      data-testid="conversation-header">
      <Group justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
        <Box style={{ minWidth: 0 }}>
          <Group gap="xs" wrap="nowrap">
            <ChannelBadge conversation={conversation} size={16} />
            <Title order={2} size="h4" lineClamp={1} data-testid="conversation-title">{conversation.codename}</Title>
            {customer.nickname && (
              <Text c="dimmed" fs="italic" truncate="end" data-testid="conversation-nickname">{customer.nickname}</Text>
            )}
          </Group>
          <Text size="sm" c="dimmed" truncate="end">
            {customer.displayName}
            {customer.username && ` @${customer.username}`}
          </Text>
        </Box>
        <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
          <CustomerDrawer conversation={conversation} onOpenConversation={onOpenConversation} onErased={onCustomerErased} />
          <AuditDrawer conversation={conversation} />
          <ExportButtons conversation={conversation} />
        </Group>
      </Group>
      <Group gap="xs" wrap="wrap">
        <Badge variant="light" color={conversationStatusColor(conversation.status)} data-testid="conversation-status"
          data-status={conversation.status}>
          {conversationStatusLabel(conversation.status)}
        </Badge>
        <Text size="sm" c={assignee ? undefined : 'dimmed'} data-testid="conversation-assignee"
          data-assignee-id={assigneeId ?? ''}>
          {assignee ? t('conversation.assignee', { name: assignee }) : t('conversation.unassigned')}
        </Text>
        <Box style={{ flex: 1 }} />
        <ConversationActions conversation={conversation} onChanged={onChanged} onRefused={onRefused} />
      </Group>
      <TagChips conversation={conversation} onChanged={onChanged} />
    </Stack>
  );
}
