package io.switchboard.conversation.rest;

/**
 * Body of {@code POST /api/conversations/{id}/notes}.
 *
 * @param text required, 1..4000 characters, not blank; kept exactly as written
 */
public record NoteRequest(String text) {
}
