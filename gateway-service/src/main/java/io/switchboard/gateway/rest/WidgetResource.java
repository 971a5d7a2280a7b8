package io.switchboard.gateway.rest;

import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.config.WidgetConfig;
import io.switchboard.gateway.domain.WidgetMessageRules;
import io.switchboard.gateway.domain.WidgetProfileRules;
import io.switchboard.gateway.messaging.WidgetMessagePublisher;
import io.switchboard.gateway.routing.ClientAddresses;
import io.switchboard.gateway.routing.EdgeAuthenticator;
import io.switchboard.gateway.routing.ForwardingHeaders;
import io.switchboard.gateway.service.CustomerTokens;
import io.switchboard.gateway.service.WidgetConversations;
import io.switchboard.gateway.service.WidgetRateLimits;
import io.switchboard.gateway.service.WidgetSessions;
import io.switchboard.widget.api.WidgetMessagePosted;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * The gateway's own endpoints of the public widget API (the rest of {@code /api/widget/**} is proxied to
 * conversation-service, see {@link io.switchboard.gateway.routing.GatewayRoutes}). Errors are problem+json.
 *
 * <ul>
 *   <li>{@code POST /api/widget/conversations {nickname?, locale?}} (no token) → 201
 *       {@link WidgetConversationStarted} + {@code Location}; the locale is normalised ({@code zh_Hant_TW} →
 *       {@code zh-TW}, see {@link WidgetProfileRules#locale}); 422 for a locale that cannot be normalised or a
 *       nickname conversation-service would refuse ({@link WidgetProfileRules#nickname}), checked before a
 *       rate-limit token is taken; 429 + {@code Retry-After} over 10 starts a minute per client address (IPv6: its
 *       /64); 502/503/504 when conversation-service failed (no session is stored then).</li>
 *   <li>{@code POST /api/widget/token {refreshToken}} → 200 {@link WidgetTokenResponse}; 400 without a token; 401
 *       when it is unknown, expired, revoked or already used (which revokes its whole chain, unless it was
 *       exchanged less than {@code refresh-reuse-grace} ago: then a new pair); 429 + {@code Retry-After} over 30 a
 *       minute per client address.</li>
 *   <li>{@code POST /api/widget/conversations/{id}/messages {text, clientMessageId}} (customer token of
 *       {@code id}) → 202 {@link WidgetMessageAccepted} once Kafka has the message; 401 without a valid token;
 *       403 for an operator token or another conversation's token; 400 without a body; 422 bad
 *       {@code clientMessageId} or empty text; 413 text over 4000 characters; 429 + {@code Retry-After} over 30
 *       messages a minute per address or 20 a minute (burst 10) per conversation; 503 + {@code Retry-After} when
 *       Kafka or Redis is unavailable.</li>
 * </ul>
 */
@Path("/api/widget")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WidgetResource {

    private static final Logger LOG = Logger.getLogger(WidgetResource.class);

    private final WidgetConversations conversations;
    private final WidgetSessions sessions;
    private final WidgetRateLimits limits;
    private final WidgetMessagePublisher publisher;
    private final ClientAddresses clientAddresses;
    private final WidgetConfig config;
    private final JsonWebToken jwt;
    private final Clock clock;

    public WidgetResource(WidgetConversations conversations, WidgetSessions sessions, WidgetRateLimits limits,
                          WidgetMessagePublisher publisher, ClientAddresses clientAddresses, WidgetConfig config,
                          JsonWebToken jwt, Clock clock) {
        this.conversations = conversations;
        this.sessions = sessions;
        this.limits = limits;
        this.publisher = publisher;
        this.clientAddresses = clientAddresses;
        this.config = config;
        this.jwt = jwt;
        this.clock = clock;
    }

    @POST
    @Path("conversations")
    @PermitAll
    public Uni<RestResponse<WidgetConversationStarted>> start(StartWidgetConversationRequest request,
                                                              @Context HttpServerRequest http) {
        // checked before a rate-limit token is taken or conversation-service is asked: a typo costs nothing
        String nickname;
        String locale;
        try {
            nickname = request == null || request.nickname() == null || request.nickname().isBlank() ? null
                    : WidgetProfileRules.nickname(request.nickname());
            locale = WidgetProfileRules.locale(request == null ? null : request.locale());
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable(e.getMessage());
        }
        String client = clientAddresses.of(http);
        return limits.conversationStart(client)
                .flatMap(allowed -> conversations.start(nickname, locale, ForwardingHeaders.requestIdOf(http),
                        forwardedFor(http)))
                .map(started -> RestResponse.ResponseBuilder
                        .<WidgetConversationStarted>created(URI.create("/api/widget/conversations/"
                                + started.credentials().conversationId()))
                        .entity(new WidgetConversationStarted(started.credentials().conversationId(),
                                started.credentials().token(), started.credentials().refreshToken(),
                                started.codename(), started.credentials().expiresIn()))
                        .build());
    }

    @POST
    @Path("token")
    @PermitAll
    public Uni<WidgetTokenResponse> refresh(RefreshTokenRequest request, @Context HttpServerRequest http) {
        if (request == null || request.refreshToken() == null || request.refreshToken().isBlank()) {
            throw ProblemException.badRequest("refreshToken is required");
        }
        return limits.tokenRefresh(clientAddresses.of(http))
                .flatMap(allowed -> sessions.refresh(request.refreshToken()))
                .map(credentials -> new WidgetTokenResponse(credentials.token(), credentials.refreshToken(),
                        credentials.expiresIn()));
    }

    @POST
    @Path("conversations/{id}/messages")
    @RolesAllowed(CustomerTokens.GROUP)
    public Uni<RestResponse<WidgetMessageAccepted>> post(@PathParam("id") String id, PostWidgetMessageRequest request,
                                                         @Context HttpServerRequest http) {
        UUID conversationId = tokenConversation(id);
        UUID customerId = tokenSubject();
        if (request == null) {
            throw ProblemException.badRequest("A JSON body {text, clientMessageId} is required");
        }
        if (!WidgetMessageRules.validClientMessageId(request.clientMessageId())) {
            throw ProblemException.unprocessable("clientMessageId must be 8 to 64 letters, digits, '_' or '-'");
        }
        WidgetMessageRules.TextCheck check = WidgetMessageRules.checkText(request.text(), config.maxMessageLength());
        if (check instanceof WidgetMessageRules.Invalid invalid) {
            throw ProblemException.unprocessable(invalid.reason());
        }
        if (check instanceof WidgetMessageRules.TooLong tooLong) {
            throw new ProblemException(413, "text is " + tooLong.length() + " characters long; at most "
                    + tooLong.maxLength() + " fit");
        }
        String text = ((WidgetMessageRules.Accepted) check).text();
        String client = clientAddresses.of(http);
        return limits.message(client, conversationId)
                .flatMap(allowed -> {
                    WidgetMessagePosted posted = new WidgetMessagePosted(UUID.randomUUID(), 1, clock.instant(),
                            conversationId, customerId, request.clientMessageId(), text);
                    return publisher.publish(posted)
                            .onFailure().transform(failure -> {
                                LOG.warnf("Widget message %s of conversation %s not published: %s",
                                        request.clientMessageId(), conversationId, failure.toString());
                                return new ProblemException(503, "The message could not be accepted right now; "
                                        + "send it again in a moment", Map.of("Retry-After", "5"));
                            })
                            .map(published -> RestResponse.accepted(
                                    new WidgetMessageAccepted(request.clientMessageId(), posted.occurredAt())));
                });
    }

    /** The path's conversation, which must be the token's. */
    private UUID tokenConversation(String pathId) {
        String claimed = EdgeAuthenticator.claimText(jwt.getClaim(CustomerTokens.CONVERSATION_CLAIM));
        if (claimed == null || !claimed.equalsIgnoreCase(pathId)) {
            throw ProblemException.forbidden("This token does not open that conversation");
        }
        try {
            return UUID.fromString(claimed);
        } catch (IllegalArgumentException e) {
            throw ProblemException.forbidden("This token does not name a conversation");
        }
    }

    private UUID tokenSubject() {
        try {
            return UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.forbidden("This token does not name a customer");
        }
    }

    /** {@code X-Forwarded-For} as the proxy would pass it on: the client's list with the peer appended. */
    private static String forwardedFor(HttpServerRequest http) {
        String peer = http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        String existing = http.getHeader("X-Forwarded-For");
        return existing == null || existing.isBlank() ? peer : existing + ", " + peer;
    }
}
