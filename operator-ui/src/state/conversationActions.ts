import type { Conversation, ConversationStatus } from '../api/types';

/** The lifecycle buttons of the conversation header. */
export type ConversationAction = 'claim' | 'assign' | 'unassign' | 'close' | 'reopen' | 'block' | 'unblock';

/** Who is looking: the signed-in operator's id and whether they are an admin. */
export interface Viewer {
  id: string;
  admin: boolean;
}

const OPEN: readonly ConversationStatus[] = ['OPEN_UNCLAIMED', 'OPEN_ASSIGNED', 'AWAITING_CUSTOMER'];

/** True for an operator whose role (`ADMIN` / `OPERATOR`, from the login answer) is admin. */
export function isAdminRole(role: string | null | undefined): boolean {
  return (role ?? '').toUpperCase() === 'ADMIN';
}

/**
 * The actions the lifecycle table allows `viewer` on `conversation` (the server checks again and answers 409/403):
 * claim when unclaimed; assign (admin or current assignee) and unassign (same, when assigned) while open; close
 * while open and block unless blocked, by the assignee, an admin, or anyone when nobody holds it; reopen when
 * closed; unblock when blocked.
 */
export function allowedActions(conversation: Pick<Conversation, 'status' | 'assigneeId'>, viewer: Viewer): ConversationAction[] {
  const { status } = conversation;
  const assignee = conversation.assigneeId ?? null;
  const holder = assignee !== null && assignee === viewer.id;
  const mayManage = viewer.admin || holder;
  const mayEnd = mayManage || assignee === null;
  const open = OPEN.includes(status);
  const actions: ConversationAction[] = [];
  if (status === 'OPEN_UNCLAIMED') actions.push('claim');
  if (open && mayManage) actions.push('assign');
  if (open && assignee !== null && mayManage) actions.push('unassign');
  if (open && mayEnd) actions.push('close');
  if (status === 'CLOSED') actions.push('reopen');
  if (status !== 'BLOCKED' && mayEnd) actions.push('block');
  if (status === 'BLOCKED') actions.push('unblock');
  return actions;
}
