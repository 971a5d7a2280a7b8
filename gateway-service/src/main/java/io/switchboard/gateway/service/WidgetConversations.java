package io.switchboard.gateway.service;

import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.UUID;

/**
 * Starts web-widget conversations. The gateway chooses the conversation id and the customer id, signs a customer
 * token for them, and asks conversation-service (with that token) to create the customer and the conversation;
 * only once it has answered is the refresh session stored. So a failed or unanswered call leaves no session behind,
 * and a session always belongs to a conversation that exists.
 */
@ApplicationScoped
public class WidgetConversations {

    private final CustomerTokens tokens;
    private final WidgetSessions sessions;
    private final ConversationServiceClient conversationService;
    private final Clock clock;

    public WidgetConversations(CustomerTokens tokens, WidgetSessions sessions,
                               ConversationServiceClient conversationService, Clock clock) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.conversationService = conversationService;
        this.clock = clock;
    }

    /** A started conversation: its codename (e.g. "Blue Lion #84C2") and the customer's credentials. */
    public record Started(String codename, WidgetCredentials credentials) {
    }

    /**
     * Starts a conversation.
     *
     * @param nickname     the customer's nickname or null, already checked
     *                     ({@link io.switchboard.gateway.domain.WidgetProfileRules#nickname}; conversation-service
     *                     checks it again: 422)
     * @param locale       the customer's normalised locale ({@code en}, {@code ru-RU}) or null
     * @param requestId    the client request's {@code X-Request-Id}, for tracing
     * @param forwardedFor {@code X-Forwarded-For} to pass on
     * @throws ProblemException 422 or 400 from conversation-service; 502/503/504 when it failed or did not answer
     */
    public Uni<Started> start(String nickname, String locale, String requestId, String forwardedFor) {
        UUID conversationId = UUID.randomUUID();
        UUID customerId = UUID.randomUUID();
        String token = tokens.issue(customerId, conversationId, clock.instant());
        return conversationService.createWidgetConversation(conversationId, token, nickname, locale, requestId,
                        forwardedFor)
                .flatMap(created -> sessions.start(customerId, conversationId, token)
                        .map(credentials -> new Started(created.codename(), credentials)));
    }
}
