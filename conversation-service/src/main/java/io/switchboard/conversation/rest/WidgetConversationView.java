package io.switchboard.conversation.rest;

import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.ConversationStatus;
import io.switchboard.conversation.domain.Customer;

import java.time.Instant;
import java.util.UUID;

/**
 * A widget conversation as its customer sees it.
 *
 * @param conversationId       conversation id
 * @param codename             e.g. "Blue Lion #84C2"
 * @param status               OPEN_UNCLAIMED, OPEN_ASSIGNED, AWAITING_CUSTOMER or CLOSED (a BLOCKED conversation shows as
 *                             CLOSED: the customer must not learn they are blocked)
 * @param nickname             the nickname the customer chose, or null
 * @param locale               the locale given when it was opened (e.g. {@code fa}), or null
 * @param operatorName         display name of the operator holding it, or null
 * @param lastReadByOperatorAt when an operator last read it (ISO-8601), or null
 */
public record WidgetConversationView(UUID conversationId, String codename, String status, String nickname,
                                     String locale, String operatorName, Instant lastReadByOperatorAt) {

    /** The customer's view of {@code conversation}. */
    public static WidgetConversationView of(Conversation conversation, Customer customer, String operatorName) {
        ConversationStatus status = conversation.status == ConversationStatus.BLOCKED ? ConversationStatus.CLOSED
                : conversation.status;
        return new WidgetConversationView(conversation.id, conversation.codename, status.name(),
                customer == null ? null : customer.nickname, customer == null ? null : customer.languageCode,
                operatorName, conversation.lastReadAt);
    }
}
