package io.switchboard.conversation.repository;

import io.switchboard.conversation.domain.ConversationStatus;

import java.util.Set;
import java.util.UUID;

/**
 * What a conversation list keeps; every part given narrows it further (they combine with AND).
 *
 * @param statuses   only these states (never empty)
 * @param assigneeId only conversations held by this operator, or null
 * @param unassigned only conversations nobody holds (assignee_id is null); excludes {@code assigneeId}
 * @param tagId      only conversations carrying this tag, or null
 * @param unreadOnly only conversations whose customer wrote after the last read ({@code last_inbound_at >
 *                   last_read_at}; BLOCKED input does not count)
 * @param text       only conversations whose customer's display name, username or nickname, or whose codename,
 *                   contains this text ignoring case; null for all
 */
public record ConversationFilter(Set<ConversationStatus> statuses, UUID assigneeId, boolean unassigned, UUID tagId,
                                 boolean unreadOnly, String text) {

    public ConversationFilter {
        if (statuses == null || statuses.isEmpty()) {
            throw new IllegalArgumentException("a filter needs at least one status");
        }
        if (assigneeId != null && unassigned) {
            throw new IllegalArgumentException("assigneeId and unassigned exclude each other");
        }
    }

    /** Every conversation in {@code statuses}. */
    public static ConversationFilter of(Set<ConversationStatus> statuses) {
        return new ConversationFilter(statuses, null, false, null, false, null);
    }
}
