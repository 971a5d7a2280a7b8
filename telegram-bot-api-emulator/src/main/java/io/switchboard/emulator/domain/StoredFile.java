package io.switchboard.emulator.domain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A file the emulated Telegram keeps: uploaded by the bot (sendPhoto, sendDocument) or by a customer (control API).
 * getFile answers its {@link #toFile() File} object and {@code GET /file/bot<token>/<filePath>} serves its bytes.
 *
 * @param fileId       opaque id the bot uses to reuse or download the file (per bot, like Telegram's)
 * @param fileUniqueId short id, the same for the same file across bots
 * @param filePath     path for the download route, e.g. {@code documents/file_3.pdf}
 * @param fileName     original file name, or null (photos have none)
 * @param mimeType     MIME type, or null (photos have none)
 * @param width        pixel width for photos (0 when the bytes are not a decodable image), null for documents
 * @param height       pixel height for photos, null for documents
 * @param bytes        the content; {@code file_size} is its length
 */
public record StoredFile(String fileId, String fileUniqueId, String filePath, String fileName, String mimeType,
        Integer width, Integer height, byte[] bytes) {

    /** Bot API getFile's largest downloadable size: 20 MB. */
    public static final long MAX_DOWNLOAD_BYTES = 20L * 1024 * 1024;

    /** Size in bytes. */
    public long size() {
        return bytes.length;
    }

    /** The Bot API File object: {@code {file_id, file_unique_id, file_size, file_path}}. */
    public ObjectNode toFile() {
        return JsonNodeFactory.instance.objectNode()
                .put("file_id", fileId)
                .put("file_unique_id", fileUniqueId)
                .put("file_size", size())
                .put("file_path", filePath);
    }

    /** A PhotoSize: {@code {file_id, file_unique_id, file_size, width, height}}. */
    public ObjectNode toPhotoSize() {
        return JsonNodeFactory.instance.objectNode()
                .put("file_id", fileId)
                .put("file_unique_id", fileUniqueId)
                .put("file_size", size())
                .put("width", width == null ? 0 : width)
                .put("height", height == null ? 0 : height);
    }

    /** A Document: {@code {file_name, mime_type, file_id, file_unique_id, file_size}} in Telegram's field order. */
    public ObjectNode toDocument() {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        if (fileName != null) {
            document.put("file_name", fileName);
        }
        if (mimeType != null) {
            document.put("mime_type", mimeType);
        }
        return document.put("file_id", fileId).put("file_unique_id", fileUniqueId).put("file_size", size());
    }
}
