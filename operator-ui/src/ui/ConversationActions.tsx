import { Button, Group, Menu, ScrollArea, Text } from '@mantine/core';
import { useState } from 'react';
import type { Conversation } from '../api/types';
import { type MessageKey, t } from '../i18n';
import { type ConversationAction, allowedActions } from '../state/conversationActions';
import { CloseConversationModal } from './CloseConversationModal';
import { useConsoleData } from './consoleData';
import { useNotify } from './notices';
import { errorText, useServices } from './services';

const LABELS: Record<ConversationAction, MessageKey> = {
  claim: 'actions.claim',
  assign: 'actions.assign',
  unassign: 'actions.unassign',
  close: 'actions.close',
  reopen: 'actions.reopen',
  block: 'actions.block',
  unblock: 'actions.unblock',
};

const COLORS: Partial<Record<ConversationAction, string>> = { claim: 'indigo', block: 'red', close: 'gray' };

/**
 * Lifecycle buttons of the open conversation, as the transition table allows them for the signed-in operator.
 * Each answers the conversation after the change (`onChanged`); a refusal (409/403 problem detail, e.g. "Anna
 * already claimed it") is shown as a notification and the conversation is re-read (`onRefused`).
 */
export function ConversationActions({ conversation, onChanged, onRefused }: {
  conversation: Conversation;
  onChanged: (conversation: Conversation) => void;
  onRefused: (conversationId: string) => void;
}) {
  const { api } = useServices();
  const { viewer, operators } = useConsoleData();
  const notify = useNotify();
  const [busy, setBusy] = useState<ConversationAction | null>(null);
  const [closing, setClosing] = useState(false);
  const actions = allowedActions(conversation, viewer);

  async function run(action: ConversationAction, call: () => Promise<Conversation>): Promise<boolean> {
    setBusy(action);
    try {
      onChanged(await call());
      return true;
    } catch (failure) {
      notify(t('actions.failed', { action: t(LABELS[action]), reason: errorText(failure) }));
      onRefused(conversation.id);
      return false;
    } finally {
      setBusy(null);
    }
  }

  const simple = (action: 'claim' | 'unassign' | 'reopen' | 'block' | 'unblock') => (
    <Button key={action} size="xs" variant={action === 'claim' ? 'filled' : 'default'} color={COLORS[action]}
      loading={busy === action} disabled={busy !== null && busy !== action}
      onClick={() => void run(action, () => api.transition(conversation.id, action))} data-testid={`action-${action}`}>
      {t(LABELS[action])}
    </Button>
  );

  const assignable = operators.filter((o) => o.active !== false && o.id !== conversation.assigneeId);

  return (
    <Group gap={6} wrap="wrap" role="toolbar" aria-label={t('actions.label')}>
      {actions.map((action) => {
        switch (action) {
          case 'assign':
            return (
              <Menu key={action} position="bottom-start" shadow="md" withinPortal>
                <Menu.Target>
                  <Button size="xs" variant="default" loading={busy === 'assign'} disabled={busy !== null && busy !== 'assign'}
                    data-testid="action-assign">
                    {t('actions.assign')}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>{t('actions.assignTo')}</Menu.Label>
                  <ScrollArea.Autosize mah={280} type="auto">
                    {assignable.map((operator) => (
                      <Menu.Item key={operator.id} data-testid="assign-option" data-operator-id={operator.id}
                        onClick={() => void run('assign', () => api.assign(conversation.id, operator.id))}>
                        {operator.displayName}
                        <Text span size="xs" c="dimmed">{` @${operator.username}`}</Text>
                      </Menu.Item>
                    ))}
                  </ScrollArea.Autosize>
                </Menu.Dropdown>
              </Menu>
            );
          case 'close':
            return (
              <Button key={action} size="xs" variant="default" loading={busy === 'close'}
                disabled={busy !== null && busy !== 'close'} onClick={() => setClosing(true)} data-testid="action-close">
                {t('actions.close')}
              </Button>
            );
          default:
            return simple(action);
        }
      })}
      <CloseConversationModal
        opened={closing}
        busy={busy === 'close'}
        onCancel={() => setClosing(false)}
        onConfirm={async (closingMessage) => {
          if (await run('close', () => api.close(conversation.id, closingMessage))) setClosing(false);
        }}
      />
    </Group>
  );
}
