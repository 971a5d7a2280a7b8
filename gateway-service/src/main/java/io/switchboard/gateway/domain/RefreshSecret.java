package io.switchboard.gateway.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret half of a refresh token as the client holds it: 32 random bytes, base64url without padding (43
 * characters). Only its {@link #hash()} is stored.
 */
public record RefreshSecret(String value) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh random secret. */
    public static RefreshSecret generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new RefreshSecret(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Lower-case hex SHA-256 of the secret's UTF-8 bytes (64 characters), the form kept in the database. */
    public String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
