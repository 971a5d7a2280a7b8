package io.switchboard.emulator.domain;

/**
 * A file part of a multipart/form-data Bot API call (sendPhoto's {@code photo}, sendDocument's {@code document}) or of
 * a control API upload.
 *
 * @param fileName    the part's file name as sent (may be null)
 * @param contentType the part's Content-Type as sent (may be null or {@code application/octet-stream})
 * @param bytes       the file's content
 */
public record UploadedFile(String fileName, String contentType, byte[] bytes) {
}
