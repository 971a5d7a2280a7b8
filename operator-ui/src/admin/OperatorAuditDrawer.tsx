import { Button, Code, Drawer, Group, Stack, Table, Text } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OperatorAccount, OperatorAuditEntry } from './adminApi';
import { appendAudit, describeChange } from './audit';
import { at } from './i18n';
import { InlineError, adminErrorText, formatTime, useAdminApi } from './shared';

/**
 * One operator's audit trail (`GET /api/admin/operators/{id}/audit`, newest first, "load more"): who created,
 * changed, deactivated or reactivated the account and which fields changed.
 */
export function OperatorAuditDrawer({ operator, onClose }: { operator: OperatorAccount; onClose: () => void }) {
  return (
    <Drawer opened onClose={onClose} position="right" size="xl"
      title={at('operators.auditTitle', { username: operator.username })}>
      <OperatorAudit operatorId={operator.id} />
    </Drawer>
  );
}

export function OperatorAudit({ operatorId }: { operatorId: string }) {
  const api = useAdminApi();
  const [entries, setEntries] = useState<OperatorAuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  const load = useCallback(async (from: string | null) => {
    const call = ++generation.current;
    setBusy(true);
    setError(null);
    try {
      const page = await api.listOperatorAudit(operatorId, from);
      if (call !== generation.current) return;
      setEntries((current) => appendAudit(from ? current : [], page.items ?? []));
      setCursor(page.nextCursor ?? null);
      setLoaded(true);
    } catch (failure) {
      if (call === generation.current) setError(adminErrorText(failure));
    } finally {
      if (call === generation.current) setBusy(false);
    }
  }, [api, operatorId]);

  useEffect(() => {
    void load(null);
  }, [load]);

  return (
    <Stack data-testid="operator-audit" data-operator-id={operatorId}>
      <InlineError error={error} testId="operator-audit-error" />
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{at('audit.time')}</Table.Th>
            <Table.Th>{at('audit.actor')}</Table.Th>
            <Table.Th>{at('audit.action')}</Table.Th>
            <Table.Th>{at('audit.change')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.id} data-testid="operator-audit-row" data-action={entry.action} data-audit-id={entry.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <time dateTime={entry.occurredAt}>{formatTime(entry.occurredAt)}</time>
              </Table.Td>
              <Table.Td dir="auto" title={entry.actorId ?? undefined}>{entry.actorName ?? entry.actorId ?? at('audit.system')}</Table.Td>
              <Table.Td><Code>{entry.action}</Code></Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace" style={{ wordBreak: 'break-word' }}>{describeChange(entry.before, entry.after)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {loaded && entries.length === 0 && <Text c="dimmed" data-testid="operator-audit-empty">{at('operators.auditEmpty')}</Text>}
      {cursor && (
        <Group justify="center">
          <Button variant="default" loading={busy} onClick={() => void load(cursor)} data-testid="operator-audit-load-more">
            {at('audit.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
