import { Alert, Button, Group, Modal, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { BulkDeleteRequest } from './adminApi';
import { at } from './i18n';
import { MAX_BULK_DELETE_IDS, validateClosedBefore, validateIds } from './records';
import { InlineError, adminErrorText, fieldError, useAdminApi } from './shared';

/** A bulk deletion waiting for the admin's confirmation: the request and the sentence that describes it. */
interface Pending {
  request: BulkDeleteRequest;
  question: string;
}

/**
 * Records management: delete the conversations closed before a day (`POST /api/conversations/bulk-delete`
 * `{filter:{status:"CLOSED", closedBefore}}`) or a list of conversation ids (`{ids}`), each after a confirmation
 * dialog; shows how many were deleted. The console drops the deleted conversations live (`conversation.deleted`).
 */
export function RecordsPage() {
  const api = useAdminApi();
  const [date, setDate] = useState('');
  const [dateSubmitted, setDateSubmitted] = useState(false);
  const [idsText, setIdsText] = useState('');
  const [idsSubmitted, setIdsSubmitted] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<number | null>(null);
  const byDate = validateClosedBefore(date, new Date());
  const byIds = validateIds(idsText);

  function askByDate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDateSubmitted(true);
    if (!byDate.request || !byDate.cutoff) return;
    setError(null);
    setPending({
      request: byDate.request,
      question: at('records.confirmFilter', { date: byDate.cutoff.toLocaleDateString() }),
    });
  }

  function askByIds(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIdsSubmitted(true);
    if (!byIds.request) return;
    setError(null);
    setPending({ request: byIds.request, question: at('records.confirmIds', { count: byIds.ids.length }) });
  }

  async function confirm() {
    if (!pending || busy) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.bulkDeleteConversations(pending.request);
      setDeleted(result?.deleted ?? 0);
      if ('ids' in pending.request) {
        setIdsText('');
        setIdsSubmitted(false);
      }
      setPending(null);
    } catch (failure) {
      setError(adminErrorText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack>
      {deleted !== null && (
        <Alert color="green" variant="light" role="status" data-testid="records-deleted" data-deleted={deleted}>
          {at('records.deleted', { deleted })}
        </Alert>
      )}
      <Paper withBorder p="md">
        <form onSubmit={askByDate} noValidate data-testid="records-filter-form">
          <Stack gap="sm">
            <Title order={3} size="h5">{at('records.filterTitle')}</Title>
            <Text size="sm" c="dimmed">{at('records.filterHint')}</Text>
            <Group align="flex-end">
              <TextInput type="date" label={at('records.closedBefore')} required value={date}
                onChange={(event) => { setDate(event.currentTarget.value); setDeleted(null); }}
                error={fieldError(byDate.error, dateSubmitted)} data-testid="records-closed-before" />
              <Button type="submit" color="red" variant="light" data-testid="records-filter-submit">
                {at('records.filterSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <Paper withBorder p="md">
        <form onSubmit={askByIds} noValidate data-testid="records-ids-form">
          <Stack gap="sm">
            <Title order={3} size="h5">{at('records.idsTitle')}</Title>
            <Text size="sm" c="dimmed">{at('records.idsHint', { max: MAX_BULK_DELETE_IDS })}</Text>
            <Textarea label={at('records.ids')} autosize minRows={3} maxRows={10} value={idsText} spellCheck={false}
              onChange={(event) => { setIdsText(event.currentTarget.value); setDeleted(null); }}
              description={byIds.ids.length > 0 ? at('records.idsCount', { count: byIds.ids.length }) : undefined}
              error={fieldError(byIds.error, idsSubmitted)} ff="monospace" data-testid="records-ids" />
            <Group justify="flex-end">
              <Button type="submit" color="red" variant="light" data-testid="records-ids-submit">
                {at('records.idsSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <Modal opened={pending !== null} onClose={() => { if (!busy) setPending(null); }} title={at('common.confirmTitle')}
        centered>
        <Stack gap="md" data-testid="records-confirm-dialog">
          <Text>{pending?.question}</Text>
          <InlineError error={error} testId="records-error" />
          <Group justify="flex-end">
            <Button variant="default" disabled={busy} onClick={() => setPending(null)} data-testid="records-cancel">
              {at('common.cancel')}
            </Button>
            <Button color="red" loading={busy} onClick={() => void confirm()} data-testid="records-confirm">
              {at('records.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
