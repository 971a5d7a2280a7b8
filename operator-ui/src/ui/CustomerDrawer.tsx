import { Alert, Badge, Box, Button, Center, Drawer, Group, Loader, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, type KeyboardEvent, useCallback, useEffect, useState } from 'react';
import type { Conversation, CustomerConversation, CustomerProfile } from '../api/types';
import { conversationStatusColor, conversationStatusLabel } from '../format/labels';
import { t } from '../i18n';
import { erasedConversationIds, erasureConfirmationMatches } from '../state/customerErasure';
import { useConsoleData } from './consoleData';
import { errorText, useServices } from './services';

interface Props {
  conversation: Conversation;
  /** Open another conversation of the customer (the drawer closes). */
  onOpenConversation?: (conversationId: string) => void;
  /** The customer's data was erased: these conversations are gone. */
  onErased?: (customerId: string, conversationIds: string[]) => void;
}

function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * "Customer" button of the conversation header and its drawer: the customer's profile (`GET /api/customers/{id}`)
 * and their conversations (a click opens one); for admins, "Erase customer data" with a typed confirmation (the
 * customer's display name) → `DELETE /api/customers/{id}`.
 */
export function CustomerDrawer({ conversation, onOpenConversation, onErased }: Props) {
  const [opened, setOpened] = useState(false);
  // the confirmation is a sibling of the drawer, not inside it, so Escape in it does not close the drawer too
  const [erasing, setErasing] = useState<CustomerProfile | null>(null);
  const customer = conversation.customer;
  return (
    <>
      <Button size="xs" variant="subtle" onClick={() => setOpened(true)} title={t('customer.openTitle')}
        data-testid="customer-open">
        {t('customer.open')}
      </Button>
      <Drawer opened={opened} onClose={() => setOpened(false)} position="right" size="md"
        title={`${t('customer.title')} · ${customer.displayName}`}>
        {opened && (
          <CustomerPanel customerId={customer.id} currentConversationId={conversation.id}
            onOpenConversation={(id) => {
              setOpened(false);
              onOpenConversation?.(id);
            }}
            onErase={setErasing} />
        )}
      </Drawer>
      {erasing && (
        <EraseCustomerModal profile={erasing} onCancel={() => setErasing(null)}
          onErased={() => {
            setErasing(null);
            setOpened(false);
            onErased?.(erasing.id, erasedConversationIds(erasing, conversation.id));
          }} />
      )}
    </>
  );
}

/** The drawer's content: profile, conversations and (admins) the erase button. */
export function CustomerPanel({ customerId, currentConversationId, onOpenConversation, onErase, initialProfile = null }: {
  customerId: string;
  currentConversationId: string;
  onOpenConversation: (conversationId: string) => void;
  onErase: (profile: CustomerProfile) => void;
  /** A profile to show before (or instead of) loading one (tests render with it). */
  initialProfile?: CustomerProfile | null;
}) {
  const { api } = useServices();
  const { viewer } = useConsoleData();
  const [profile, setProfile] = useState<CustomerProfile | null>(initialProfile);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setProfile(await api.customerProfile(customerId));
      setError(null);
    } catch (failure) {
      setError(errorText(failure));
    }
  }, [api, customerId]);

  useEffect(() => {
    void load();
  }, [load]);

  if (error) {
    return <Alert color="red" variant="light" role="alert" data-testid="customer-error">{t('customer.loadFailed', { reason: error })}</Alert>;
  }
  if (!profile) {
    return <Center p="lg"><Loader size="sm" aria-label={t('customer.loading')} /></Center>;
  }
  return (
    <Stack gap="md" data-testid="customer-profile" data-customer-id={profile.id}>
      <CustomerFacts profile={profile} />
      <Stack gap={6}>
        <Title order={3} size="h6">{t('customer.conversations', { count: profile.conversations.length })}</Title>
        {profile.conversations.length === 0 && <Text size="sm" c="dimmed">{t('customer.noConversations')}</Text>}
        <Stack component="ul" gap={4} m={0} p={0} style={{ listStyle: 'none' }} data-testid="customer-conversations">
          {profile.conversations.map((item) => (
            <CustomerConversationRow key={item.id} item={item} current={item.id === currentConversationId}
              onOpen={() => onOpenConversation(item.id)} />
          ))}
        </Stack>
      </Stack>
      {viewer.admin && (
        <Box pt="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
          <Button color="red" variant="light" onClick={() => onErase(profile)} data-testid="customer-erase">
            {t('customer.erase')}
          </Button>
        </Box>
      )}
    </Stack>
  );
}

