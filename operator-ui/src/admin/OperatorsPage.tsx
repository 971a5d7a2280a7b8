import { Badge, Button, Group, Modal, NativeSelect, Paper, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { OperatorAccount, OperatorRole } from './adminApi';
import { at } from './i18n';
import { OperatorAuditDrawer } from './OperatorAuditDrawer';
import {
  type CreateOperatorForm,
  EMPTY_CREATE_FORM,
  type EditOperatorForm,
  ROLES,
  editFormFor,
  reactivateRequest,
  sortOperators,
  upsertById,
  validateCreateOperator,
  validateEditOperator,
} from './operators';
import { InlineError, adminErrorText, fieldError, useAdminApi, useCurrentOperatorId, useLoad } from './shared';

const roleOptions = () => ROLES.map((role) => ({ value: role, label: at(`operators.role.${role}`) }));

/**
 * Operators: table, create form, edit dialog (display name, role, password reset), deactivate/reactivate, and each
 * operator's audit trail in a drawer.
 */
export function OperatorsPage() {
  const api = useAdminApi();
  const me = useCurrentOperatorId();
  const operators = useLoad(() => api.listOperators(), [api]);
  const [editing, setEditing] = useState<OperatorAccount | null>(null);
  const [auditing, setAuditing] = useState<OperatorAccount | null>(null);
  const [rowBusy, setRowBusy] = useState<string | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);

  const replace = (updated: OperatorAccount) => operators.setData((list) => upsertById(list ?? [], updated));

  async function setActive(operator: OperatorAccount, active: boolean) {
    setRowBusy(operator.id);
    setRowError(null);
    try {
      replace(active
        ? await api.updateOperator(operator.id, reactivateRequest(operator))
        : await api.deactivateOperator(operator.id));
    } catch (failure) {
      setRowError(`${operator.username}: ${adminErrorText(failure)}`);
    } finally {
      setRowBusy(null);
    }
  }

  return (
    <Stack>
      <CreateOperator onCreated={replace} />
      <InlineError error={operators.error ? at('common.loadFailed', { reason: operators.error }) : null} testId="operators-load-error" />
      <InlineError error={rowError} testId="operator-error" />
      <Table striped highlightOnHover data-testid="operator-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{at('operators.username')}</Table.Th>
            <Table.Th>{at('operators.displayName')}</Table.Th>
            <Table.Th>{at('operators.role')}</Table.Th>
            <Table.Th>{at('operators.active')}</Table.Th>
            <Table.Th>{at('operators.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sortOperators(operators.data ?? []).map((operator) => {
            const self = operator.id === me;
            return (
              <Table.Tr key={operator.id} data-testid="operator-row" data-operator-id={operator.id}
                data-username={operator.username} data-active={String(operator.active)} data-role={operator.role}>
                <Table.Td data-testid="operator-username">
                  {operator.username}
                  {self && <Text span c="dimmed" size="sm"> ({at('operators.you')})</Text>}
                </Table.Td>
                <Table.Td data-testid="operator-displayname" dir="auto">{operator.displayName}</Table.Td>
                <Table.Td data-testid="operator-role">{at(`operators.role.${operator.role}`)}</Table.Td>
                <Table.Td>
                  <Badge color={operator.active ? 'green' : 'gray'} variant="light" data-testid="operator-active">
                    {operator.active ? at('operators.active') : at('operators.inactive')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="default" onClick={() => setEditing(operator)} data-testid="operator-edit">
                      {at('common.edit')}
                    </Button>
                    <Button size="xs" variant="subtle" onClick={() => setAuditing(operator)} data-testid="operator-audit-open">
                      {at('operators.audit')}
                    </Button>
                    {operator.active ? (
                      <Button size="xs" color="red" variant="light" disabled={self} loading={rowBusy === operator.id}
                        onClick={() => setActive(operator, false)} data-testid="operator-deactivate">
                        {at('operators.deactivate')}
                      </Button>
                    ) : (
                      <Button size="xs" variant="light" loading={rowBusy === operator.id}
                        onClick={() => setActive(operator, true)} data-testid="operator-reactivate">
                        {at('operators.reactivate')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {operators.data && operators.data.length === 0 && <Text c="dimmed">{at('operators.empty')}</Text>}
      {auditing && <OperatorAuditDrawer operator={auditing} onClose={() => setAuditing(null)} />}
      {editing && (
        <EditOperator operator={editing} self={editing.id === me}
          onClose={() => setEditing(null)}
          onSaved={(updated) => { replace(updated); setEditing(null); }} />
      )}
    </Stack>
  );
}

function CreateOperator({ onCreated }: { onCreated: (operator: OperatorAccount) => void }) {
  const api = useAdminApi();
  const [form, setForm] = useState<CreateOperatorForm>(EMPTY_CREATE_FORM);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const { request, errors } = validateCreateOperator(form);
  const set = (patch: Partial<CreateOperatorForm>) => { setForm((current) => ({ ...current, ...patch })); setCreated(null); };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    if (!request || busy) return;
    setBusy(true);
    setError(null);
    try {
      const operator = await api.createOperator(request);
      onCreated(operator);
      setForm(EMPTY_CREATE_FORM);
      setSubmitted(false);
      setCreated(at('operators.created', { username: operator.username }));
    } catch (failure) {
      setError(adminErrorText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate data-testid="operator-create-form">
        <Stack gap="sm">
          <Title order={3} size="h5">{at('operators.create')}</Title>
          <Group align="flex-start" grow>
            <TextInput label={at('operators.username')} autoComplete="off" required value={form.username}
              onChange={(event) => set({ username: event.currentTarget.value })}
              error={fieldError(errors.username, submitted)} data-testid="operator-create-username" />
            <PasswordInput label={at('operators.password')} autoComplete="new-password" required value={form.password}
              onChange={(event) => set({ password: event.currentTarget.value })}
              error={fieldError(errors.password, submitted)} data-testid="operator-create-password" />
            <TextInput label={at('operators.displayName')} required value={form.displayName}
              onChange={(event) => set({ displayName: event.currentTarget.value })}
              error={fieldError(errors.displayName, submitted)} data-testid="operator-create-displayname" />
            <NativeSelect label={at('operators.role')} data={roleOptions()} value={form.role}
              onChange={(event) => set({ role: event.currentTarget.value as OperatorRole })}
              data-testid="operator-create-role" />
          </Group>
          <InlineError error={error} testId="operator-create-error" />
          {created && <Text c="green" size="sm" role="status" data-testid="operator-create-done">{created}</Text>}
          <Group justify="flex-end">
            <Button type="submit" loading={busy} data-testid="operator-create-submit">{at('operators.createSubmit')}</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function EditOperator({ operator, self, onClose, onSaved }: {
  operator: OperatorAccount;
  self: boolean;
  onClose: () => void;
  onSaved: (operator: OperatorAccount) => void;
}) {
  const api = useAdminApi();
  const [form, setForm] = useState<EditOperatorForm>(() => editFormFor(operator));
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { request, errors } = validateEditOperator(form);
  const set = (patch: Partial<EditOperatorForm>) => setForm((current) => ({ ...current, ...patch }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    if (!request || busy) return;
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.updateOperator(operator.id, request));
    } catch (failure) {
      setError(adminErrorText(failure));
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={at('operators.edit', { username: operator.username })} centered>
      <form onSubmit={submit} noValidate data-testid="operator-edit-form">
        <Stack gap="sm">
          <TextInput label={at('operators.displayName')} required value={form.displayName}
            onChange={(event) => set({ displayName: event.currentTarget.value })}
            error={fieldError(errors.displayName, submitted)} data-testid="operator-edit-displayname" />
          <NativeSelect label={at('operators.role')} data={roleOptions()} value={form.role} disabled={self}
            onChange={(event) => set({ role: event.currentTarget.value as OperatorRole })}
            data-testid="operator-edit-role" />
          <PasswordInput label={at('operators.newPassword')} autoComplete="new-password" value={form.password}
            onChange={(event) => set({ password: event.currentTarget.value })}
            error={fieldError(errors.password, submitted)} data-testid="operator-edit-password" />
          <InlineError error={error} testId="operator-edit-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-testid="operator-edit-cancel">{at('common.cancel')}</Button>
            <Button type="submit" loading={busy} data-testid="operator-edit-submit">{at('common.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
