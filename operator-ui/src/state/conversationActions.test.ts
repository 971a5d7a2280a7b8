import { describe, expect, it } from 'vitest';
import type { ConversationStatus } from '../api/types';
import { allowedActions, isAdminRole } from './conversationActions';

const me = { id: 'me', admin: false };
const admin = { id: 'boss', admin: true };
const c = (status: ConversationStatus, assigneeId: string | null = null) => ({ status, assigneeId });

describe('allowedActions (the lifecycle table as buttons)', () => {
  it('unclaimed: anyone claims, closes and blocks; only admins assign; nobody unassigns', () => {
    expect(allowedActions(c('OPEN_UNCLAIMED'), me)).toEqual(['claim', 'close', 'block']);
    expect(allowedActions(c('OPEN_UNCLAIMED'), admin)).toEqual(['claim', 'assign', 'close', 'block']);
  });

  it('assigned to me: transfer, unassign, close, block; no claim', () => {
    expect(allowedActions(c('OPEN_ASSIGNED', 'me'), me)).toEqual(['assign', 'unassign', 'close', 'block']);
    expect(allowedActions(c('AWAITING_CUSTOMER', 'me'), me)).toEqual(['assign', 'unassign', 'close', 'block']);
  });

  it('held by someone else: an operator can do nothing, an admin everything but claim', () => {
    expect(allowedActions(c('OPEN_ASSIGNED', 'anna'), me)).toEqual([]);
    expect(allowedActions(c('AWAITING_CUSTOMER', 'anna'), admin)).toEqual(['assign', 'unassign', 'close', 'block']);
  });

  it('closed: anyone reopens; blocking follows the assignee rule; blocked: only unblock', () => {
    expect(allowedActions(c('CLOSED'), me)).toEqual(['reopen', 'block']);
    expect(allowedActions(c('CLOSED', 'anna'), me)).toEqual(['reopen']);
    expect(allowedActions(c('CLOSED', 'anna'), admin)).toEqual(['reopen', 'block']);
    expect(allowedActions(c('BLOCKED'), me)).toEqual(['unblock']);
    expect(allowedActions(c('BLOCKED', 'anna'), admin)).toEqual(['unblock']);
  });

  it('reads the role of the login answer', () => {
    expect(isAdminRole('ADMIN')).toBe(true);
    expect(isAdminRole('admin')).toBe(true);
    expect(isAdminRole('OPERATOR')).toBe(false);
    expect(isAdminRole(undefined)).toBe(false);
  });
});
