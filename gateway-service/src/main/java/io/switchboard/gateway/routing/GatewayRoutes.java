package io.switchboard.gateway.routing;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.switchboard.gateway.config.RoutingConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;

/**
 * The gateway's routing table, mounted on Quarkus's Vert.x router at start-up.
 *
 * <pre>
 * POST /api/auth/login                         login rate limit, then the gateway's own endpoint
 * /api/conversations/**, /api/customers/**,
 * /api/search/**, /api/canned-responses/**,
 * /api/tags/**, /api/admin/system-messages/**,
 * /api/admin/timers/**, /api/admin/audit/**     bearer token check → conversation-service
 * /api/presence/**                             bearer token check → notification-service
 * /ws/** (WebSocket upgrades)                  bearer token check (header or subprotocol) → notification-service
 * /telegram/webhook                            → telegram-ingest-service (no token: it checks the secret header)
 * /api/auth/**, /api/operators,
 * /api/admin/operators/**                      the gateway's own JAX-RS endpoints (admin ones check the role)
 * anything else                                static console files, then {@link ConsoleFallback}
 * </pre>
 * A prefix matches whole path segments only ({@code /api/tags} and {@code /api/tags/7}, never {@code /api/tagsXYZ}).
 * The edge only checks that the token is valid; roles are checked by the service that owns the endpoint. Whatever
 * nobody answers ends as 404 problem+json.
 */
@ApplicationScoped
public class GatewayRoutes {

    /** Paths owned by conversation-service (whole segments after {@code /api/}). */
    static final String CONVERSATION_PATHS = "^/api/(conversations|customers|search|canned-responses|tags"
            + "|admin/system-messages|admin/timers|admin/audit)(/.*)?$";

    /** Order of the routes in front of the JAX-RS endpoints and static files. */
    static final int EDGE_ORDER = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT;
    /** Order of the console's deep-link fallback: after the static files, before the JAX-RS endpoints. */
    static final int CONSOLE_ORDER = RouteConstants.ROUTE_ORDER_DEFAULT + 5_000;
    /** Order of the last route, after everything else. */
    static final int NOT_FOUND_ORDER = RouteConstants.ROUTE_ORDER_AFTER_DEFAULT + 10_000;

    private final RoutingConfig config;
    private final EdgeAuthenticator authenticator;
    private final LoginThrottle loginThrottle;
    private final Vertx vertx;
    private HttpClient client;

    public GatewayRoutes(RoutingConfig config, EdgeAuthenticator authenticator, LoginThrottle loginThrottle,
                         Vertx vertx) {
        this.config = config;
        this.authenticator = authenticator;
        this.loginThrottle = loginThrottle;
        this.vertx = vertx;
    }

    void mount(@Observes Router router) {
        client = vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) config.connectTimeout().toMillis())
                        .setKeepAlive(true)
                        .setName("gateway-upstreams"),
                new PoolOptions().setHttp1MaxSize(config.maxConnections()));
        UpstreamProxy conversations = upstream("conversation-service", config.conversationService());
        UpstreamProxy notifications = upstream("notification-service", config.notificationService());
        UpstreamProxy telegram = upstream("telegram-ingest-service", config.telegramIngest());

        router.post("/api/auth/login").order(EDGE_ORDER).handler(loginThrottle);
        router.routeWithRegex(CONVERSATION_PATHS).order(EDGE_ORDER + 1)
                .handler(authenticator).handler(conversations);
        router.routeWithRegex("^/api/presence(/.*)?$").order(EDGE_ORDER + 2)
                .handler(authenticator).handler(notifications);
        router.routeWithRegex("^/ws(/.*)?$").order(EDGE_ORDER + 3)
                .handler(authenticator).handler(notifications);
        router.route("/telegram/webhook").order(EDGE_ORDER + 4).handler(telegram);
        router.route().order(CONSOLE_ORDER).handler(ConsoleFallback.load(Thread.currentThread().getContextClassLoader()));
        router.route().order(NOT_FOUND_ORDER).handler(ctx -> ProblemResponses.send(ctx, 404, "Nothing is here"));
    }

    void close(@Observes ShutdownEvent event) {
        if (client != null) {
            client.close();
        }
    }

    private UpstreamProxy upstream(String name, URI baseUrl) {
        return new UpstreamProxy(name, baseUrl, client, config.connectTimeout(),
                config.idleTimeout());
    }
}
