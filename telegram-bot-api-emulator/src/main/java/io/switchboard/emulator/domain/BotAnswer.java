package io.switchboard.emulator.domain;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A successful Bot API answer: {@code {"ok":true,"result":<result>}}, plus {@code "description"} when set
 * (setWebhook answers {@code "Webhook was set"}).
 *
 * @param result      the {@code result} value
 * @param description the optional {@code description}, or null
 */
public record BotAnswer(JsonNode result, String description) {

    /** An answer without description. */
    public static BotAnswer of(JsonNode result) {
        return new BotAnswer(result, null);
    }
}
