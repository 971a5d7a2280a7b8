import { Alert, Button, Group, Modal, Text } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, NetworkError } from '../api/problem';
import { useServices } from '../ui/services';
import { AdminApi } from './adminApi';
import { type AdminKey, at } from './i18n';
import type { FieldError } from './operators';

/** The admin calls, bound to the console's authenticated API client. */
export function useAdminApi(): AdminApi {
  const { api } = useServices();
  return useMemo(() => new AdminApi(api), [api]);
}

/** The signed-in operator's id (to keep admins from deactivating or demoting themselves in the UI). */
export function useCurrentOperatorId(): string | null {
  const { auth } = useServices();
  return auth.current()?.operator.id ?? null;
}

/** What to show for a failed call: the problem+json `detail` (else `title`), or "network error". */
export function adminErrorText(error: unknown): string {
  if (error instanceof ApiError) return error.detail ?? error.title ?? error.message;
  if (error instanceof NetworkError) return at('error.network');
  return error instanceof Error ? error.message : String(error);
}

/** Translated field error for a Mantine input's `error` prop. */
export function fieldError(error: FieldError | undefined, shown: boolean): string | undefined {
  return error && shown ? at(error.key, error.params) : undefined;
}

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
  setData: (update: (current: T | null) => T | null) => void;
}

/** Loads `load()` on mount and whenever `deps` change; the latest call wins. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setDataState] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const call = ++latest.current;
    setLoading(true);
    load().then(
      (result) => {
        if (call !== latest.current) return;
        setDataState(result);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (call !== latest.current) return;
        setError(adminErrorText(failure));
        setLoading(false);
      },
    );
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const setData = useCallback((update: (current: T | null) => T | null) => setDataState(update), []);
  return { data, error, loading, reload, setData };
}

export function InlineError({ error, testId }: { error: string | null; testId: string }) {
  if (!error) return null;
  return (
    <Alert color="red" variant="light" role="alert" data-testid={testId}>
      {error}
    </Alert>
  );
}

export function Warnings({ keys, testId }: { keys: { key: AdminKey; params?: Record<string, string | number> }[]; testId: string }) {
  if (keys.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" data-testid={testId}>
      {keys.map((warning, index) => (
        <Text size="sm" key={`${warning.key}-${index}`}>{at(warning.key, warning.params)}</Text>
      ))}
    </Alert>
  );
}

/** A confirmation dialog for deletions; `error` shows a refused deletion inside the dialog. */
export function ConfirmDelete({ name, opened, busy, error, onConfirm, onCancel }: {
  name: string;
  opened: boolean;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onCancel} title={at('common.confirmTitle')} centered>
      <Text mb="md">{at('common.confirmDelete', { name })}</Text>
      <InlineError error={error} testId="confirm-delete-error" />
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onCancel} data-testid="confirm-cancel">{at('common.cancel')}</Button>
        <Button color="red" loading={busy} onClick={onConfirm} data-testid="confirm-delete">{at('common.delete')}</Button>
      </Group>
    </Modal>
  );
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });

/** A timestamp in the browser's locale and time zone ('' when missing or invalid). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}
