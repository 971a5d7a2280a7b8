import { Button, Code, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { AuditEntry, AuditFilter } from './adminApi';
import { appendAudit, describeChange } from './audit';
import { at } from './i18n';
import { InlineError, adminErrorText, formatTime, useAdminApi } from './shared';

/** The admin audit log (`GET /api/admin/audit`), newest first, with "load more" and action/actor filters. */
export function AuditPage() {
  const api = useAdminApi();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [actionInput, setActionInput] = useState('');
  const [actorInput, setActorInput] = useState('');
  const [filter, setFilter] = useState<AuditFilter>({});
  const generation = useRef(0);

  async function load(from: string | null, reset: boolean) {
    const call = ++generation.current;
    setBusy(true);
    setError(null);
    try {
      const page = await api.listAudit(from, filter);
      if (call !== generation.current) return;
      setEntries((current) => appendAudit(reset ? [] : current, page.items ?? []));
      setCursor(page.nextCursor ?? null);
      setLoaded(true);
    } catch (failure) {
      if (call === generation.current) setError(adminErrorText(failure));
    } finally {
      if (call === generation.current) setBusy(false);
    }
  }

  useEffect(() => {
    void load(null, true);
    // reload from the first page whenever the filter changes
  }, [api, filter]);

  function applyFilter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFilter({ action: actionInput.trim() || undefined, actorId: actorInput.trim() || undefined });
  }

  return (
    <Stack>
      <form onSubmit={applyFilter} data-testid="audit-filter">
        <Group align="flex-end">
          <TextInput label={at('audit.filterAction')} value={actionInput} onChange={(e) => setActionInput(e.currentTarget.value)}
            data-testid="audit-filter-action" />
          <TextInput label={at('audit.filterActor')} value={actorInput} onChange={(e) => setActorInput(e.currentTarget.value)}
            data-testid="audit-filter-actor" />
          <Button type="submit" variant="default" data-testid="audit-filter-apply">{at('audit.apply')}</Button>
        </Group>
      </form>
      <InlineError error={error} testId="audit-error" />
      <Table striped data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{at('audit.time')}</Table.Th>
            <Table.Th>{at('audit.actor')}</Table.Th>
            <Table.Th>{at('audit.action')}</Table.Th>
            <Table.Th>{at('audit.conversation')}</Table.Th>
            <Table.Th>{at('audit.change')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.id} data-testid="audit-row" data-action={entry.action} data-audit-id={entry.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <time dateTime={entry.occurredAt}>{formatTime(entry.occurredAt)}</time>
              </Table.Td>
              <Table.Td dir="auto" title={entry.actorId ?? undefined}>{entry.actorName ?? entry.actorId ?? at('audit.system')}</Table.Td>
              <Table.Td><Code>{entry.action}</Code></Table.Td>
              <Table.Td><Text size="xs" ff="monospace">{entry.conversationId ?? at('common.none')}</Text></Table.Td>
              <Table.Td><Text size="xs" ff="monospace" style={{ wordBreak: 'break-word' }}>{describeChange(entry.before, entry.after)}</Text></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {loaded && entries.length === 0 && <Text c="dimmed" data-testid="audit-empty">{at('audit.empty')}</Text>}
      {cursor && (
        <Group justify="center">
          <Button variant="default" loading={busy} onClick={() => void load(cursor, false)} data-testid="audit-load-more">
            {at('audit.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
