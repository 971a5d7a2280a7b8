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

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
