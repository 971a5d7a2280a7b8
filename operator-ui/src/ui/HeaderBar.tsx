import { Avatar, Badge, Button, Group, Text, Title, Tooltip } from '@mantine/core';
import { useState } from 'react';
import type { Operator, PresenceEntry } from '../api/types';
import { t } from '../i18n';
import { tt } from '../i18n/telegram';
import type { ConnectionState } from '../live/OperatorSocket';
import { ProfileDialog } from './TelegramLinkPanel';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? '?').slice(0, 2)).toUpperCase();
}

const CONNECTION: Record<ConnectionState, { color: string; label: () => string }> = {
  live: { color: 'green', label: () => t('connection.live') },
  connecting: { color: 'gray', label: () => t('connection.connecting') },
  reconnecting: { color: 'yellow', label: () => t('connection.reconnecting') },
  stopped: { color: 'gray', label: () => t('connection.stopped') },
};

/**
 * Product name, operators online, connection indicator, the signed-in operator, "Profile" (Link Telegram), the "Admin" button (only when
 * `onOpenAdmin` is given, i.e. for admins) and logout.
 */
export function HeaderBar({ operator, presence, connection, onLogout, onOpenAdmin }: {
  operator: Operator;
  presence: PresenceEntry[];
  connection: ConnectionState;
  onLogout: () => void;
  onOpenAdmin?: () => void;
}) {
  const state = CONNECTION[connection];
  const [profileOpen, setProfileOpen] = useState(false);
  const shown = presence.slice(0, 6);
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Title order={1} size="h4">{t('app.title')}</Title>
      <Group gap="md" wrap="nowrap">
        <Group gap={6} wrap="nowrap" data-testid="presence" aria-label={t('header.online')}>
          <Text size="sm" c="dimmed" visibleFrom="sm">{presence.length ? t('header.online') : t('header.nobodyOnline')}</Text>
          {shown.map((entry) => (
            <Tooltip key={entry.operatorId} label={`${entry.displayName} (@${entry.username})`} withArrow>
              <Avatar size="sm" radius="xl" color="initials" name={entry.displayName || entry.username}
                data-testid="presence-operator" aria-label={entry.displayName}>
                {initials(entry.displayName || entry.username)}
              </Avatar>
            </Tooltip>
          ))}
          {presence.length > shown.length && <Avatar size="sm" radius="xl">+{presence.length - shown.length}</Avatar>}
        </Group>
        <Badge
          variant="dot"
          color={state.color}
          size="lg"
          tt="none"
          role="status"
          aria-live="polite"
          data-testid="connection-status"
          data-state={connection}
        >
          {state.label()}
        </Badge>
        <Text size="sm" fw={500} data-testid="operator-name" title={t('header.signedInAs', { name: operator.username })}>
          {operator.displayName}
        </Text>
        <Button variant="subtle" size="xs" onClick={() => setProfileOpen(true)} data-testid="profile-open">
          {tt('tg.profile.open')}
        </Button>
        <ProfileDialog opened={profileOpen} onClose={() => setProfileOpen(false)} />
        {onOpenAdmin && (
          <Button variant="light" size="xs" onClick={onOpenAdmin} data-testid="admin-open">
            {t('header.admin')}
          </Button>
        )}
        <Button variant="default" size="xs" onClick={onLogout} data-testid="logout">
          {t('header.logout')}
        </Button>
      </Group>
    </Group>
  );
}
