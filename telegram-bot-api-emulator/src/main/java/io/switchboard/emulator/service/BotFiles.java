package io.switchboard.emulator.service;

import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLConnection;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.emulator.domain.BotApiError;
import io.switchboard.emulator.domain.BotParams;
import io.switchboard.emulator.domain.BotState;
import io.switchboard.emulator.domain.ForumTopic;
import io.switchboard.emulator.domain.StoredFile;
import io.switchboard.emulator.domain.UploadedFile;

/**
 * Files: the Bot API methods sendPhoto, sendDocument and getFile, and the files customers send through the control
 * API. Every file is kept in memory per bot; getFile answers its path and {@code GET /file/bot<token>/<path>} serves
 * it, like Telegram's file server.
 * <p>
 * A photo whose bytes are a decodable image gets two sizes, as Telegram gives several: a thumbnail at most 90 px on
 * its longer side and the original (last, the largest); bytes that are not an image still go through, with one size
 * of 0×0 (Telegram would answer IMAGE_PROCESS_FAILED; the emulator stays lenient for tests with fake bytes).
 */
@ApplicationScoped
public class BotFiles {

    /** Longest media caption, in UTF-16 code units. */
    public static final int MAX_CAPTION_LENGTH = 1024;

    private static final String ATTACH_PREFIX = "attach://";
    private static final int THUMBNAIL_SIDE = 90;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final BotMessages messages;

    BotFiles(BotMessages messages) {
        this.messages = messages;
    }

    /**
     * sendPhoto(chat_id, photo = file part, {@code attach://<part name>} or a known file_id, caption ≤ 1024, message_thread_id,
     * disable_notification, reply_markup).
     *
     * @return the Message with {@code photo[]} (sizes, largest last) and {@code caption}
     */
    public ObjectNode sendPhoto(BotState bot, BotParams params) {
        return sendMedia(bot, params, true);
    }

    /** sendDocument: as sendPhoto, with {@code document} and a Message with {@code document{...}}. */
    public ObjectNode sendDocument(BotState bot, BotParams params) {
        return sendMedia(bot, params, false);
    }

    private ObjectNode sendMedia(BotState bot, BotParams params, boolean photo) {
        long chatId = BotMessages.chatId(params);
        String field = photo ? "photo" : "document";
        String caption = caption(params.string("caption"));
        UploadedFile upload = params.file(field);
        String reference = upload == null ? params.string(field) : null;
        if (reference != null && reference.startsWith(ATTACH_PREFIX)) {
            // "attach://<name>": the file is the multipart part <name> (telegrambots-client sends files this way)
            upload = params.file(reference.substring(ATTACH_PREFIX.length()));
            if (upload == null) {
                throw BotApiError.badRequest("wrong file identifier/HTTP URL specified");
            }
            reference = null;
        }
        if (upload == null && (reference == null || reference.isEmpty())) {
            throw BotApiError.badRequest("there is no " + field + " in the request");
        }
        if (upload != null && upload.bytes().length == 0) {
            throw BotApiError.badRequest("file must be non-empty");
        }
        Long threadId = params.integer("message_thread_id");
        synchronized (bot) {
            StoredFile known = upload == null ? bot.fileById(reference) : null;
            if (upload == null && known == null) {
                throw BotApiError.badRequest("wrong file identifier/HTTP URL specified");
            }
            ForumTopic topic = messages.admit(bot, chatId, threadId, true);
            List<StoredFile> files = upload == null ? List.of(known)
                    : photo ? storePhoto(bot, upload) : List.of(storeDocument(bot, upload));
            ObjectNode message = messages.newMessage(bot, chatId, topic, threadId);
            putMedia(message, files, photo, caption);
            return messages.store(bot, chatId, message, topic, params);
        }
    }

    /**
     * getFile(file_id).
     *
     * @return the File {@code {file_id, file_unique_id, file_size, file_path}}; 400 {@code invalid file_id} for an
     *         unknown id, 400 {@code file is too big} above 20 MB
     */
    public ObjectNode getFile(BotState bot, BotParams params) {
        StoredFile file;
        synchronized (bot) {
            file = bot.fileById(params.string("file_id"));
        }
        if (file == null) {
            throw BotApiError.badRequest("invalid file_id");
        }
        if (file.size() > StoredFile.MAX_DOWNLOAD_BYTES) {
            throw BotApiError.badRequest("file is too big");
        }
        return file.toFile();
    }

    /** The file served at {@code /file/bot<token>/<filePath>}, or null. */
    public StoredFile download(BotState bot, String filePath) {
        synchronized (bot) {
            StoredFile file = bot.fileByPath(filePath);
            return file == null || file.size() > StoredFile.MAX_DOWNLOAD_BYTES ? null : file;
        }
    }

