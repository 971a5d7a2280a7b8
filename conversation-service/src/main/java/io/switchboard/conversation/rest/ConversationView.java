package io.switchboard.conversation.rest;

import io.switchboard.conversation.api.CustomerSummary;
import io.switchboard.conversation.api.TagSummary;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A conversation as operators list it.
 *
 * @param id          conversation id
 * @param status      OPEN_UNCLAIMED, OPEN_ASSIGNED, AWAITING_CUSTOMER, CLOSED or BLOCKED
 * @param codename    e.g. "Blue Lion #84C2"
 * @param customer    who it is with
 * @param lastMessage its latest message, or null when it has none
 * @param unreadCount INBOUND messages created after it was last marked read (all of them if never)
 * @param updatedAt   last activity (ISO-8601); lists are ordered by it, newest first
 * @param createdAt   when it was opened (ISO-8601)
 * @param assigneeId  operator who holds it, or null while unclaimed
 * @param closedAt    when it was last closed, or null while open
 * @param tags        its tags ({@code {id, name, color}}), by name ignoring case
 * @param channel     where the customer writes from: {@code TELEGRAM} or {@code WIDGET}
 */
public record ConversationView(UUID id, String status, String codename, CustomerSummary customer,
                               LastMessage lastMessage, long unreadCount, Instant updatedAt, Instant createdAt,
                               UUID assigneeId, Instant closedAt, List<TagSummary> tags, String channel) {

    /**
     * The latest message of a conversation.
     *
     * @param text      exactly as written
     * @param direction INBOUND or OUTBOUND
     * @param createdAt when it was stored
     */
    public record LastMessage(String text, String direction, Instant createdAt) {
    }
}
