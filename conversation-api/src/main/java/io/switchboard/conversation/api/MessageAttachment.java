package io.switchboard.conversation.api;

import java.util.UUID;

/**
 * A file, location or contact carried by a message. Files are fetched by operators at
 * {@code GET /api/media/{id}}; which fields are set depends on {@link #kind()} (per Bot API Message: PhotoSize,
 * Document, Voice, Audio, Video, VideoNote, Sticker, Animation, Location, Contact).
 *
 * @param id          attachment id (the media URL's id)
 * @param kind        {@code PHOTO, DOCUMENT, VOICE, AUDIO, VIDEO, VIDEO_NOTE, STICKER, ANIMATION, LOCATION, CONTACT}
 * @param fileName    the sender's file name (documents, audio, videos, animations), or null
 * @param mimeType    MIME type when Telegram or the uploader gave one (photos: {@code image/jpeg}), or null
 * @param fileSize    size in bytes, or null when unknown
 * @param width       pixels (photo, video, sticker, animation, video note), or null
 * @param height      pixels, or null
 * @param duration    seconds (voice, audio, video, video note, animation), or null
 * @param emoji       the emoji of a sticker, or null
 * @param latitude    degrees (LOCATION), or null
 * @param longitude   degrees (LOCATION), or null
 * @param phoneNumber CONTACT's phone number, or null
 * @param contactName CONTACT's first and last name, or null
 */
public record MessageAttachment(UUID id, String kind, String fileName, String mimeType, Long fileSize, Integer width,
                                Integer height, Integer duration, String emoji, Double latitude, Double longitude,
                                String phoneNumber, String contactName) {

    public static final String PHOTO = "PHOTO";
    public static final String DOCUMENT = "DOCUMENT";
    public static final String VOICE = "VOICE";
    public static final String AUDIO = "AUDIO";
    public static final String VIDEO = "VIDEO";
    public static final String VIDEO_NOTE = "VIDEO_NOTE";
    public static final String STICKER = "STICKER";
    public static final String ANIMATION = "ANIMATION";
    public static final String LOCATION = "LOCATION";
    public static final String CONTACT = "CONTACT";
}
