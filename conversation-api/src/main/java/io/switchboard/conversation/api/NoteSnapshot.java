package io.switchboard.conversation.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A private note on a conversation: operators only, never sent to a customer or shown in the customer's channel.
 *
 * @param id           note id
 * @param operatorId   author (the JWT subject)
 * @param operatorName the author's display name at the time
 * @param text         1..4000 characters, exactly as written
 * @param createdAt    when it was stored
 */
public record NoteSnapshot(UUID id, UUID operatorId, String operatorName, String text, Instant createdAt) {
}
