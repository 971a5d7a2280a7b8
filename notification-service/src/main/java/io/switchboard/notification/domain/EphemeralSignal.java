package io.switchboard.notification.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/**
 * A typing or read signal as published on the Redis pub/sub channel ({@code switchboard:ephemeral}), JSON:
 * {@code {"kind":"customer.typing","origin":"<replica id>","conversationId":"…","active":true,"name":null,
 * "at":"2026-11-21T10:00:00Z"}}. Never stored.
 *
 * @param kind           {@value #CUSTOMER_TYPING}, {@value #CUSTOMER_READ} or {@value #OPERATOR_TYPING}
 * @param origin         id of the replica that published it (it delivered the signal to its own sockets already)
 * @param conversationId the conversation
 * @param active         typing signals: true while typing, false when stopped; null for a read
 * @param name           {@value #OPERATOR_TYPING}: the operator's display name; else null
 * @param at             when the replica received it from the client
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EphemeralSignal(String kind, String origin, UUID conversationId, Boolean active, String name,
                              Instant at) {

    /** The customer started or stopped typing: operators get {@code customer.typing}. */
    public static final String CUSTOMER_TYPING = "customer.typing";
    /** The customer read the conversation: operators get {@code customer.read}. */
    public static final String CUSTOMER_READ = "customer.read";
    /** An operator started or stopped typing: the conversation's widget sockets get {@code typing}. */
    public static final String OPERATOR_TYPING = "operator.typing";

    /** True when the fields a receiver needs are present and the kind is known. */
    public boolean valid() {
        if (kind == null || conversationId == null) {
            return false;
        }
        return switch (kind) {
            case CUSTOMER_TYPING -> active != null;
            case CUSTOMER_READ -> true;
            case OPERATOR_TYPING -> active != null && name != null;
            default -> false;
        };
    }
}
