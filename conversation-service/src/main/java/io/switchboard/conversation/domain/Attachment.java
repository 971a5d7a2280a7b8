package io.switchboard.conversation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A file, location or contact of a message (table {@code attachment}). An inbound Telegram file keeps Telegram's
 * {@code file_id} (the bytes stay on Telegram, fetched through telegram-ingest); an operator's file names its
 * {@link Upload}. Consoles fetch the bytes at {@code GET /api/media/{id}}. Which fields are set depends on
 * {@link #kind}: see {@link io.switchboard.conversation.api.MessageAttachment}.
 */
@Entity
@Table(name = "attachment")
public class Attachment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "message_id", nullable = false)
    public UUID messageId;

    /** {@code PHOTO, DOCUMENT, VOICE, AUDIO, VIDEO, VIDEO_NOTE, STICKER, ANIMATION, LOCATION, CONTACT}. */
    @Column(nullable = false)
    public String kind;

    /** Telegram's persistent {@code file_id} of an inbound file (for getFile); null otherwise. Not a secret. */
    @Column(name = "telegram_file_id")
    public String telegramFileId;

    @Column(name = "telegram_file_unique_id")
    public String telegramFileUniqueId;

    /** The operator upload an OUTBOUND attachment was sent from, or null. */
    @Column(name = "upload_id")
    public UUID uploadId;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "mime_type")
    public String mimeType;

    /** Bytes, when known. */
    @Column(name = "file_size")
    public Long fileSize;

    public Integer width;

    public Integer height;

    /** Seconds. */
    public Integer duration;

    /** A sticker's emoji. */
    public String emoji;

    public Double latitude;

    public Double longitude;

    @Column(name = "phone_number")
    public String phoneNumber;

    @Column(name = "contact_name")
    public String contactName;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Whether the bytes of this attachment can be fetched (a file, not a location or contact). */
    public boolean hasFile() {
        return telegramFileId != null || uploadId != null;
    }
}
