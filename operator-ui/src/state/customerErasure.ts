import type { CustomerProfile } from '../api/types';

/**
 * A name as compared for the erasure confirmation: Unicode NFC (so a name typed with combining accents matches the
 * precomposed one), whitespace runs collapsed to one space, trimmed. Letter case and everything else stay as they
 * are: the admin must type the name exactly.
 */
export function normalizeConfirmationName(name: string): string {
  return name.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * True when `typed` confirms erasing the customer named `displayName`: the same name after
 * {@link normalizeConfirmationName} (case-sensitive). Never true for an empty name.
 */
export function erasureConfirmationMatches(typed: string, displayName: string | null | undefined): boolean {
  const expected = normalizeConfirmationName(displayName ?? '');
  return expected !== '' && normalizeConfirmationName(typed) === expected;
}

/**
 * The conversations an erasure removes from the console: those of the profile and the one the panel was opened
 * from (even when the profile's list was cut at 100), each once.
 */
export function erasedConversationIds(profile: Pick<CustomerProfile, 'conversations'> | null,
  currentConversationId: string | null): string[] {
  const ids = new Set((profile?.conversations ?? []).map((c) => c.id));
  if (currentConversationId) ids.add(currentConversationId);
  return [...ids];
}
