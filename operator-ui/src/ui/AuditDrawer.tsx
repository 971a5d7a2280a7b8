import { Alert, Button, Center, Drawer, Group, Loader, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry, Conversation } from '../api/types';
import { auditActionLabel, auditStateText } from '../format/labels';
import { t } from '../i18n';
import { useConsoleData } from './consoleData';
import { errorText, useServices } from './services';

/** "Audit" button and a drawer with the conversation's audit log (`GET …/audit`, newest first, "load more"). */
export function AuditDrawer({ conversation }: { conversation: Conversation }) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button size="xs" variant="subtle" onClick={() => setOpened(true)} data-testid="audit-open">
        {t('audit.open')}
      </Button>
      <Drawer opened={opened} onClose={() => setOpened(false)} position="right" size="md"
        title={`${t('audit.title')} · ${conversation.codename}`}>
        {opened && <AuditLog conversationId={conversation.id} />}
      </Drawer>
    </>
  );
}

function AuditLog({ conversationId }: { conversationId: string }) {
  const { api } = useServices();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (from: string | null) => {
    setLoading(true);
    try {
      const page = await api.audit(conversationId, from);
      setEntries((current) => {
        const known = new Set(current.map((e) => e.id));
        return from ? [...current, ...page.items.filter((e) => !known.has(e.id))] : page.items;
      });
      setCursor(page.nextCursor);
      setError(null);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setLoading(false);
    }
  }, [api, conversationId]);

  useEffect(() => {
    void load(null);
  }, [load]);

  return (
    <Stack gap="xs" data-testid="audit-log">
      {error && <Alert color="red" variant="light" role="alert">{t('audit.loadFailed', { reason: error })}</Alert>}
      <Stack component="ol" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
        {entries.map((entry) => <AuditItem key={entry.id} entry={entry} />)}
      </Stack>
      {!loading && !error && entries.length === 0 && <Text c="dimmed" size="sm">{t('audit.empty')}</Text>}
      {loading && <Center p="sm"><Loader size="sm" /></Center>}
      {cursor && !loading && (
        <Group justify="center">
          <Button variant="subtle" size="xs" onClick={() => void load(cursor)}>{t('list.loadMore')}</Button>
        </Group>
      )}
    </Stack>
  );
}

function AuditItem({ entry }: { entry: AuditEntry }) {
  const { operatorName } = useConsoleData();
  const before = auditStateText(entry.before, operatorName);
  const after = auditStateText(entry.after, operatorName);
  return (
    <Stack component="li" gap={2} p="xs" data-testid="audit-item" data-action={entry.action}
      style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8 }}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={600}>{auditActionLabel(entry.action)}</Text>
        <Text size="xs" c="dimmed">{new Date(entry.occurredAt).toLocaleString()}</Text>
      </Group>
      <Text size="xs" c="dimmed">{entry.actorName ?? operatorName(entry.actorId) ?? t('audit.system')}</Text>
      {(before || after) && (
        <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
          {before && <Text span inherit c="dimmed">{`${t('audit.before')}: ${before}`}</Text>}
          {before && after && ' → '}
          {after && <Text span inherit>{`${t('audit.after')}: ${after}`}</Text>}
        </Text>
      )}
    </Stack>
  );
}
