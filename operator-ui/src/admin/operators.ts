import type { CreateOperatorRequest, OperatorAccount, OperatorRole, UpdateOperatorRequest } from './adminApi';
import type { AdminKey } from './i18n';

export const ROLES: readonly OperatorRole[] = ['OPERATOR', 'ADMIN'];
export const MIN_PASSWORD_LENGTH = 10; // as gateway-service OperatorAccountRules
/** bcrypt uses at most 72 bytes of a password; the gateway refuses longer ones. */
export const MAX_PASSWORD_BYTES = 72;
export const MAX_USERNAME_LENGTH = 64;
export const MAX_DISPLAY_NAME_LENGTH = 100;

export interface FieldError {
  key: AdminKey;
  params?: Record<string, number>;
}

export type Errors<F extends string> = Partial<Record<F, FieldError>>;

export interface CreateOperatorForm {
  username: string;
  password: string;
  displayName: string;
  role: OperatorRole;
}

export const EMPTY_CREATE_FORM: CreateOperatorForm = { username: '', password: '', displayName: '', role: 'OPERATOR' };

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

function passwordError(password: string): FieldError | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return { key: 'operators.error.passwordShort', params: { min: MIN_PASSWORD_LENGTH } };
  if (utf8Length(password) > MAX_PASSWORD_BYTES) return { key: 'operators.error.passwordLong', params: { max: MAX_PASSWORD_BYTES } };
  return undefined;
}

function displayNameError(displayName: string): FieldError | undefined {
  const name = displayName.trim();
  if (!name) return { key: 'operators.error.displayNameRequired' };
  if (name.length > MAX_DISPLAY_NAME_LENGTH) return { key: 'operators.error.displayNameLength', params: { max: MAX_DISPLAY_NAME_LENGTH } };
  return undefined;
}

/** Validates the create form; `request` (trimmed username and display name, password as typed) when valid. */
export function validateCreateOperator(form: CreateOperatorForm): {
  request: CreateOperatorRequest | null;
  errors: Errors<keyof CreateOperatorForm>;
} {
  const errors: Errors<keyof CreateOperatorForm> = {};
  const username = form.username.trim();
  if (!username) errors.username = { key: 'operators.error.usernameRequired' };
  else if (/\s/.test(username) || username.length > MAX_USERNAME_LENGTH) {
    errors.username = { key: 'operators.error.usernameFormat', params: { max: MAX_USERNAME_LENGTH } };
  }
  const password = passwordError(form.password);
  if (password) errors.password = password;
  const displayName = displayNameError(form.displayName);
  if (displayName) errors.displayName = displayName;
  const valid = Object.keys(errors).length === 0;
  return {
    request: valid ? { username, password: form.password, displayName: form.displayName.trim(), role: form.role } : null,
    errors,
  };
}

export interface EditOperatorForm {
  displayName: string;
  role: OperatorRole;
  /** Empty keeps the current password. */
  password: string;
}

export function editFormFor(operator: OperatorAccount): EditOperatorForm {
  return { displayName: operator.displayName, role: operator.role, password: '' };
}

/** Validates the edit form; the PUT body carries `password` only when a new one was typed. */
export function validateEditOperator(form: EditOperatorForm): {
  request: UpdateOperatorRequest | null;
  errors: Errors<keyof EditOperatorForm>;
} {
  const errors: Errors<keyof EditOperatorForm> = {};
  const displayName = displayNameError(form.displayName);
  if (displayName) errors.displayName = displayName;
  if (form.password !== '') {
    const password = passwordError(form.password);
    if (password) errors.password = password;
  }
  if (Object.keys(errors).length > 0) return { request: null, errors };
  const request: UpdateOperatorRequest = { displayName: form.displayName.trim(), role: form.role };
  if (form.password !== '') request.password = form.password;
  return { request, errors };
}

/** The PUT body that reactivates `operator` without changing anything else. */
export function reactivateRequest(operator: OperatorAccount): UpdateOperatorRequest {
  return { displayName: operator.displayName, role: operator.role, active: true };
}

/** Active operators first, then by username (case-insensitive). */
export function sortOperators(operators: readonly OperatorAccount[]): OperatorAccount[] {
  return [...operators].sort((a, b) =>
    Number(b.active) - Number(a.active) || a.username.localeCompare(b.username, undefined, { sensitivity: 'base' }));
}

/** `list` with `updated` replacing the entry of the same id (or added when new). */
export function upsertById<T extends { id: string }>(list: readonly T[], updated: T): T[] {
  return list.some((item) => item.id === updated.id)
    ? list.map((item) => (item.id === updated.id ? updated : item))
    : [...list, updated];
}
