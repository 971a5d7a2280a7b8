package io.switchboard.ingest.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The shared secret of the webhook ({@code X-Telegram-Bot-Api-Secret-Token}), compared in constant time: both sides
 * are hashed with SHA-256 first, so neither the content nor the length of the secret leaks through timing.
 */
public final class WebhookSecret {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] expectedDigest;

    /** A fresh {@code secret_token}: 32 random characters of {@code A-Z a-z 0-9 _ -} (192 bits). */
    public static String generate() {
        char[] secret = new char[32];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(secret);
    }

    /** @param secret the configured secret; blank means no request is ever accepted */
    public WebhookSecret(String secret) {
        this.expectedDigest = secret == null || secret.isBlank() ? null : sha256(secret);
    }

    /** Whether {@code presented} (the header value, possibly null) is the secret. */
    public boolean matches(String presented) {
        byte[] actual = sha256(presented == null ? "" : presented);
        return expectedDigest != null && presented != null && MessageDigest.isEqual(expectedDigest, actual);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
