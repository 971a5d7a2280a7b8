package io.switchboard.conversation.rest;

/**
 * Body of {@code POST /api/canned-responses} and {@code PUT /api/canned-responses/{id}}.
 *
 * @param title    required, 1..120 characters (trimmed)
 * @param text     required, 1..4096 characters, not blank
 * @param category optional, at most 60 characters (trimmed; blank means none)
 * @param shortcut optional, {@code ^[a-z0-9_-]{1,32}$} (a leading {@code /} is dropped; blank means none)
 * @param shared   true: for every operator (admins only); POST: absent means false; PUT: absent keeps the current value
 */
public record CannedResponseRequest(String title, String text, String category, String shortcut, Boolean shared) {
}
