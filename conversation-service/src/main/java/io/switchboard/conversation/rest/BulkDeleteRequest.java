package io.switchboard.conversation.rest;

import java.util.List;
import java.util.UUID;

/**
 * Body of {@code POST /api/conversations/bulk-delete}: exactly one of {@code ids} and {@code filter}.
 *
 * @param ids    1..1000 conversation ids (any status; unknown ones are ignored)
 * @param filter which conversations to delete instead of a list
 */
public record BulkDeleteRequest(List<UUID> ids, Filter filter) {

    /**
     * Conversations selected by state and age.
     *
     * @param status       must be {@code CLOSED}
     * @param closedBefore ISO-8601 instant with offset (e.g. {@code 2025-01-01T00:00:00Z}); conversations closed
     *                     strictly before it
     */
    public record Filter(String status, String closedBefore) {
    }

    /**
     * The answer.
     *
     * @param deleted how many conversations were deleted
     */
    public record Result(long deleted) {
    }
}