function CustomerFacts({ profile }: { profile: CustomerProfile }) {
  const rows: [string, string | null, string][] = [
    [t('customer.username'), profile.username ? `@${profile.username}` : null, 'customer-username'],
    [t('customer.nickname'), profile.nickname, 'customer-nickname'],
    [t('customer.language'), profile.languageCode, 'customer-language'],
    [t('customer.since'), dateTime(profile.createdAt), 'customer-since'],
    [t('customer.id'), profile.id, 'customer-id'],
  ];
  return (
    <Stack gap={4}>
      <Text fw={700} dir="auto" data-testid="customer-name">{profile.displayName}</Text>
      {rows.filter(([, value]) => value).map(([label, value, testId]) => (
        <Group key={testId} gap="xs" wrap="nowrap" align="baseline">
          <Text size="xs" c="dimmed" w={110} style={{ flexShrink: 0 }}>{label}</Text>
          <Text size="sm" dir="auto" style={{ overflowWrap: 'anywhere' }} data-testid={testId}>{value}</Text>
        </Group>
      ))}
    </Stack>
  );
}

function CustomerConversationRow({ item, current, onOpen }: {
  item: CustomerConversation;
  current: boolean;
  onOpen: () => void;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen();
    }
  };
  return (
    <Box component="li" role="button" tabIndex={0} onClick={onOpen} onKeyDown={onKeyDown} p="xs"
      aria-current={current ? 'true' : undefined} data-testid="customer-conversation" data-conversation-id={item.id}
      data-status={item.status}
      bg={current ? 'var(--mantine-primary-color-light)' : undefined}
      style={{ cursor: 'pointer', border: '1px solid var(--mantine-color-default-border)', borderRadius: 8 }}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={600} truncate="end">{item.codename}</Text>
        <Badge size="xs" variant="light" color={conversationStatusColor(item.status)} style={{ flexShrink: 0 }}>
          {conversationStatusLabel(item.status)}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {dateTime(item.createdAt)}
        {item.closedAt && ` · ${t('customer.closedAt', { time: dateTime(item.closedAt) })}`}
        {current && ` · ${t('customer.current')}`}
      </Text>
    </Box>
  );
}

/** The typed confirmation of an erasure: the button stays disabled until the customer's name is typed. */
export function EraseCustomerModal({ profile, onCancel, onErased }: {
  profile: CustomerProfile;
  onCancel: () => void;
  onErased: () => void;
}) {
  const { api } = useServices();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const confirmed = erasureConfirmationMatches(typed, profile.displayName);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!confirmed || busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await api.eraseCustomer(profile.id);
      onErased();
    } catch (problem) {
      setFailure(t('customer.eraseFailed', { reason: errorText(problem) }));
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onCancel} centered title={t('customer.eraseTitle', { name: profile.displayName })}>
      <form onSubmit={submit} noValidate data-testid="customer-erase-dialog">
        <Stack gap="sm">
          <Text size="sm">{t('customer.eraseWarning', { count: profile.conversations.length })}</Text>
          <TextInput label={t('customer.eraseTypeName', { name: profile.displayName })} value={typed} autoComplete="off"
            onChange={(event) => setTyped(event.currentTarget.value)} data-autofocus dir="auto"
            data-testid="customer-erase-input" />
          {failure && <Alert color="red" variant="light" role="alert" data-testid="customer-erase-error">{failure}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel} data-testid="customer-erase-cancel">{t('customer.eraseCancel')}</Button>
            <Button type="submit" color="red" disabled={!confirmed} loading={busy} data-testid="customer-erase-confirm">
              {t('customer.eraseConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
