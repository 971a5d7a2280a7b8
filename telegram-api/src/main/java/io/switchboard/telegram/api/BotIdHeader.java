package io.switchboard.telegram.api;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * The value of the {@value Topics#BOT_ID_HEADER} header of {@link Topics#UPDATES} records: the receiving bot's
 * numeric id (positive) as a decimal UTF-8 string without sign or padding, e.g. {@code "4242424242"}.
 */
public final class BotIdHeader {

    private BotIdHeader() {
    }

    /**
     * The header value for a bot.
     *
     * @param botId the bot's id, as getMe returns it (positive)
     * @throws IllegalArgumentException when {@code botId} is not positive
     */
    public static byte[] encode(long botId) {
        if (botId <= 0) {
            throw new IllegalArgumentException("A bot id is positive, got " + botId);
        }
        return Long.toString(botId).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a header value.
     *
     * @param value the header's bytes, may be null (no header, or a header without value)
     * @return the bot id; empty when the value is null or not a positive decimal number that fits a {@code long}
     */
    public static OptionalLong decode(byte[] value) {
        if (value == null || value.length == 0 || value.length > 19) {
            return OptionalLong.empty();
        }
        String text = new String(value, StandardCharsets.UTF_8);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return OptionalLong.empty();
            }
        }
        try {
            long botId = Long.parseLong(text);
            return botId > 0 ? OptionalLong.of(botId) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
