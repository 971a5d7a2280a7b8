package io.switchboard.emulator.rest;

import java.net.URLConnection;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.switchboard.emulator.domain.BotApiError;
import io.switchboard.emulator.domain.BotState;
import io.switchboard.emulator.domain.StoredFile;
import io.switchboard.emulator.service.BotFiles;
import io.switchboard.emulator.service.BotRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Telegram's file server: {@code GET /file/bot<token>/<file_path>} with the path getFile answered serves the bytes
 * ({@code Content-Type} the file's MIME type or {@code application/octet-stream}, {@code Content-Length}); an unknown
 * token, path or a file above 20 MB answers 404 {@code {"ok":false,"error_code":404,"description":"Not Found"}}.
 */
@ApplicationScoped
public class FileDownloadRoute {

    private static final String NOT_FOUND = "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}";

    private final BotRegistry bots;
    private final BotFiles files;

    FileDownloadRoute(BotRegistry bots, BotFiles files) {
        this.bots = bots;
        this.files = files;
    }

    void register(@Observes Router router) {
        router.getWithRegex("^/file/bot([^/]+)/(.+)$")
                .order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String token = URLDecoder.decode(ctx.pathParam("param0"), StandardCharsets.UTF_8);
        String path = URLDecoder.decode(ctx.pathParam("param1"), StandardCharsets.UTF_8);
        StoredFile file = null;
        try {
            BotRegistry.botIdOf(token);
            BotState bot = bots.existing(token).orElse(null);
            file = bot == null ? null : files.download(bot, path);
        } catch (BotApiError e) {
            file = null;
        }
        if (file == null) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "application/json").end(NOT_FOUND);
            return;
        }
        String guessed = URLConnection.guessContentTypeFromName(file.filePath());
        String type = file.mimeType() != null ? file.mimeType() : guessed != null ? guessed : "application/octet-stream";
        ctx.response().setStatusCode(200)
                .putHeader("Content-Type", type)
                .putHeader("Content-Length", String.valueOf(file.size()))
                .end(Buffer.buffer(file.bytes()));
    }
}
