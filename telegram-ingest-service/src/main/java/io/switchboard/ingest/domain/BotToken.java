package io.switchboard.ingest.domain;

import java.util.regex.Pattern;

/**
 * A bot token as BotFather issues it: {@code <bot id>:<secret>}. It travels in Bot API URLs, so it is never logged
 * and never returned; {@link #toString()} gives the {@link #hint()} only.
 *
 * @param value the token
 */
public record BotToken(String value) {

    /** Digits, a colon, then URL-safe characters only (anything else could change the request path). */
    private static final Pattern SHAPE = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{1,200}");

    public BotToken {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("A bot token looks like 123456789:AAE…, as BotFather gives it");
        }
    }

    /** Whether {@code value} has the shape of a token. */
    public static boolean isWellFormed(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }

    /** The bot's id: the digits before the colon. */
    public long botId() {
        return Long.parseLong(value.substring(0, value.indexOf(':')));
    }

    /** What may be shown of the token: the bot id and the last 4 characters, e.g. {@code 123456789:…XYZ9}. */
    public String hint() {
        String secret = value.substring(value.indexOf(':') + 1);
        String tail = secret.length() <= 4 ? "" : secret.substring(secret.length() - 4);
        return value.substring(0, value.indexOf(':')) + ":…" + tail;
    }

    @Override
    public String toString() {
        return hint();
    }
}
