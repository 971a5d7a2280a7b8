package io.switchboard.conversation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A file an operator sent into a conversation (multipart {@code POST /api/conversations/{id}/messages}), kept with its
 * bytes: telegram-ingest-service fetches it through {@code GET /internal/uploads/{id}} to execute {@code send_media},
 * and consoles read it through the attachment that names it ({@code attachment.upload_id}).
 */
@Entity
@Table(name = "upload")
public class Upload extends PanacheEntityBase {

    /** Largest file sent as a PHOTO (Bot API sendPhoto: at most 10 MB), in bytes. */
    public static final long MAX_PHOTO_BYTES = 10L * 1024 * 1024;

    /** Largest file accepted at all (Bot API: bots upload at most 50 MB), in bytes. */
    public static final long MAX_BYTES = 50L * 1024 * 1024;

    /** Media types Telegram shows as a photo (sendPhoto); any other file goes as a document. */
    public static final Set<String> PHOTO_TYPES = Set.of("image/jpeg", "image/png", "image/webp");

    @Id
    public UUID id;

    @Column(name = "conversation_id", nullable = false)
    public UUID conversationId;

    /** The file name as the operator's browser gave it (never blank: "file" when none came). */
    @Column(name = "file_name", nullable = false)
    public String fileName;

    /** The media type as uploaded, e.g. {@code image/png}; {@code application/octet-stream} when none came. */
    @Column(name = "mime_type", nullable = false)
    public String mimeType;

    /** Length of {@link #bytes}. */
    @Column(nullable = false)
    public long size;

    @Column(nullable = false)
    public byte[] bytes;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** A new upload of {@code bytes}. */
    public static Upload of(UUID conversationId, String fileName, String mimeType, byte[] bytes, Instant now) {
        Upload u = new Upload();
        u.id = UUID.randomUUID();
        u.conversationId = conversationId;
        u.fileName = fileName;
        u.mimeType = mimeType;
        u.size = bytes.length;
        u.bytes = bytes;
        u.createdAt = now;
        return u;
    }

    /**
     * How a file of this type and size goes to Telegram: {@code PHOTO} for JPEG, PNG and WebP up to
     * {@link #MAX_PHOTO_BYTES}, {@code DOCUMENT} otherwise (a larger image keeps its full quality as a document).
     */
    public static String kindOf(String mimeType, long size) {
        return mimeType != null && PHOTO_TYPES.contains(mimeType.toLowerCase(java.util.Locale.ROOT)) && size <= MAX_PHOTO_BYTES
                ? "PHOTO" : "DOCUMENT";
    }
}
