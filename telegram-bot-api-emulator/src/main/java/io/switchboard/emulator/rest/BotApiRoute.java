package io.switchboard.emulator.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
import io.switchboard.emulator.domain.Fault;
import io.switchboard.emulator.domain.UploadedFile;
import io.switchboard.emulator.service.BotApi;
import io.switchboard.emulator.service.BotRegistry;
import io.switchboard.emulator.service.CallJournal;
import io.switchboard.emulator.service.FaultInjector;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The Bot API surface: {@code GET|POST /bot{token}/{method}}, method names in any letter case, parameters from the
 * query string and from a JSON, urlencoded or multipart body. Every answer is Telegram's envelope
 * ({@code {"ok":true,"result":...}} or {@code {"ok":false,"error_code":N,"description":...,"parameters":{...}}})
 * with HTTP status N, and every call is recorded in the {@link CallJournal}. Multipart file parts (sendPhoto's
 * {@code photo}, sendDocument's {@code document}) are spooled to a temporary directory, read without blocking and
 * handed to the method as {@link UploadedFile}s. Before a call runs, an injected {@link Fault} of its method may
 * answer an error instead, or hold the answer for {@code delayMs}.
 * <p>
 * A plain Vert.x route rather than a JAX-RS resource: the Bot API is one generic endpoint with loosely typed
 * parameters, and getUpdates long polls must hold the request without a thread.
 */
@ApplicationScoped
public class BotApiRoute {

    private static final Logger LOG = Logger.getLogger(BotApiRoute.class);
    /** Bots upload files up to 50 MB (Bot FAQ); a little more for the other parts of the form. */
    private static final long MAX_BODY_BYTES = 52L * 1024 * 1024;
    /** Where Vert.x spools multipart file parts until the call has read them. */
    private static final String UPLOADS_DIRECTORY = System.getProperty("java.io.tmpdir") + "/switchboard-emulator-uploads";

    private final BotRegistry bots;
    private final BotApi api;
    private final CallJournal journal;
    private final FaultInjector faults;
    /** Writes emoji as 4-byte UTF-8 rather than escaped surrogate pairs, like any UTF-8 JSON. */
    private final ObjectWriter writer;
    private final ObjectMapper mapper;

    BotApiRoute(BotRegistry bots, BotApi api, CallJournal journal, FaultInjector faults, ObjectMapper mapper) {
        this.bots = bots;
        this.faults = faults;
        this.api = api;
        this.journal = journal;
        this.mapper = mapper;
        this.writer = mapper.writer().with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
    }

    void register(@Observes Router router) {
        router.routeWithRegex("^/bot([^/]+)/([^/]*)/?$")
                .order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(BodyHandler.create(true)
                        .setUploadsDirectory(UPLOADS_DIRECTORY)
                        .setDeleteUploadedFilesOnEnd(true)
                        .setBodyLimit(MAX_BODY_BYTES))
                .handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        List<FileUpload> uploads = List.copyOf(ctx.fileUploads());
        if (uploads.isEmpty()) {
            dispatch(ctx, Map.of());
            return;
        }
        List<Future<Buffer>> reads = uploads.stream()
                .map(upload -> ctx.vertx().fileSystem().readFile(upload.uploadedFileName()))
                .toList();
        Future.all(reads).onComplete(read -> {
            if (read.failed()) {
                LOG.error("Could not read an uploaded file", read.cause());
                dispatch(ctx, null);
                return;
            }
            Map<String, UploadedFile> files = new LinkedHashMap<>();
            for (int i = 0; i < uploads.size(); i++) {
                FileUpload upload = uploads.get(i);
                files.put(upload.name(), new UploadedFile(upload.fileName(), upload.contentType(),
                        reads.get(i).result().getBytes()));
            }
            dispatch(ctx, files);
        });
    }

    /** Runs the call with the file parts read ({@code files} null when reading them failed). */
    private void dispatch(RoutingContext ctx, Map<String, UploadedFile> files) {
        String token = decode(ctx.pathParam("param0"));
        String methodName = ctx.pathParam("param1");
        String method = BotMethod.canonicalize(methodName);
        Context context = Vertx.currentContext();
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        long botId = 0;
        long delayMs = 0;
        Uni<BotAnswer> answer;
        try {
            if (files == null) {
                throw internal(new IllegalStateException("uploaded file unreadable"));
            }
            readParams(ctx, params, files);
            botId = BotRegistry.botIdOf(token);
            BotState bot = bots.bot(token);
            BotMethod botMethod = BotMethod.byName(methodName).orElseThrow(BotApiError::notFound);
            Optional<Fault> fault = faults.take(token, botMethod.canonicalName());
            delayMs = fault.map(Fault::delayMs).orElse(0L);
            BotApiError injected = fault.map(Fault::error).orElse(null);
            answer = injected != null ? Uni.createFrom().failure(injected)
                    : api.invoke(bot, botMethod, new BotParams(params, files));
        } catch (BotApiError e) {
            answer = Uni.createFrom().failure(e);
        } catch (RuntimeException e) {
            answer = Uni.createFrom().failure(internal(e));
        }
        long recordedBotId = botId;
        long delay = Math.max(0, delayMs);
        Cancellable subscription = answer.subscribe().with(
                ok -> context.runOnContext(v -> later(ctx, delay,
                        () -> respond(ctx, token, recordedBotId, method, params, 200, success(ok)))),
                failure -> {
                    BotApiError error = failure instanceof BotApiError e ? e : internal(failure);
                    context.runOnContext(v -> later(ctx, delay, () -> respond(ctx, token, recordedBotId, method,
                            params, error.errorCode(), failure(error))));
                });
        ctx.response().closeHandler(v -> subscription.cancel());
    }

    /** Runs {@code action} now, or after {@code delayMs} (an injected fault holding the answer). */
    private static void later(RoutingContext ctx, long delayMs, Runnable action) {
        if (delayMs <= 0) {
            action.run();
        } else {
            ctx.vertx().setTimer(delayMs, id -> action.run());
        }
    }

    private static String decode(String pathSegment) {
        try {
            return URLDecoder.decode(pathSegment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return pathSegment;
        }
    }

    private void readParams(RoutingContext ctx, ObjectNode params, Map<String, UploadedFile> files) {
        ctx.queryParams().forEach((Map.Entry<String, String> entry) -> params.put(entry.getKey(), entry.getValue()));
        String contentType = ctx.request().getHeader("Content-Type");
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (mediaType.equals("application/x-www-form-urlencoded") || mediaType.equals("multipart/form-data")) {
            ctx.request().formAttributes().forEach((Map.Entry<String, String> entry) -> params.put(entry.getKey(), entry.getValue()));
            files.forEach((name, file) -> params.putObject(name)
                    .put("file_name", file.fileName())
                    .put("file_size", file.bytes().length)
                    .put("mime_type", file.contentType()));
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
                    .end(Buffer.buffer(writer.writeValueAsBytes(envelope)));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }

    private static BotApiError internal(Throwable failure) {
        LOG.error("Bot API call failed unexpectedly", failure);
        return BotApiError.internal();
    }
}
