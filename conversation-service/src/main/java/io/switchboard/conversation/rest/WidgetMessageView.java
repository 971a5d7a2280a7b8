package io.switchboard.conversation.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.conversation.domain.Message;
import io.switchboard.conversation.domain.MessageDirection;

import java.time.Instant;
import java.util.UUID;

/**
 * A message as the web-widget customer sees it (history; notification-service pushes the same shape). Never a
 * status: a customer's message stored BLOCKED looks like any other.
 *
 * @param id              message id
 * @param clientMessageId the widget's id of a message its customer posted (to match the local echo), else null
 * @param direction       INBOUND (the customer's) or OUTBOUND (an operator's reply or a system message)
 * @param kind            {@code customer}, {@code operator} or {@code system}
 * @param authorName      the operator's display name at the time (replies; a closing message an operator wrote), or
 *                        null (the customer, template system messages)
 * @param text            exactly as written
 * @param createdAt       when it was stored (ISO-8601)
 * @param systemKey       template key of a system message (e.g. {@code welcome_message}), else null
 * @param editedAt        when an operator last edited the reply (ISO-8601), else null (left out of the JSON)
 */
public record WidgetMessageView(UUID id, String clientMessageId, String direction, String kind, String authorName,
                                String text, Instant createdAt, String systemKey,
                                @JsonInclude(JsonInclude.Include.NON_NULL) Instant editedAt) {

    /** {@link #kind()} of the customer's own messages. */
    public static final String KIND_CUSTOMER = "customer";
    /** {@link #kind()} of an operator's reply. */
    public static final String KIND_OPERATOR = "operator";
    /** {@link #kind()} of a system message. */
    public static final String KIND_SYSTEM = "system";

    /** The customer's view of a stored message. */
    public static WidgetMessageView of(Message message) {
        boolean inbound = message.direction == MessageDirection.INBOUND;
        String kind = inbound ? KIND_CUSTOMER : message.systemKey != null ? KIND_SYSTEM : KIND_OPERATOR;
        return new WidgetMessageView(message.id, message.clientMessageId, message.direction.name(), kind,
                inbound ? null : message.operatorName, message.text, message.createdAt, message.systemKey,
                inbound ? null : message.editedAt);
    }
}
