package io.switchboard.telegram.api;

/** How a {@link SendMedia} file is sent: {@code sendPhoto} (compressed image) or {@code sendDocument} (as is). */
public enum MediaKind {
    PHOTO,
    DOCUMENT
}
