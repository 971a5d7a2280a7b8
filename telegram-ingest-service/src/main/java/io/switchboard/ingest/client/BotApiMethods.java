package io.switchboard.ingest.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ingest.domain.BotIdentity;
import io.switchboard.ingest.domain.BotToken;
import io.switchboard.ingest.domain.WebhookStatus;
import jakarta.enterprise.context.ApplicationScoped;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bot-management calls of the Bot API, with plain OkHttp and the token given per call (so they work for a token
 * that is being validated as well as for the one in use): getMe, setWebhook, deleteWebhook, getWebhookInfo, getFile
 * and the file download {@code /file/bot<token>/<file_path>}. Blocking: call from worker threads. Exceptions never
 * carry the request URL (it holds the token).
 */
@ApplicationScoped
public class BotApiMethods {

    /** Update types the webhook asks for, explicitly (message_reaction is only sent when listed). */
    public static final List<String> ALLOWED_UPDATES =
            List.of("message", "edited_message", "callback_query", "my_chat_member", "message_reaction");

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OkHttpClient http;
    private final BotApiEndpoint endpoint;

    BotApiMethods(OkHttpClient http, BotApiEndpoint endpoint) {
        this.http = http;
        this.endpoint = endpoint;
    }

    /**
     * Per Bot API getMe.
     *
     * @throws BotApiException 401 (Unauthorized) or 404 (Not Found) when Telegram refuses the token
     * @throws IOException     when Telegram cannot be reached
     */
    public BotIdentity getMe(BotToken token) throws IOException, BotApiException {
        JsonNode me = call(token, "getMe", MAPPER.createObjectNode());
        return new BotIdentity(me.path("id").asLong(), text(me, "username"), text(me, "first_name"));
    }

    /**
     * Per Bot API setWebhook with an explicit {@link #ALLOWED_UPDATES} and {@code secret_token}.
     *
     * @throws BotApiException when Telegram refuses (e.g. 400 bad webhook URL)
     * @throws IOException     when Telegram cannot be reached
     */
    public void setWebhook(BotToken token, String url, String secretToken) throws IOException, BotApiException {
        ObjectNode params = MAPPER.createObjectNode().put("url", url).put("secret_token", secretToken);
        params.putArray("allowed_updates").addAll(ALLOWED_UPDATES.stream().map(MAPPER.getNodeFactory()::textNode).toList());
        call(token, "setWebhook", params);
    }

    /** Per Bot API deleteWebhook, keeping pending updates. */
    public void deleteWebhook(BotToken token) throws IOException, BotApiException {
        call(token, "deleteWebhook", MAPPER.createObjectNode().put("drop_pending_updates", false));
    }

    /** Per Bot API getWebhookInfo. */
    public WebhookStatus getWebhookInfo(BotToken token) throws IOException, BotApiException {
        JsonNode info = call(token, "getWebhookInfo", MAPPER.createObjectNode());
        List<String> allowed = null;
        if (info.path("allowed_updates").isArray()) {
            allowed = new ArrayList<>();
            for (JsonNode type : info.path("allowed_updates")) {
                allowed.add(type.asText());
            }
        }
        return new WebhookStatus(info.path("url").asText(""), info.path("has_custom_certificate").asBoolean(false),
                info.path("pending_update_count").asInt(0), date(info, "last_error_date"),
                text(info, "last_error_message"), date(info, "last_synchronization_error_date"),
                info.hasNonNull("max_connections") ? info.path("max_connections").asInt() : null, allowed,
                text(info, "ip_address"));
    }

    /** A file as getFile describes it: its download path (valid for at least an hour) and size, when known. */
    public record TelegramFile(String fileId, String filePath, Long fileSize) {
    }

    /**
     * Per Bot API getFile.
     *
     * @throws BotApiException 400 when the file id is wrong, the file is gone or too big (over 20 MB)
     */
    public TelegramFile getFile(BotToken token, String fileId) throws IOException, BotApiException {
        JsonNode file = call(token, "getFile", MAPPER.createObjectNode().put("file_id", fileId));
        return new TelegramFile(text(file, "file_id"), text(file, "file_path"),
                file.hasNonNull("file_size") ? file.path("file_size").asLong() : null);
    }

    /**
     * Starts downloading {@code /file/bot<token>/<filePath>}; the caller streams and closes the body.
     *
     * @return the open response (any status; 200 carries the bytes)
     */
    public Response download(BotToken token, String filePath) throws IOException {
        Request request = new Request.Builder()
                .url(endpoint.fileUrl(token.value(), filePath))
                .get()
                .build();
        return http.newCall(request).execute();
    }

    private JsonNode call(BotToken token, String method, ObjectNode params) throws IOException, BotApiException {
        Request request = new Request.Builder()
                .url(endpoint.methodUrl(token.value(), method))
                .post(RequestBody.create(MAPPER.writeValueAsBytes(params), JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            JsonNode answer;
            try {
                answer = MAPPER.readTree(text);
            } catch (IOException e) {
                answer = null;
            }
            if (answer == null || !answer.isObject() || !answer.has("ok")) {
                throw new BotApiException(response.code(), "HTTP " + response.code() + " without a Bot API answer",
                        null);
            }
            if (!answer.path("ok").asBoolean(false)) {
                JsonNode retryAfter = answer.path("parameters").path("retry_after");
                throw new BotApiException(answer.path("error_code").asInt(response.code()),
                        answer.path("description").asText("no description"),
                        retryAfter.canConvertToInt() && retryAfter.isIntegralNumber() ? retryAfter.intValue() : null);
            }
            return answer.path("result");
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.path(field).asText() : null;
    }

    private static Instant date(JsonNode node, String field) {
        return node.hasNonNull(field) && node.path(field).asLong() > 0
                ? Instant.ofEpochSecond(node.path(field).asLong()) : null;
    }
}
