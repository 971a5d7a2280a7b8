package io.switchboard.conversation.rest;

import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/**
 * Reads the widget customer from a customer token issued by gateway-service: {@code sub} = customer id,
 * {@code groups} = {@code ["customer"]}, claim {@code conversation} = the one conversation the token opens.
 */
public final class WidgetCustomers {

    /** The claim naming the token's conversation. */
    public static final String CONVERSATION_CLAIM = "conversation";

    private WidgetCustomers() {
    }

    /**
     * The customer and conversation of a customer token.
     *
     * @param customerId     the {@code sub}
     * @param conversationId the {@code conversation} claim
     */
    public record WidgetCustomer(UUID customerId, UUID conversationId) {

        /**
         * Checks that the token opens {@code conversationId}.
         *
         * @throws ProblemException 403 when it names another conversation
         */
        public WidgetCustomer requireConversation(UUID conversationId) {
            if (!this.conversationId.equals(conversationId)) {
                throw new ProblemException(403, "Forbidden", "this token does not open this conversation");
            }
            return this;
        }
    }

    /**
     * The customer behind {@code jwt}.
     *
     * @throws ProblemException 403 when the subject or the {@code conversation} claim is missing or not a UUID
     */
    public static WidgetCustomer from(JsonWebToken jwt) {
        UUID customerId = uuid(jwt.getSubject());
        Object claim = jwt.getClaim(CONVERSATION_CLAIM);
        UUID conversationId = uuid(claim instanceof JsonString json ? json.getString() : claim instanceof String s ? s : null);
        if (customerId == null || conversationId == null) {
            throw new ProblemException(403, "Forbidden", "this token does not name a customer and a conversation");
        }
        return new WidgetCustomer(customerId, conversationId);
    }

    private static UUID uuid(String value) {
        if (value == null) {
            return null;
        }
        try {
            UUID uuid = UUID.fromString(value);
            return uuid.toString().equalsIgnoreCase(value) ? uuid : null; // only the canonical form
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
