package io.switchboard.telegram.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One inline keyboard button, per Bot API {@code InlineKeyboardButton} with {@code callback_data}.
 *
 * @param text         label shown on the button
 * @param callbackData data sent back in the {@code callback_query}, 1–64 bytes in UTF-8
 */
public record InlineButton(String text, String callbackData) {

    /** Telegram's limit on {@code callback_data}, in UTF-8 bytes. */
    public static final int MAX_CALLBACK_DATA_BYTES = 64;

    public InlineButton {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(callbackData, "callbackData");
        if (callbackData.getBytes(StandardCharsets.UTF_8).length > MAX_CALLBACK_DATA_BYTES) {
            throw new IllegalArgumentException("callbackData exceeds 64 bytes: " + callbackData);
        }
    }
}
