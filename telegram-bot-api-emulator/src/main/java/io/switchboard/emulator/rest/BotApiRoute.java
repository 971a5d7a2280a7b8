package io.switchboard.emulator.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.switchboard.emulator.domain.BotAnswer;
import io.switchboard.emulator.domain.BotApiError;
import io.switchboard.emulator.domain.BotMethod;
import io.switchboard.emulator.domain.BotParams;
import io.switchboard.emulator.domain.BotState;
import io.switchboard.emulator.service.BotApi;
import io.switchboard.emulator.service.BotRegistry;
import io.switchboard.emulator.service.CallJournal;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The Bot API surface: {@code GET|POST /bot{token}/{method}}, method names in any letter case, parameters from the
 * query string and from a JSON, urlencoded or multipart body. Every answer is Telegram's envelope
 * ({@code {"ok":true,"result":...}} or {@code {"ok":false,"error_code":N,"description":...,"parameters":{...}}})
 * with HTTP status N, and every call is recorded in the {@link CallJournal}.
 * <p>
 * A plain Vert.x route rather than a JAX-RS resource: the Bot API is one generic endpoint with loosely typed
 * parameters, and getUpdates long polls must hold the request without a thread.
 */
@ApplicationScoped
public class BotApiRoute {

    private static final Logger LOG = Logger.getLogger(BotApiRoute.class);
    private static final long MAX_BODY_BYTES = 50L * 1024 * 1024;

    private final BotRegistry bots;
    private final BotApi api;
    private final CallJournal journal;
    /** Writes emoji as 4-byte UTF-8 rather than escaped surrogate pairs, like any UTF-8 JSON. */
    private final ObjectWriter writer;
    private final ObjectMapper mapper;

    BotApiRoute(BotRegistry bots, BotApi api, CallJournal journal, ObjectMapper mapper) {
        this.bots = bots;
        this.api = api;
        this.journal = journal;
        this.mapper = mapper;
        this.writer = mapper.writer().with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
    }

    void register(@Observes Router router) {
        router.routeWithRegex("^/bot([^/]+)/([^/]*)/?$")
                .order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String token = decode(ctx.pathParam("param0"));
        String methodName = ctx.pathParam("param1");
        String method = BotMethod.canonicalize(methodName);
        Context context = Vertx.currentContext();
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        long botId = 0;
        Uni<BotAnswer> answer;
        try {
            readParams(ctx, params);
            botId = BotRegistry.botIdOf(token);
            BotState bot = bots.bot(token);
            BotMethod botMethod = BotMethod.byName(methodName).orElseThrow(BotApiError::notFound);
            answer = api.invoke(bot, botMethod, new BotParams(params));
        } catch (BotApiError e) {
            answer = Uni.createFrom().failure(e);
        } catch (RuntimeException e) {
            answer = Uni.createFrom().failure(internal(e));
        }
        long recordedBotId = botId;
        Cancellable subscription = answer.subscribe().with(
                ok -> context.runOnContext(v -> respond(ctx, token, recordedBotId, method, params, 200, success(ok))),
                failure -> {
                    BotApiError error = failure instanceof BotApiError e ? e : internal(failure);
                    context.runOnContext(v -> respond(ctx, token, recordedBotId, method, params, error.errorCode(),
                            failure(error)));
                });
        ctx.response().closeHandler(v -> subscription.cancel());
    }

    private static String decode(String pathSegment) {
        try {
            return URLDecoder.decode(pathSegment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return pathSegment;
        }
    }

    private void readParams(RoutingContext ctx, ObjectNode params) {
        ctx.queryParams().forEach((Map.Entry<String, String> entry) -> params.put(entry.getKey(), entry.getValue()));
        String contentType = ctx.request().getHeader("Content-Type");
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (mediaType.equals("application/x-www-form-urlencoded") || mediaType.equals("multipart/form-data")) {
            ctx.request().formAttributes().forEach((Map.Entry<String, String> entry) -> params.put(entry.getKey(), entry.getValue()));
            ctx.fileUploads().forEach(file -> params.put(file.name(), "<file " + file.fileName() + ", " + file.size() + " bytes>"));
            return;
        }
        if (ctx.body() == null || ctx.body().length() == 0) {
            return;
        }
        String body = ctx.body().asString(StandardCharsets.UTF_8.name());
        if (body == null || body.isBlank()) {
            return;
        }
        try {
            JsonNode json = mapper.readTree(body);
            if (!json.isObject()) {
                throw BotApiError.badRequest("can't parse JSON object");
            }
            params.setAll((ObjectNode) json);
        } catch (JsonProcessingException e) {
            throw BotApiError.badRequest("can't parse JSON object");
        }
    }

    private ObjectNode success(BotAnswer answer) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode().put("ok", true);
        envelope.set("result", answer.result());
        if (answer.description() != null) {
            envelope.put("description", answer.description());
        }
        return envelope;
    }

    private ObjectNode failure(BotApiError error) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode()
                .put("ok", false)
                .put("error_code", error.errorCode())
                .put("description", error.description());
        if (error.retryAfter() != null) {
            envelope.putObject("parameters").put("retry_after", error.retryAfter());
        }
        return envelope;
    }

    private void respond(RoutingContext ctx, String token, long botId, String method, ObjectNode params, int status,
            ObjectNode envelope) {
        journal.record(token, botId, method, params, status, envelope, Instant.now());
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        try {
            ctx.response().setStatusCode(status)
                    .putHeader("Content-Type", "application/json")
                    .end(io.vertx.core.buffer.Buffer.buffer(writer.writeValueAsBytes(envelope)));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }

    private static BotApiError internal(Throwable failure) {
        LOG.error("Bot API call failed unexpectedly", failure);
        return BotApiError.internal();
    }
}
