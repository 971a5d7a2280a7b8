package io.switchboard.conversation.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which uploads Telegram gets as a photo and which as a document. */
class UploadTest {

    private static final long MB = 1024 * 1024;

    @Test
    void jpegPngAndWebpUpToTenMegabytesArePhotos() {
        assertEquals("PHOTO", Upload.kindOf("image/jpeg", 1));
        assertEquals("PHOTO", Upload.kindOf("image/png", 10 * MB));
        assertEquals("PHOTO", Upload.kindOf("IMAGE/WEBP", 5 * MB));
    }

    @Test
    void largerImagesAndEverythingElseAreDocuments() {
        assertEquals("DOCUMENT", Upload.kindOf("image/jpeg", 10 * MB + 1), "sendPhoto takes at most 10 MB");
        assertEquals("DOCUMENT", Upload.kindOf("image/gif", 100));
        assertEquals("DOCUMENT", Upload.kindOf("image/svg+xml", 100));
        assertEquals("DOCUMENT", Upload.kindOf("application/pdf", 100));
        assertEquals("DOCUMENT", Upload.kindOf(null, 100));
    }
}
