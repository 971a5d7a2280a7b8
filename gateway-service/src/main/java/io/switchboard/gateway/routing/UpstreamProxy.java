package io.switchboard.gateway.routing;

import io.switchboard.gateway.rest.Problem;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Forwards requests to one upstream service with vertx-http-proxy: method, path, query, body and headers unchanged
 * except the hop-by-hop headers the proxy drops and the {@link ForwardingHeaders} it adds. WebSocket upgrades are
 * tunnelled with every handshake header, {@code Sec-WebSocket-Protocol} included.
 *
 * <p>An upstream that refuses the connection or does not accept it within the connect timeout is answered with 502
 * problem+json; an HTTP answer that does not start within the idle timeout with 504 problem+json.
 */
final class UpstreamProxy implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(UpstreamProxy.class);

    /**
     * Routing-context key of a request body that an earlier handler has already read (a {@link Buffer}): it is sent
     * upstream in place of the request's stream, which can no longer be read.
     */
    static final String BUFFERED_BODY = "switchboard.bufferedBody";

    private final String name;
    private final HttpClient client;
    private final SocketAddress server;
    private final String host;
    private final int port;
    private final boolean ssl;
    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final HttpProxy proxy;

    /**
     * @param name           upstream name used in problem details and logs, e.g. {@code conversation-service}
     * @param baseUrl        upstream base URL ({@code http} or {@code https}, host, port; any path is ignored)
     * @param client         the shared upstream HTTP client
     * @param connectTimeout time to wait for the TCP connection
     * @param idleTimeout    time to wait for the first bytes of an HTTP answer (not applied to WebSockets)
     */
    UpstreamProxy(String name, URI baseUrl, HttpClient client, Duration connectTimeout, Duration idleTimeout) {
        this.name = name;
        this.client = client;
        this.ssl = "https".equalsIgnoreCase(baseUrl.getScheme());
        this.port = baseUrl.getPort() > 0 ? baseUrl.getPort() : (ssl ? 443 : 80);
        this.host = baseUrl.getHost();
        this.server = SocketAddress.inetSocketAddress(port, host);
        this.connectTimeout = connectTimeout;
        this.idleTimeout = idleTimeout;
        this.proxy = newProxy(null);
    }

    @Override
    public void handle(RoutingContext ctx) {
        ForwardingHeaders.apply(ctx.request());
        Buffer body = ctx.get(BUFFERED_BODY);
        // a proxy of its own for a request whose body was read already (rare: the nickname change)
        (body == null ? proxy : newProxy(body)).handle(ctx.request());
    }

    /** A reverse proxy to this upstream; {@code body}, when not null, replaces the request's body stream. */
    private HttpProxy newProxy(Buffer body) {
        return HttpProxy.reverseProxy(client)
                .origin(context -> {
                    boolean upgrade = BearerToken.isWebSocketUpgrade(context.request().proxiedRequest());
                    RequestOptions options = new RequestOptions()
                            .setServer(server)
                            .setHost(host)
                            .setPort(port)
                            .setSsl(ssl)
                            .setConnectTimeout(connectTimeout.toMillis());
                    if (!upgrade) {
                        options.setIdleTimeout(idleTimeout.toMillis());
                    }
                    Future<HttpClientRequest> request = context.client().request(options);
                    return upgrade ? request.recover(failure -> refuseUpgrade(context, failure)) : request;
                })
                .addInterceptor(new ProxyInterceptor() {
                    @Override
                    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                        if (body != null) {
                            context.request().setBody(Body.body(body));
                        }
                        return context.sendRequest().recover(failure -> Future.succeededFuture(
                                problemResponse(context.request(), failure)));
                    }
                });
    }

    private ProxyResponse problemResponse(ProxyRequest request, Throwable failure) {
        int status = status(failure);
        HttpServerRequest incoming = request.proxiedRequest();
        LOG.warnf("%s did not answer %s %s: %s", name, incoming.method(), incoming.path(), failure.toString());
        Buffer body = Buffer.buffer(Problem.of(status, detail(status), incoming.path()).toJson());
        return request.release().response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .setBody(Body.body(body));
    }

    /**
     * The proxy answers a failed WebSocket upgrade with an empty 502; answer with a problem instead and leave the
     * proxy's future pending, so that it does not write a second answer.
     */
    private Future<HttpClientRequest> refuseUpgrade(ProxyContext context, Throwable failure) {
        HttpServerRequest incoming = context.request().proxiedRequest();
        LOG.warnf("%s did not accept the WebSocket for %s: %s", name, incoming.path(), failure.toString());
        incoming.resume();
        if (!incoming.response().ended()) {
            incoming.response()
                    .setStatusCode(502)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(Problem.of(502, detail(502), incoming.path()).toJson());
        }
        return Promise.<HttpClientRequest>promise().future();
    }

    private static int status(Throwable failure) {
        if (failure instanceof ConnectException) {
            return 502;
        }
        return failure instanceof TimeoutException ? 504 : 502;
    }

    private String detail(int status) {
        return status == 504 ? name + " did not answer in time" : name + " is unavailable";
    }
}
