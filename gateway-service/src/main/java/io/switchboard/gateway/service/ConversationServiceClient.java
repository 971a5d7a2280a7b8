package io.switchboard.gateway.service;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.config.RoutingConfig;
import io.switchboard.gateway.rest.Problem;
import io.switchboard.gateway.rest.ProblemException;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * The calls the gateway itself makes to conversation-service (everything else is proxied unchanged): creating a
 * widget conversation, and removing a deactivated operator's Telegram link ({@link #unlinkOperatorTelegram}). Uses {@code switchboard.routing.conversation-service} and the routing timeouts: no TCP
 * connection within {@code connect-timeout} or an upstream 5xx → 502 problem (503 stays 503), no answer within
 * {@code idle-timeout} → 504 problem; the upstream's 400/409/422 problems are passed on as they are.
 */
@ApplicationScoped
public class ConversationServiceClient {

    private static final Logger LOG = Logger.getLogger(ConversationServiceClient.class);
    private static final String UPSTREAM = "conversation-service";

    private final RoutingConfig config;
    private final HttpClient client;

    public ConversationServiceClient(RoutingConfig config, Vertx vertx) {
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setName("gateway-conversation-service"));
    }

    /** What conversation-service answered for a new widget conversation. */
    public record CreatedConversation(UUID conversationId, String codename) {
    }

    /**
     * {@code POST /api/widget/conversations {nickname, locale}} with {@code Authorization: Bearer <customerToken>}:
     * conversation-service creates the customer and the conversation with the ids the token names (idempotent on
     * the id) and answers {@code {conversationId, codename}}.
     *
     * @param requestId the client request's {@code X-Request-Id}, passed on for tracing
     * @throws ProblemException see the class description
     */
    public Uni<CreatedConversation> createWidgetConversation(UUID conversationId, String customerToken,
                                                             String nickname, String locale, String requestId,
                                                             String forwardedFor) {
        URI base = config.conversationService();
        boolean ssl = "https".equalsIgnoreCase(base.getScheme());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(base.getHost())
                .setPort(base.getPort() > 0 ? base.getPort() : (ssl ? 443 : 80))
                .setSsl(ssl)
                .setURI("/api/widget/conversations")
                .setConnectTimeout(config.connectTimeout().toMillis())
                .setIdleTimeout(config.idleTimeout().toMillis())
                .putHeader("Authorization", "Bearer " + customerToken)
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json");
        if (requestId != null) {
            options.putHeader("X-Request-Id", requestId);
        }
        if (forwardedFor != null) {
            options.putHeader("X-Forwarded-For", forwardedFor);
        }
        JsonObject body = new JsonObject().put("nickname", nickname).put("locale", locale);
        return client.request(options)
                .flatMap(request -> request.send(Buffer.buffer(body.encode())))
                .flatMap(response -> response.body().map(answer -> read(conversationId, response, answer)))
                .onFailure(failure -> !(failure instanceof ProblemException)).transform(this::unreachable);
    }

    /**
     * {@code DELETE /internal/operators/{operatorId}/telegram-link} (internal, no token): conversation-service removes
     * the operator's Telegram link and unused link codes (204, also when there were none).
     *
     * @throws ProblemException 503 "Could not unlink the operator's Telegram account; try again" when
     *                          conversation-service cannot be reached, does not answer in time or answers anything but
     *                          2xx
     */
    public Uni<Void> unlinkOperatorTelegram(UUID operatorId) {
        URI base = config.conversationService();
        boolean ssl = "https".equalsIgnoreCase(base.getScheme());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.DELETE)
                .setHost(base.getHost())
                .setPort(base.getPort() > 0 ? base.getPort() : (ssl ? 443 : 80))
                .setSsl(ssl)
                .setURI("/internal/operators/" + operatorId + "/telegram-link")
                .setConnectTimeout(config.connectTimeout().toMillis())
                .setIdleTimeout(config.idleTimeout().toMillis());
        return client.request(options)
                .flatMap(request -> request.send())
                .flatMap(response -> response.body().map(answer -> {
                    if (response.statusCode() / 100 != 2) {
                        LOG.warnf("%s refused to unlink operator %s from Telegram with %d: %s", UPSTREAM, operatorId,
                                response.statusCode(), abbreviate(answer.toString()));
                        throw cannotUnlink();
                    }
                    return (Void) null;
                }))
                .onFailure(failure -> !(failure instanceof ProblemException)).transform(failure -> {
                    LOG.warnf("%s did not answer DELETE /internal/operators/%s/telegram-link: %s", UPSTREAM, operatorId,
                            failure.toString());
                    return cannotUnlink();
                });
    }

    private static ProblemException cannotUnlink() {
        return new ProblemException(503, "Could not unlink the operator's Telegram account; try again",
                Map.of("Retry-After", "5"));
    }

    private CreatedConversation read(UUID conversationId, HttpClientResponse response, Buffer answer) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            try {
                JsonObject json = answer.toJsonObject();
                String id = json.getString("conversationId");
                String codename = json.getString("codename");
                if (conversationId.toString().equals(id) && codename != null) {
                    return new CreatedConversation(conversationId, codename);
                }
            } catch (DecodeException | ClassCastException e) {
                // reported below
            }
            LOG.warnf("%s answered %d without the conversation %s: %s", UPSTREAM, status, conversationId,
                    abbreviate(answer.toString()));
            throw new ProblemException(502, UPSTREAM + " gave an unexpected answer");
        }
        if (status == 400 || status == 409 || status == 422) {
            throw new ProblemException(status, upstreamDetail(answer, status));
        }
        LOG.warnf("%s refused a widget conversation with %d: %s", UPSTREAM, status, abbreviate(answer.toString()));
        if (status == 503) {
            throw new ProblemException(503, UPSTREAM + " is unavailable", Map.of("Retry-After", "5"));
        }
        throw new ProblemException(502, UPSTREAM + " is unavailable");
    }

    private ProblemException unreachable(Throwable failure) {
        LOG.warnf("%s did not answer POST /api/widget/conversations: %s", UPSTREAM, failure.toString());
        return failure instanceof TimeoutException
                ? new ProblemException(504, UPSTREAM + " did not answer in time")
                : new ProblemException(502, UPSTREAM + " is unavailable");
    }

    /** The {@code detail} of the upstream's problem answer, or a standard one. */
    private static String upstreamDetail(Buffer answer, int status) {
        try {
            String detail = answer.toJsonObject().getString("detail");
            if (detail != null && !detail.isBlank()) {
                return detail;
            }
        } catch (DecodeException | ClassCastException e) {
            // not a problem document
        }
        return Problem.reasonPhrase(status);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    void close(@Observes ShutdownEvent event) {
        client.closeAndForget();
    }
}
