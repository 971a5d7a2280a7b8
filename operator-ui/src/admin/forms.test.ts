import { describe, expect, it } from 'vitest';
import type { AuditEntry, CannedResponse, OperatorAccount } from './adminApi';
import { appendAudit, describeChange } from './audit';
import { EMPTY_CANNED_FORM, cannedFormFor, categoriesOf, validateCanned } from './canned';
import {
  EMPTY_CREATE_FORM, editFormFor, reactivateRequest, sortOperators, upsertById, validateCreateOperator, validateEditOperator,
} from './operators';
import { normalizeColor, sortTags, validateTag } from './tags';

const alice: OperatorAccount = { id: 'a', username: 'alice', displayName: 'Alice', role: 'ADMIN', active: true };

describe('operator forms', () => {
  it('create: trims username and display name, keeps the password as typed', () => {
    const result = validateCreateOperator({ username: ' bob ', password: ' secret1234 ', displayName: ' Bob B ', role: 'OPERATOR' });
    expect(result.errors).toEqual({});
    expect(result.request).toEqual({ username: 'bob', password: ' secret1234 ', displayName: 'Bob B', role: 'OPERATOR' });
  });

  it('create: reports every invalid field', () => {
    const result = validateCreateOperator(EMPTY_CREATE_FORM);
    expect(result.request).toBeNull();
    expect(result.errors).toEqual({
      username: { key: 'operators.error.usernameRequired' },
      password: { key: 'operators.error.passwordShort', params: { min: 10 } },
      displayName: { key: 'operators.error.displayNameRequired' },
    });
    expect(validateCreateOperator({ ...EMPTY_CREATE_FORM, username: 'bo b' }).errors.username?.key).toBe('operators.error.usernameFormat');
  });

  it('passwords: 10 characters minimum, 72 UTF-8 bytes maximum (bcrypt)', () => {
    const form = { username: 'bob', displayName: 'Bob', role: 'OPERATOR' as const };
    expect(validateCreateOperator({ ...form, password: '123456789' }).errors.password?.key).toBe('operators.error.passwordShort');
    expect(validateCreateOperator({ ...form, password: '1234567890' }).request).not.toBeNull();
    expect(validateCreateOperator({ ...form, password: 'x'.repeat(72) }).request).not.toBeNull();
    expect(validateCreateOperator({ ...form, password: 'x'.repeat(73) }).errors.password?.key).toBe('operators.error.passwordLong');
    // 37 Cyrillic letters are 74 bytes
    expect(validateCreateOperator({ ...form, password: 'ж'.repeat(37) }).errors.password?.key).toBe('operators.error.passwordLong');
  });

  it('edit: sends the password only when a new one was typed', () => {
    const form = editFormFor(alice);
    expect(validateEditOperator(form).request).toEqual({ displayName: 'Alice', role: 'ADMIN' });
    expect(validateEditOperator({ ...form, password: 'new-password' }).request)
      .toEqual({ displayName: 'Alice', role: 'ADMIN', password: 'new-password' });
    expect(validateEditOperator({ ...form, password: 'short' }).request).toBeNull();
    expect(validateEditOperator({ ...form, displayName: '  ' }).errors.displayName?.key).toBe('operators.error.displayNameRequired');
  });

  it('reactivation keeps name and role', () => {
    expect(reactivateRequest({ ...alice, active: false })).toEqual({ displayName: 'Alice', role: 'ADMIN', active: true });
  });

  it('lists active operators first, then by username', () => {
    const list = [
      { ...alice, id: '1', username: 'zed' },
      { ...alice, id: '2', username: 'Bob', active: false },
      { ...alice, id: '3', username: 'amy' },
    ];
    expect(sortOperators(list).map((o) => o.id)).toEqual(['3', '1', '2']);
  });

  it('upsertById replaces the entry with the same id or appends', () => {
    const updated = { ...alice, active: false };
    expect(upsertById([alice], updated)).toEqual([updated]);
    const bob = { ...alice, id: 'b' };
    expect(upsertById([alice], bob)).toEqual([alice, bob]);
  });
});

