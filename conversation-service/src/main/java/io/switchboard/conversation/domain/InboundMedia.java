package io.switchboard.conversation.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * The non-text content of a customer's Telegram message, as read from the Bot API Message (the largest PhotoSize of
 * a photo; Document, Voice, Audio, Video, VideoNote, Sticker, Animation, Location, Contact). Which fields are set
 * depends on {@link #kind}; everything but the kind may be null.
 *
 * @param kind         {@code PHOTO, DOCUMENT, VOICE, AUDIO, VIDEO, VIDEO_NOTE, STICKER, ANIMATION, LOCATION, CONTACT}
 * @param fileId       Telegram {@code file_id} (persistent; getFile works up to 20 MB)
 * @param fileUniqueId Telegram {@code file_unique_id}
 * @param fileName     {@code file_name} (documents, audio, video, animation)
 * @param mimeType     {@code mime_type}; {@code image/jpeg} for photos (Telegram re-encodes them as JPEG)
 * @param fileSize     {@code file_size} in bytes
 * @param width        pixels
 * @param height       pixels
 * @param duration     seconds
 * @param emoji        a sticker's emoji
 * @param latitude     degrees
 * @param longitude    degrees
 * @param phoneNumber  a contact's {@code phone_number}
 * @param contactName  a contact's first and last name (Telegram may send {@code first_name: null})
 */
public record InboundMedia(String kind, String fileId, String fileUniqueId, String fileName, String mimeType,
                           Long fileSize, Integer width, Integer height, Integer duration, String emoji,
                           Double latitude, Double longitude, String phoneNumber, String contactName) {

    /** Lower-case label for previews and mirrors: "[photo] caption". */
    public String label() {
        return kind.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /** A new attachment row of {@code messageId} with this content. */
    public Attachment toAttachment(UUID messageId, Instant now) {
        Attachment a = new Attachment();
        a.id = UUID.randomUUID();
        a.messageId = messageId;
        a.kind = kind;
        a.telegramFileId = fileId;
        a.telegramFileUniqueId = fileUniqueId;
        a.fileName = fileName;
        a.mimeType = mimeType;
        a.fileSize = fileSize;
        a.width = width;
        a.height = height;
        a.duration = duration;
        a.emoji = emoji;
        a.latitude = latitude;
        a.longitude = longitude;
        a.phoneNumber = phoneNumber;
        a.contactName = contactName;
        a.createdAt = now;
        return a;
    }
}
