package io.switchboard.gateway.routing;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.switchboard.gateway.config.RoutingConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;

/**
 * The gateway's routing table, mounted on Quarkus's Vert.x router at start-up.
 *
 * <pre>
 * any request                                  body limit by Content-Length ({@link BodyLimits}): 60 MB for
 *                                                POST /api/conversations/:id/messages, 10 MB elsewhere; else 413
 * POST /api/auth/login                         login rate limit, then the gateway's own endpoint
 * /api/widget/**                               CORS for the allowed sites (preflights answered here), then:
 *   GET   /api/widget/conversations/:id,
 *   GET   /api/widget/conversations/:id/messages customer token of conversation :id, read rate limit per address
 *                                                → conversation-service
 *   PATCH /api/widget/conversations/:id          customer token of :id, nickname rule, nickname rate limit
 *                                                → conversation-service
 *   POST  /api/widget/conversations/:id/telegram-link
 *                                                customer token of :id → conversation-service (deep link)
 *   POST  /api/widget/conversations, /api/widget/token,
 *   POST  /api/widget/conversations/:id/messages the gateway's own endpoints (WidgetResource)
 * /api/conversations/**, /api/customers/**,
 * /api/search/**, /api/canned-responses/**,
 * /api/tags/**, /api/admin/system-messages/**,
 * /api/admin/timers/**, /api/admin/audit/**,
 * /api/media/**, /api/telegram/**,
 * /api/admin/telegram/support-group            operator token check → conversation-service (bodies streamed, so a
 *                                                multipart POST /api/conversations/:id/messages of up to 60 MB passes)
 * /api/admin/telegram/bot,
 * /api/admin/telegram/webhook-info,
 * /api/admin/telegram/webhook/**               operator token check → telegram-ingest-service (which requires admin)
 * /api/presence/**                             operator token check → notification-service
 * /ws/widget (WebSocket upgrade)               allowed Origin, customer token check → notification-service
 * /ws/** (WebSocket upgrades)                  operator token check (header or subprotocol) → notification-service
 * /telegram/webhook                            → telegram-ingest-service (no token: it checks the secret header)
 * /widget.js, /widget/*                        the widget's files (WidgetAssets), 404 problem when missing
 * /api/auth/**, /api/operators,
 * /api/admin/operators/**                      the gateway's own JAX-RS endpoints (admin ones check the role)
 * anything else                                static console files, then {@link ConsoleFallback}
 * </pre>
 * A prefix matches whole path segments only ({@code /api/tags} and {@code /api/tags/7}, never {@code /api/tagsXYZ}).
 * The edge checks that the token is valid and of the right kind (operator or customer, see
 * {@link EdgeAuthenticator}); roles are checked again by the service that owns the endpoint. Whatever nobody
 * answers ends as 404 problem+json.
 */
@ApplicationScoped
public class GatewayRoutes {

    /** Paths owned by conversation-service (whole segments after {@code /api/}). */
    static final String CONVERSATION_PATHS = "^/api/(conversations|customers|search|canned-responses|tags"
            + "|admin/system-messages|admin/timers|admin/audit|media|telegram|admin/telegram/support-group)(/.*)?$";
    /** Bot settings and webhook management, owned by telegram-ingest-service (which checks the admin role). */
    static final String TELEGRAM_ADMIN_PATHS = "^/api/admin/telegram/(bot|webhook-info|webhook(/.*)?)$";
    /** The widget's proxied conversation path. */
    static final String WIDGET_CONVERSATION = "/api/widget/conversations/:id";

    /** Order of the routes in front of the JAX-RS endpoints and static files. */
    static final int EDGE_ORDER = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT;
    /** Order of the console's deep-link fallback: after the static files, before the JAX-RS endpoints. */
    static final int CONSOLE_ORDER = RouteConstants.ROUTE_ORDER_DEFAULT + 5_000;
    /** Order of the last route, after everything else. */
    static final int NOT_FOUND_ORDER = RouteConstants.ROUTE_ORDER_AFTER_DEFAULT + 10_000;

    private final RoutingConfig config;
    private final EdgeAuthenticator authenticator;
    private final LoginThrottle loginThrottle;
    private final WidgetCors widgetCors;
    private final WidgetOrigins widgetOrigins;
    private final NicknameThrottle nicknameThrottle;
    private final WidgetReadThrottle readThrottle;
    private final Vertx vertx;
    private HttpClient client;

    public GatewayRoutes(RoutingConfig config, EdgeAuthenticator authenticator, LoginThrottle loginThrottle,
                         WidgetCors widgetCors, WidgetOrigins widgetOrigins, NicknameThrottle nicknameThrottle,
                         WidgetReadThrottle readThrottle, Vertx vertx) {
        this.config = config;
        this.authenticator = authenticator;
        this.loginThrottle = loginThrottle;
        this.widgetCors = widgetCors;
        this.widgetOrigins = widgetOrigins;
        this.nicknameThrottle = nicknameThrottle;
        this.readThrottle = readThrottle;
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
        ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        int order = EDGE_ORDER;

        router.route().order(order++).handler(new BodyLimits());
        router.post("/api/auth/login").order(order++).handler(loginThrottle);

        router.routeWithRegex("^/api/widget(/.*)?$").order(order++).handler(widgetCors);
        router.get(WIDGET_CONVERSATION).order(order++)
                .handler(authenticator.customerOfPathConversation()).handler(readThrottle).handler(conversations);
        router.get(WIDGET_CONVERSATION + "/messages").order(order++)
                .handler(authenticator.customerOfPathConversation()).handler(readThrottle).handler(conversations);
        router.patch(WIDGET_CONVERSATION).order(order++)
                .handler(authenticator.customerOfPathConversation()).handler(nicknameThrottle).handler(conversations);
        router.post(WIDGET_CONVERSATION + "/telegram-link").order(order++)
                .handler(authenticator.customerOfPathConversation()).handler(conversations);

        router.routeWithRegex(TELEGRAM_ADMIN_PATHS).order(order++)
                .handler(authenticator.operators()).handler(telegram);
        router.routeWithRegex(CONVERSATION_PATHS).order(order++)
                .handler(authenticator.operators()).handler(conversations);
        router.routeWithRegex("^/api/presence(/.*)?$").order(order++)
                .handler(authenticator.operators()).handler(notifications);
        router.routeWithRegex("^/ws/widget/?$").order(order++)
                .handler(this::checkWidgetSocketOrigin).handler(authenticator.customers()).handler(notifications);
        router.routeWithRegex("^/ws(/.*)?$").order(order++)
                .handler(authenticator.operators()).handler(notifications);
        router.route("/telegram/webhook").order(order++).handler(telegram);
        router.routeWithRegex("^/widget(\\.js|/.*)$").order(order)
                .handler(new WidgetAssets(vertx, classLoader));

        router.route().order(CONSOLE_ORDER).handler(ConsoleFallback.load(classLoader));
        router.route().order(NOT_FOUND_ORDER).handler(ctx -> ProblemResponses.send(ctx, 404, "Nothing is here"));
    }

    /**
     * A browser opening {@code /ws/widget} sends the page's {@code Origin}: only pages of the allowed sites (or of
     * the gateway's own host) may, else 403 before anything is forwarded. Clients that send no {@code Origin} (not a
     * browser page) are not restricted by it.
     */
    private void checkWidgetSocketOrigin(RoutingContext ctx) {
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !widgetOrigins.allows(ctx.request(), origin)) {
            ProblemResponses.send(ctx, 403, "This site may not open the widget socket");
            return;
        }
        ctx.next();
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
