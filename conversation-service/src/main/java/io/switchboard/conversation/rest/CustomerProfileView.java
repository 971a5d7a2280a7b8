package io.switchboard.conversation.rest;

import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.Customer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A customer as the console's customer panel shows them.
 *
 * @param id            customer id
 * @param displayName   name from the channel profile (never blank)
 * @param username      Telegram username without '@', or null
 * @param nickname      nickname shown beside the codename, or null
 * @param languageCode  IETF language tag from the channel (e.g. {@code en}), or null
 * @param createdAt     when they first wrote (ISO-8601)
 * @param conversations their conversations, most recently opened first (at most 100)
 */
public record CustomerProfileView(UUID id, String displayName, String username, String nickname, String languageCode,
                                  Instant createdAt, List<ConversationItem> conversations) {

    /**
     * One conversation of the customer.
     *
     * @param status   OPEN_UNCLAIMED, OPEN_ASSIGNED, AWAITING_CUSTOMER, CLOSED or BLOCKED
     * @param closedAt when it was last closed, or null
     */
    public record ConversationItem(UUID id, String codename, String status, Instant createdAt, Instant closedAt) {
    }

    /** The profile of {@code customer} with {@code conversations} in the given order. */
    public static CustomerProfileView of(Customer customer, List<Conversation> conversations) {
        return new CustomerProfileView(customer.id, customer.displayName, customer.username, customer.nickname,
                customer.languageCode, customer.createdAt, conversations.stream()
                .map(c -> new ConversationItem(c.id, c.codename, c.status.name(), c.createdAt, c.closedAt)).toList());
    }
}
