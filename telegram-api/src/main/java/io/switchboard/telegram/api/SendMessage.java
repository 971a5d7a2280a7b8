package io.switchboard.telegram.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Send {@code text} to a Telegram chat, per Bot API {@code sendMessage}, with no {@code parse_mode}: the text
 * arrives exactly as written (emoji, {@code <}, {@code &}, RTL intact). Text longer than 4096 UTF-16 units is
 * split by the executor into several messages.
 *
 * @param commandId       unique id of this command
 * @param version         schema version, currently 1
 * @param occurredAt      when the operator's message was accepted
 * @param conversationId  conversation the message belongs to
 * @param messageId       id of the stored OUTBOUND message in conversation-service; null for topic mirrors of
 *                        things that are not a stored message
 * @param chatId          target Telegram chat id
 * @param text            message text, 1..n characters
 * @param messageThreadId forum topic to post into ({@code message_thread_id}); null outside forum topics
 * @param silent          {@code disable_notification}: recipients get no sound
 * @param pin             after the FIRST part is sent, pin it ({@code pinChatMessage} with
 *                        {@code disable_notification=true}; that method takes no thread id)
 * @param buttons         one row of inline keyboard buttons, attached to the LAST part; empty for none
 * @param skipParts       how many leading parts of {@code text} (as split by the executor) were already delivered by
 *                        an earlier attempt: only the rest is sent, and the result's ids cover only those new parts;
 *                        0 (the default, also when absent on the wire) sends everything. With {@code skipParts > 0}
 *                        the first part is not sent again, so {@code pin} does nothing
 */
public record SendMessage(UUID commandId, int version, Instant occurredAt,
                          UUID conversationId, UUID messageId, long chatId, String text,
                          Integer messageThreadId, boolean silent, boolean pin, List<InlineButton> buttons,
                          int skipParts)
        implements TelegramCommand {

    public static final String TYPE = "send_message";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public SendMessage {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(text, "text");
        if (version == 0) {
            version = 1;
        }
        if (occurredAt == null) {
            occurredAt = Instant.now();
        }
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
        if (skipParts < 0) {
            throw new IllegalArgumentException("skipParts must not be negative");
        }
    }

    /** Every part of the text is sent (skipParts 0). */
    public SendMessage(UUID commandId, int version, Instant occurredAt, UUID conversationId, UUID messageId,
                       long chatId, String text, Integer messageThreadId, boolean silent, boolean pin,
                       List<InlineButton> buttons) {
        this(commandId, version, occurredAt, conversationId, messageId, chatId, text, messageThreadId, silent, pin,
                buttons, 0);
    }

    /** A plain message to a private chat (no thread, not silent, no pin, no buttons): the version-1 shape. */
    public SendMessage(UUID commandId, int version, Instant occurredAt,
                       UUID conversationId, UUID messageId, long chatId, String text) {
        this(commandId, version, occurredAt, conversationId, messageId, chatId, text, null, false, false, List.of());
    }

    /** Creates a version-1 command with a fresh id, issued now. */
    public static SendMessage of(UUID conversationId, UUID messageId, long chatId, String text) {
        return new SendMessage(UUID.randomUUID(), 1, Instant.now(), conversationId, messageId, chatId, text);
    }

    /** A silent message into forum topic {@code messageThreadId}, with a fresh id, issued now. */
    public static SendMessage toTopic(UUID conversationId, UUID messageId, long chatId, int messageThreadId,
                                      String text, boolean pin, List<InlineButton> buttons) {
        return new SendMessage(UUID.randomUUID(), 1, Instant.now(), conversationId, messageId, chatId, text,
                messageThreadId, true, pin, buttons);
    }

    /**
     * This command again under a fresh id, issued now, sending only the parts after the first {@code delivered}
     * (e.g. {@link MessageDeliveryFailed#telegramMessageIds()}{@code .size()} of a failed attempt, added to this
     * command's own {@code skipParts}).
     */
    public SendMessage resumingAfter(int delivered) {
        return new SendMessage(UUID.randomUUID(), version, Instant.now(), conversationId, messageId, chatId, text,
                messageThreadId, silent, pin, buttons, delivered);
    }
}
