package io.switchboard.conversation.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.conversation.config.TelegramIngestConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * telegram-ingest-service's internal endpoints, over Vert.x' HTTP client (non-blocking; a file's body is streamed,
 * never held in memory whole). The bot token never passes through here: ingest keeps it.
 */
@ApplicationScoped
public class TelegramIngestClient {

    /**
     * {@code GET /internal/telegram/bot}.
     *
     * @param configured whether ingest has a bot token
     * @param username   the bot's username without '@', or null
     */
    public record BotInfo(boolean configured, String username) {
    }

    /** Ingest could not be reached or answered something unusable. */
    public static class UnreachableException extends RuntimeException {
        public UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final HttpClient client;
    private final URI base;
    private final TelegramIngestConfig config;
    private final ObjectMapper mapper;

    public TelegramIngestClient(Vertx vertx, TelegramIngestConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
        this.base = URI.create(config.url());
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.timeout().toMillis())
                .setIdleTimeout((int) config.fileIdleTimeout().toSeconds()));
    }

    @PreDestroy
    void close() {
        client.closeAndForget();
    }

    /** The bot ingest runs; fails with {@link UnreachableException} when ingest does not answer 200 in time. */
    public Uni<BotInfo> bot() {
        return client.request(options("/internal/telegram/bot").setTimeout(config.timeout().toMillis()))
                .chain(request -> request.send())
                .chain(response -> response.body().map(body -> {
                    if (response.statusCode() != 200) {
                        throw new UnreachableException("telegram-ingest answered " + response.statusCode(), null);
                    }
                    try {
                        JsonNode json = mapper.readTree(body.getBytes());
                        String username = json.path("username").isTextual() ? json.get("username").textValue() : null;
                        return new BotInfo(json.path("configured").asBoolean(false), username);
                    } catch (java.io.IOException e) {
                        throw new UnreachableException("telegram-ingest answered no JSON", e);
                    }
                }))
                .onFailure(f -> !(f instanceof UnreachableException))
                .transform(f -> new UnreachableException("telegram-ingest unreachable: " + f.getMessage(), f));
    }

    /**
     * Starts {@code GET /internal/telegram/files/{fileId}?mimeType=…}: the response with its status and headers, its
     * body paused until the caller subscribes to it ({@link HttpClientResponse#toMulti()}).
     */
    public Uni<HttpClientResponse> file(String fileId, String mimeType) {
        String path = "/internal/telegram/files/" + URLEncoder.encode(fileId, StandardCharsets.UTF_8)
                + (mimeType == null ? "" : "?mimeType=" + URLEncoder.encode(mimeType, StandardCharsets.UTF_8));
        return client.request(options(path))
                .chain(request -> request.send())
                .invoke(HttpClientResponse::pause)
                .onFailure().transform(f -> new UnreachableException("telegram-ingest unreachable: " + f.getMessage(), f));
    }

    private RequestOptions options(String path) {
        int port = base.getPort() > 0 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
        String prefix = base.getPath() == null || base.getPath().equals("/") ? "" : base.getPath();
        return new RequestOptions().setMethod(HttpMethod.GET).setHost(base.getHost()).setPort(port)
                .setSsl("https".equals(base.getScheme())).setURI(prefix + path);
    }
}
