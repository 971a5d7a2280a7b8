package io.switchboard.conversation.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * A private note as operators read it (never shown to a customer).
 *
 * @param id             note id
 * @param conversationId the conversation it is about
 * @param operatorId     author
 * @param operatorName   the author's display name at the time
 * @param text           exactly as written
 * @param createdAt      ISO-8601
 */
public record NoteView(UUID id, UUID conversationId, UUID operatorId, String operatorName, String text, Instant createdAt) {
}
