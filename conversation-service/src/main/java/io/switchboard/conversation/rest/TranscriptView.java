package io.switchboard.conversation.rest;

import io.switchboard.conversation.api.TagSummary;
import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.Customer;
import io.switchboard.conversation.domain.Message;
import io.switchboard.conversation.domain.Note;
import io.switchboard.conversation.domain.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The parts of {@code GET /api/conversations/{id}/transcript.json}, which is streamed as
 * {@code {"conversation":Header, "customer":CustomerPart, "messages":[MessageLine...], "notes":[NoteLine...],
 * "exportedAt":ISO-8601}}.
 */
public final class TranscriptView {

    private TranscriptView() {
    }

    /**
     * The conversation.
     *
     * @param status     its status at export time
     * @param closedAt   when it was last closed, or null
     * @param assigneeId operator holding it, or null
     * @param tags       its tags, by name
     */
    public record ConversationPart(UUID id, String codename, String status, Instant createdAt, Instant closedAt,
                                   UUID assigneeId, List<TagSummary> tags) {

        public static ConversationPart of(Conversation c, List<Tag> tags) {
            return new ConversationPart(c.id, c.codename, c.status.name(), c.createdAt, c.closedAt, c.assigneeId,
                    tags.stream().map(t -> new TagSummary(t.id, t.name, t.color)).toList());
        }
    }

    /** The customer (as stored at export time; any field but id and displayName may be null). */
    public record CustomerPart(UUID id, String displayName, String username, String nickname, String languageCode) {

        public static CustomerPart of(Customer c) {
            return new CustomerPart(c.id, c.displayName, c.username, c.nickname, c.languageCode);
        }
    }

    /**
     * One message. BLOCKED messages (customer input while blocked) are never exported.
     *
     * @param direction INBOUND (customer) or OUTBOUND (operator or system)
     * @param author    the customer's display name, the operator's name at the time ({@code operator} when unknown),
     *                  or {@code system} for a system message
     * @param status    RECEIVED, PENDING, SENT, FAILED or RECORDED
     * @param systemKey template key of a system message, or null
     * @param operatorId author of an operator's message, or null
     */
    public record MessageLine(UUID id, Instant createdAt, String direction, String author, String status, String text,
                              String systemKey, UUID operatorId) {

        public static MessageLine of(Message m, String customerName) {
            return new MessageLine(m.id, m.createdAt, m.direction.name(), authorOf(m, customerName), m.status.name(), m.text,
                    m.systemKey, m.operatorId);
        }
    }

    /**
     * A private note: internal to the support team, never shown to the customer ({@code internal} is always true).
     */
    public record NoteLine(UUID id, Instant createdAt, UUID operatorId, String operatorName, String text,
                           boolean internal) {

        public static NoteLine of(Note n) {
            return new NoteLine(n.id, n.createdAt, n.operatorId, n.operatorName, n.text, true);
        }
    }

    /** Who wrote {@code m}, as a transcript names them (see {@link MessageLine#author()}). */
    public static String authorOf(Message m, String customerName) {
        if (m.systemKey != null) {
            return "system";
        }
        if (m.direction == io.switchboard.conversation.domain.MessageDirection.INBOUND) {
            return customerName;
        }
        return m.operatorName != null && !m.operatorName.isBlank() ? m.operatorName : "operator";
    }
}
