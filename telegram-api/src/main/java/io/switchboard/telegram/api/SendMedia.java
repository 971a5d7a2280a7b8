package io.switchboard.telegram.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Send an operator's upload as a photo or a document, per Bot API {@code sendPhoto}/{@code sendDocument}
 * (multipart). The executor fetches the bytes from conversation-service
 * {@code GET /internal/uploads/{uploadId}}. A caption over 1024 UTF-16 units is cut: the first 1024 go as the
 * caption, the rest as follow-up text messages; {@link MessageDelivered} lists every message id in order.
 *
 * @param kind            PHOTO or DOCUMENT
 * @param uploadId        id of the stored upload in conversation-service
 * @param fileName        file name shown to the recipient
 * @param mimeType        media type of the bytes, e.g. {@code image/jpeg}
 * @param caption         caption text, no parse_mode; null for none
 * @param messageThreadId forum topic to post into; null outside forum topics
 * @param silent          {@code disable_notification}
 */
public record SendMedia(UUID commandId, int version, Instant occurredAt, UUID conversationId, UUID messageId,
                        long chatId, MediaKind kind, UUID uploadId, String fileName, String mimeType,
                        String caption, Integer messageThreadId, boolean silent) implements TelegramCommand {

    public static final String TYPE = "send_media";

    /** Always {@value #TYPE}: the wire name, written as the {@code type} property. */
    @Override
    @JsonProperty("type")
    public String type() {
        return TYPE;
    }

    public SendMedia {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(uploadId, "uploadId");
        if (kind == null) {
            kind = MediaKind.DOCUMENT;
        }
        if (version == 0) {
            version = 1;
        }
        if (occurredAt == null) {
            occurredAt = Instant.now();
        }
    }

    /** Creates a version-1 command with a fresh id, issued now, for a private chat (no thread, not silent). */
    public static SendMedia of(UUID conversationId, UUID messageId, long chatId, MediaKind kind, UUID uploadId,
                               String fileName, String mimeType, String caption) {
        return new SendMedia(UUID.randomUUID(), 1, Instant.now(), conversationId, messageId, chatId, kind, uploadId,
                fileName, mimeType, caption, null, false);
    }
}