    /** Stores a customer's photo; its sizes, smallest first. The caller holds the bot's monitor. */
    public List<StoredFile> storePhoto(BotState bot, UploadedFile upload) {
        BufferedImage image = decode(upload.bytes());
        List<StoredFile> sizes = new ArrayList<>(2);
        String extension = extension(upload.fileName(), mimeType(upload), "jpg");
        if (image != null && Math.max(image.getWidth(), image.getHeight()) > THUMBNAIL_SIDE) {
            byte[] thumbnail = thumbnail(image);
            if (thumbnail != null) {
                double scale = (double) THUMBNAIL_SIDE / Math.max(image.getWidth(), image.getHeight());
                sizes.add(photoFile(bot, thumbnail, "jpg", Math.max(1, (int) Math.round(image.getWidth() * scale)),
                        Math.max(1, (int) Math.round(image.getHeight() * scale))));
            }
        }
        sizes.add(photoFile(bot, upload.bytes(), extension, image == null ? 0 : image.getWidth(),
                image == null ? 0 : image.getHeight()));
        return sizes;
    }

    /** Stores a customer's or the bot's document. The caller holds the bot's monitor. */
    public StoredFile storeDocument(BotState bot, UploadedFile upload) {
        String mimeType = mimeType(upload);
        String fileName = upload.fileName() == null || upload.fileName().isBlank() ? "document" : upload.fileName();
        long seq = bot.nextFileSeq();
        StoredFile file = new StoredFile("BQACAgIAAxkBAA" + random(40), "AgAD" + random(12),
                "documents/file_" + seq + "." + extension(fileName, mimeType, "bin"), fileName, mimeType, null, null,
                upload.bytes());
        bot.putFile(file);
        return file;
    }

    /** Adds {@code photo[]} or {@code document} and the caption to a message. */
    public static void putMedia(ObjectNode message, List<StoredFile> files, boolean photo, String caption) {
        if (photo) {
            ArrayNode sizes = message.putArray("photo");
            files.forEach(file -> sizes.add(file.toPhotoSize()));
        } else {
            message.set("document", files.get(files.size() - 1).toDocument());
        }
        if (caption != null && !caption.isEmpty()) {
            message.put("caption", caption);
        }
    }

    /** The caption, checked: 400 {@code message caption is too long} above 1024 UTF-16 units. */
    public static String caption(String caption) {
        if (caption != null && caption.length() > MAX_CAPTION_LENGTH) {
            throw BotApiError.badRequest("message caption is too long");
        }
        return caption;
    }

    private StoredFile photoFile(BotState bot, byte[] bytes, String extension, int width, int height) {
        long seq = bot.nextFileSeq();
        StoredFile file = new StoredFile("AgACAgIAAxkBAA" + random(40), "AQAD" + random(12),
                "photos/file_" + seq + "." + extension, null, null, width, height, bytes);
        bot.putFile(file);
        return file;
    }

    /** The part's MIME type; guessed from the file name when the part says none or application/octet-stream. */
    static String mimeType(UploadedFile upload) {
        String declared = upload.contentType() == null ? "" : upload.contentType().split(";", 2)[0].trim();
        if (!declared.isEmpty() && !declared.equalsIgnoreCase("application/octet-stream")) {
            return declared.toLowerCase(Locale.ROOT);
        }
        String guessed = upload.fileName() == null ? null : URLConnection.guessContentTypeFromName(upload.fileName());
        if (guessed == null && upload.fileName() != null && upload.fileName().toLowerCase(Locale.ROOT).endsWith(".pdf")) {
            guessed = "application/pdf";
        }
        return guessed != null ? guessed : "application/octet-stream";
    }

    private static String extension(String fileName, String mimeType, String fallback) {
        if (fileName != null) {
            int dot = fileName.lastIndexOf('.');
            if (dot >= 0 && dot < fileName.length() - 1) {
                String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
                if (ext.matches("[a-z0-9]{1,8}")) {
                    return ext;
                }
            }
        }
        if (mimeType != null && mimeType.startsWith("image/")) {
            String ext = mimeType.substring(6);
            return ext.equals("jpeg") ? "jpg" : ext.replaceAll("[^a-z0-9]", "");
        }
        return fallback;
    }

    private static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] thumbnail(BufferedImage image) {
        double scale = (double) THUMBNAIL_SIDE / Math.max(image.getWidth(), image.getHeight());
        int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var graphics = scaled.createGraphics();
        try {
            graphics.drawImage(image.getScaledInstance(width, height, Image.SCALE_SMOOTH), 0, 0, null);
        } finally {
            graphics.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            return ImageIO.write(scaled, "jpg", out) ? out.toByteArray() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length);
    }
}
