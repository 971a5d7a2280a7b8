package io.switchboard.conversation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Synthetic Telegram updates with ids far from the fixtures', so tests never collide. */
public final class TestUpdates {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong(ThreadLocalRandom.current().nextLong(20_000_000_000L, 90_000_000_000L));

    /** The bot the tests' updates are received by, as the {@code telegram-bot-id} header would name it. */
    public static final long BOT_ID = 4_242_424_242L;

    private TestUpdates() {
    }

    /** A fresh id for an update, user or message. */
    public static long nextId() {
        return IDS.addAndGet(ThreadLocalRandom.current().nextInt(1, 1000));
    }

    /** A private-chat text message from user {@code userId} (chat id = user id), as the Bot API sends it. */
    public static String privateText(long updateId, long userId, String firstName, String text) {
        ObjectNode update = MAPPER.createObjectNode();
        update.put("update_id", updateId);
        ObjectNode message = update.putObject("message");
        message.put("message_id", nextId() % 1_000_000);
        ObjectNode from = message.putObject("from");
        from.put("id", userId);
        from.put("is_bot", false);
        from.put("first_name", firstName);
        from.put("username", firstName.toLowerCase() + userId);
        from.put("language_code", "en");
        ObjectNode chat = message.putObject("chat");
        chat.put("id", userId);
        chat.put("first_name", firstName);
        chat.put("type", "private");
        message.put("date", 1_700_000_000);
        message.put("text", text);
        return update.toString();
    }
}