describe('canned response form', () => {
  it('builds the body: blank category and shortcut become null, a leading slash is dropped', () => {
    expect(validateCanned({ title: ' Greeting ', text: 'Hello!\n\n', category: ' ', shortcut: '', shared: true }).request)
      .toEqual({ title: 'Greeting', text: 'Hello!', category: null, shortcut: null, shared: true });
    expect(validateCanned({ title: 'T', text: 'x', category: 'Billing', shortcut: '/refund_1', shared: false }).request)
      .toEqual({ title: 'T', text: 'x', category: 'Billing', shortcut: 'refund_1', shared: false });
  });

  it('requires title and text and checks the shortcut pattern', () => {
    const empty = validateCanned(EMPTY_CANNED_FORM);
    expect(empty.request).toBeNull();
    expect(Object.keys(empty.errors).sort()).toEqual(['text', 'title']);
    for (const shortcut of ['Hello', 'a b', 'x'.repeat(33), 'é']) {
      expect(validateCanned({ ...EMPTY_CANNED_FORM, title: 't', text: 't', shortcut }).errors.shortcut?.key).toBe('canned.error.shortcutFormat');
    }
    expect(validateCanned({ ...EMPTY_CANNED_FORM, title: 't', text: 't', shortcut: 'x'.repeat(32) }).request).not.toBeNull();
    expect(validateCanned({ ...EMPTY_CANNED_FORM, title: 't', text: 'x'.repeat(4001) }).errors.text?.key).toBe('canned.error.tooLong');
  });

  it('edits start from the stored values, and categories are listed once each', () => {
    const item: CannedResponse = {
      id: '1', title: 'T', text: 'x', category: null, shortcut: null, shared: false, ownerId: 'a', usageCount: 0,
    };
    expect(cannedFormFor(item)).toEqual({ title: 'T', text: 'x', category: '', shortcut: '', shared: false });
    expect(categoriesOf([
      { ...item, category: 'billing' }, { ...item, category: 'Billing' }, { ...item, category: 'Accounts' }, item,
    ])).toEqual(['Accounts', 'billing']);
  });
});

describe('tag form', () => {
  it('normalizes colours to lower-case #rrggbb', () => {
    expect(normalizeColor('#1E90FF')).toBe('#1e90ff');
    expect(normalizeColor('1e90ff')).toBe('#1e90ff');
    expect(normalizeColor('#abc')).toBe('#aabbcc');
    expect(normalizeColor('rgb(1,2,3)')).toBeNull();
    expect(normalizeColor('#12345')).toBeNull();
  });

  it('requires a name and a valid colour', () => {
    expect(validateTag({ name: ' VIP ', color: '#FF0000' })).toEqual({ request: { name: 'VIP', color: '#ff0000' }, errors: {} });
    const bad = validateTag({ name: ' ', color: 'red' });
    expect(bad.request).toBeNull();
    expect(bad.errors).toEqual({ name: { key: 'tags.error.nameRequired' }, color: { key: 'tags.error.color' } });
  });

  it('sorts tags by name ignoring case', () => {
    expect(sortTags([{ id: '1', name: 'vip', color: '#000000' }, { id: '2', name: 'Billing', color: '#000000' }]).map((t) => t.id))
      .toEqual(['2', '1']);
  });
});

describe('audit', () => {
  const entry = (id: string): AuditEntry => ({
    id, conversationId: 'c', actorId: 'a', actorName: 'Alice', action: 'conversation.claimed', before: null, after: null,
    occurredAt: '2025-01-01T00:00:00Z',
  });

  it('appends the next page without duplicates', () => {
    expect(appendAudit([entry('1'), entry('2')], [entry('2'), entry('3'), entry('3')]).map((e) => e.id)).toEqual(['1', '2', '3']);
  });

  it('describes a change from its before/after objects', () => {
    expect(describeChange({ status: 'OPEN_UNCLAIMED', assigneeId: null }, { status: 'OPEN_ASSIGNED', assigneeId: 'x' }))
      .toBe('status=OPEN_UNCLAIMED, assigneeId=null → status=OPEN_ASSIGNED, assigneeId=x');
    expect(describeChange(null, { tag: { id: 't', name: 'VIP' } })).toBe('→ tag={"id":"t","name":"VIP"}');
    expect(describeChange('{"status":"CLOSED"}', null)).toBe('status=CLOSED');
    expect(describeChange(null, undefined)).toBe('');
  });
});
