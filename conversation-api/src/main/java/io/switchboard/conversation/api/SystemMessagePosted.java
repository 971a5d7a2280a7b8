package io.switchboard.conversation.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * conversation-service posted a system message from an editable template (a welcome, a reminder to operators, the
 * closing message...).
 *
 * @param key          template key, e.g. {@code welcome_message}, {@code unclaimed_reminder_5m}
 * @param audience     {@code customer} (the customer may see it: Telegram chat, widget banner) or {@code operators}
 *                     (never shown or sent to the customer)
 * @param message      the bubble stored in the transcript ({@code OUTBOUND}, {@code systemKey} = key, status
 *                     {@code PENDING} when sent to Telegram, else {@code RECORDED}); null when the template keeps no
 *                     bubble
 * @param text         the text as rendered (locale chosen, placeholders filled)
 * @param widgetBanner show it as a banner in the web widget (customer audience only)
 * @param telegram     customer audience: sent to the customer's Telegram chat; operators audience: meant for the
 *                     support group's topic (not sent anywhere yet)
 * @param pin          mark for pinning where the channel supports it
 */
public record SystemMessagePosted(UUID eventId, int version, Instant occurredAt, UUID conversationId, String key,
                                  String audience, MessageSnapshot message, String text, boolean widgetBanner,
                                  boolean telegram, boolean pin) implements ConversationEvent {

    public static final String TYPE = "system_message.posted";

    /** {@link #audience()} of a message the customer may see. */
    public static final String AUDIENCE_CUSTOMER = "customer";
    /** {@link #audience()} of a message for operators only. */
    public static final String AUDIENCE_OPERATORS = "operators";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public SystemMessagePosted {
        if (version == 0) {
            version = 1;
        }
    }
}
