package io.switchboard.ingest.client;

import io.switchboard.ingest.config.TelegramConfig;
import io.switchboard.ingest.domain.BotToken;
import io.switchboard.ingest.domain.InboundUpdate;
import jakarta.enterprise.context.ApplicationScoped;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Bot API calls of long polling, made with plain OkHttp so that updates keep Telegram's exact bytes:
 * {@code getUpdates(offset, limit, timeout)} and {@code deleteWebhook}. Blocking: call from a worker thread.
 */
@ApplicationScoped
public class BotApiUpdates {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient http;
    private final BotApiEndpoint endpoint;
    private final AtomicReference<Call> current = new AtomicReference<>();

    BotApiUpdates(OkHttpClient http, BotApiEndpoint endpoint, TelegramConfig config) {
        Duration poll = config.polling().timeout();
        // Telegram holds a getUpdates request open for up to `timeout`: read for that long plus a margin.
        this.http = http.newBuilder()
                .readTimeout(poll.plus(config.httpTimeout()))
                .callTimeout(poll.plus(config.httpTimeout()).plus(config.httpTimeout()))
                .build();
        this.endpoint = endpoint;
    }

    /**
     * One long poll.
     *
     * @param token   the bot's token
     * @param offset  first update wanted: the last update_id received plus 1 (0 for the earliest unconfirmed)
     * @param limit   at most this many updates, 1–100
     * @param timeout how long Telegram may hold the request when it has nothing
     * @return the updates, oldest first, each with its exact JSON
     * @throws BotApiException for an error answer (409 when another poller or a webhook is active)
     * @throws IOException     when Telegram cannot be reached or the call was cancelled by {@link #cancel()}
     */
    public List<InboundUpdate> getUpdates(BotToken token, long offset, int limit, Duration timeout)
            throws IOException, BotApiException {
        String json = "{\"offset\":" + offset + ",\"limit\":" + limit + ",\"timeout\":" + timeout.toSeconds() + "}";
        Answer answer = call(token, "getUpdates", json);
        return BotApiAnswer.parse(answer.status(), answer.body());
    }

    /**
     * Removes the webhook so that getUpdates may be used; pending updates are kept.
     *
     * @throws BotApiException for an error answer
     * @throws IOException     when Telegram cannot be reached
     */
    public void deleteWebhook(BotToken token) throws IOException, BotApiException {
        Answer answer = call(token, "deleteWebhook", "{\"drop_pending_updates\":false}");
        BotApiAnswer.requireOk(answer.status(), answer.body());
    }

    /** Aborts the call in progress, if any (used on shutdown). */
    public void cancel() {
        Call call = current.get();
        if (call != null) {
            call.cancel();
        }
    }

    private Answer call(BotToken token, String method, String json) throws IOException {
        Request request = new Request.Builder()
                .url(endpoint.methodUrl(token.value(), method))
                .post(RequestBody.create(json, JSON))
                .build();
        Call call = http.newCall(request);
        current.set(call);
        try (Response response = call.execute()) {
            ResponseBody body = response.body();
            return new Answer(response.code(), body == null ? "" : body.string());
        } finally {
            current.compareAndSet(call, null);
        }
    }

    private record Answer(int status, String body) {
    }
}
