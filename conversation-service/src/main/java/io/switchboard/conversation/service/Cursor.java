package io.switchboard.conversation.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A keyset position (timestamp, id) handed to clients as an opaque URL-safe base64 string.
 *
 * @param at the timestamp column of the last row seen (updated_at or created_at)
 * @param id the id of the last row seen
 */
public record Cursor(Instant at, UUID id) {

    /** The opaque form, e.g. for {@code nextCursor}. */
    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor produced by {@link #encode()}.
     *
     * @return null when {@code value} is null or empty
     * @throws IllegalArgumentException when it is not such a cursor
     */
    public static Cursor decode(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException("malformed cursor");
            }
            return new Cursor(Instant.parse(text.substring(0, bar)), UUID.fromString(text.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed cursor", e);
        }
    }
}
