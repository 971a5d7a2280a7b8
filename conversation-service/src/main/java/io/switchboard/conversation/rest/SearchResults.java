package io.switchboard.conversation.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Answer of {@code GET /api/search?q=}: at most 20 customers and 20 messages.
 *
 * @param customers customers whose name, username or nickname matched, best match first
 * @param messages  messages whose text matched (never BLOCKED or system messages), newest first
 */
public record SearchResults(List<CustomerHit> customers, List<MessageHit> messages) {

    /**
     * A customer that matched.
     *
     * @param conversationId their most recently opened conversation, or null
     */
    public record CustomerHit(UUID id, String displayName, String username, String nickname, UUID conversationId) {
    }

    /**
     * A message that matched.
     *
     * @param snippet plain text around the matched words (no markup), at most about 24 words
     */
    public record MessageHit(UUID conversationId, UUID messageId, String codename, String snippet, Instant createdAt) {
    }
}
