package io.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Drives the Telegram Bot API emulator: customers' updates in, the bot's calls out. */
public final class TelegramEmulatorClient {

    private final String baseUrl;
    private final String token;

    public TelegramEmulatorClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** Queues a raw Update for delivery to the bot (webhook or getUpdates), as Telegram would. */
    public void deliver(JsonNode update) {
        Http.Response response = Http.post(baseUrl + "/emulator/updates?token=" + enc(token), update.toString());
        if (response.status() / 100 != 2) {
            throw new IllegalStateException("emulator refused the update: " + response.status() + " " + response.body());
        }
    }

    /** A private-chat text message Update from customer {@code chatId}. */
    public static ObjectNode privateText(long updateId, long chatId, String firstName, String text) {
        ObjectNode update = Http.JSON.createObjectNode();
        update.put("update_id", updateId);
        ObjectNode message = update.putObject("message");
        message.put("message_id", (int) (updateId % 1_000_000));
        ObjectNode from = message.putObject("from");
        from.put("id", chatId).put("is_bot", false).put("first_name", firstName).put("language_code", "en");
        ObjectNode chat = message.putObject("chat");
        chat.put("id", chatId).put("first_name", firstName).put("type", "private");
        message.put("date", System.currentTimeMillis() / 1000);
        message.put("text", text);
        return update;
    }

    /** Bot API calls recorded by the emulator for {@code method} (e.g. "sendMessage") and chat, oldest first. */
    public List<JsonNode> calls(String method, long chatId) {
        Http.Response response = Http.get(baseUrl + "/emulator/calls?method=" + enc(method) + "&chat_id=" + chatId
                + "&token=" + enc(token));
        List<JsonNode> calls = new ArrayList<>();
        response.json().forEach(calls::add);
        return calls;
    }

    /** Every Bot API call recorded for {@code method} (any chat), oldest first, each with its answered {@code status}. */
    public List<JsonNode> calls(String method) {
        Http.Response response = Http.get(baseUrl + "/emulator/calls?method=" + enc(method) + "&token=" + enc(token));
        List<JsonNode> calls = new ArrayList<>();
        response.json().forEach(calls::add);
        return calls;
    }

    /** What the chat holds now (the bot's messages with pinned/edited/deleted flags, thread ids, files). */
    public List<JsonNode> chatMessages(long chatId) {
        return list(Http.get(baseUrl + "/emulator/chats/" + chatId + "/messages?token=" + enc(token)));
    }

    /** Creates a forum supergroup in which the bot is an administrator allowed to manage topics. */
    public void createForumGroup(long chatId, String title) {
        expect2xx(Http.post(baseUrl + "/emulator/groups?token=" + enc(token),
                java.util.Map.of("chatId", chatId, "title", title, "isForum", true)), "create group");
    }

    /** The group's forum topics: {@code [{messageThreadId, name, closed, deleted, iconColor}]}. */
    public List<JsonNode> topics(long chatId) {
        return list(Http.get(baseUrl + "/emulator/groups/" + chatId + "/topics?token=" + enc(token)));
    }

    /** Messages posted in one topic (Bot API Message JSON). */
    public List<JsonNode> topicMessages(long chatId, long threadId) {
        return list(Http.get(baseUrl + "/emulator/groups/" + chatId + "/topics/" + threadId + "/messages?token=" + enc(token)));
    }

    /** An admin deletes the topic in Telegram: later sends into it answer "message thread not found". */
    public void deleteTopic(long chatId, long threadId) {
        expect2xx(Http.post(baseUrl + "/emulator/groups/" + chatId + "/topics/" + threadId + "/delete?token=" + enc(token), "{}"),
                "delete topic");
    }

    /** A group member (an operator) writes {@code text} in a topic. */
    public void writeInTopic(long chatId, long threadId, long fromId, String firstName, String text) {
        expect2xx(Http.post(baseUrl + "/emulator/groups/" + chatId + "/topics/" + threadId + "/messages?token=" + enc(token),
                java.util.Map.of("fromId", fromId, "firstName", firstName, "text", text)), "write in topic");
    }

    /** A user presses an inline button ({@code data}) of the bot's message; returns the callback query's id. */
    public String pressButton(long chatId, long messageId, long fromId, String firstName, String data) {
        Http.Response response = expect2xx(Http.post(baseUrl + "/emulator/callbacks?token=" + enc(token),
                java.util.Map.of("chatId", chatId, "messageId", messageId, "fromId", fromId, "firstName", firstName,
                        "data", data)), "press button");
        return response.json().path("callback_query").path("id").asText(); // the queued Update
    }

    /** The bot's answerCallbackQuery for a pressed button, or null when it has not answered (yet). */
    public JsonNode callbackAnswer(String callbackQueryId) {
        Http.Response response = Http.get(baseUrl + "/emulator/callbacks/" + enc(callbackQueryId) + "/answer?token=" + enc(token));
        return response.status() == 200 ? response.json() : null;
    }

    /** The customer sends a photo (multipart) with a caption; returns the emulator's answer (the update/message). */
    public JsonNode customerPhoto(long chatId, String fileName, byte[] bytes, String caption) {
        return expect2xx(Http.postMultipart(baseUrl + "/emulator/customers/" + chatId + "/photos?token=" + enc(token),
                caption == null ? java.util.Map.of() : java.util.Map.of("caption", caption), "file", fileName,
                "image/jpeg", bytes), "customer photo").json();
    }

    /** The customer edits their message {@code messageId} to {@code text} (an edited_message update). */
    public void customerEdit(long chatId, long messageId, String text) {
        expect2xx(Http.post(baseUrl + "/emulator/customers/" + chatId + "/messages/" + messageId + "/edit?token=" + enc(token),
                java.util.Map.of("text", text)), "customer edit");
    }

    /** The customer blocks the bot (my_chat_member kicked; later sends answer 403). */
    public void block(long chatId) {
        expect2xx(Http.post(baseUrl + "/emulator/chats/" + chatId + "/block?token=" + enc(token), "{}"), "block");
    }

    /** The customer unblocks the bot (my_chat_member member). */
    public void unblock(long chatId) {
        expect2xx(Http.post(baseUrl + "/emulator/chats/" + chatId + "/unblock?token=" + enc(token), "{}"), "unblock");
    }

    /** The next {@code times} calls of {@code method} answer this error (e.g. 429 with retry_after). */
    public void fault(String method, int times, int errorCode, String description, Integer retryAfter) {
        java.util.Map<String, Object> body = new java.util.HashMap<>();
        body.put("method", method);
        body.put("times", times);
        body.put("errorCode", errorCode);
        body.put("description", description);
        if (retryAfter != null) {
            body.put("retryAfter", retryAfter);
        }
        expect2xx(Http.post(baseUrl + "/emulator/faults?token=" + enc(token), body), "fault");
    }

    /** Clears the recorded calls (the benchmark starts from an empty journal). */
    public void clearCalls() {
        Http.delete(baseUrl + "/emulator/calls?token=" + enc(token));
    }

    private static List<JsonNode> list(Http.Response response) {
        if (response.status() != 200) {
            throw new IllegalStateException("emulator answered " + response.status() + ": " + response.body());
        }
        List<JsonNode> items = new ArrayList<>();
        response.json().forEach(items::add);
        return items;
    }

    private static Http.Response expect2xx(Http.Response response, String what) {
        if (response.status() / 100 != 2) {
            throw new IllegalStateException("emulator refused " + what + ": " + response.status() + " " + response.body());
        }
        return response;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
