package io.switchboard.conversation.rest;

/**
 * Body of {@code PUT /api/conversations/{id}/messages/{messageId}}.
 *
 * @param text the new text, kept exactly as given; not blank, at most 4096 characters
 */
public record EditRequest(String text) {
}
