package io.switchboard.ingest.domain;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * AES-256-GCM for the secrets stored in {@code bot_settings} (the bot token, the webhook's secret_token).
 * A value is stored as {@code nonce (12 bytes, random per write) || ciphertext || tag (16 bytes)}; the purpose
 * ({@code "bot-token"}, {@code "webhook-secret"}) is bound as associated data, so one ciphertext cannot be passed off
 * as the other.
 */
public final class TokenCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** @param key exactly 32 bytes */
    public TokenCipher(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("an AES-256 key is 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /**
     * A cipher with the key given as base64 (as in {@code TELEGRAM_TOKEN_KEY}).
     *
     * @throws IllegalArgumentException when the text is not base64 of 32 bytes (the message never repeats it)
     */
    public static TokenCipher fromBase64(String base64Key) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key is not base64");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("the key must be base64 of 32 bytes, was " + key.length + " bytes");
        }
        return new TokenCipher(key);
    }

    /** Encrypts {@code plaintext} for {@code purpose}; a new random nonce each call. */
    public byte[] encrypt(String plaintext, String purpose) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JVM", e);
        }
    }

    /**
     * Decrypts what {@link #encrypt} produced for the same purpose.
     *
     * @throws IllegalArgumentException when the value was altered, encrypted with another key or for another purpose
     */
    public String decrypt(byte[] stored, String purpose) {
        if (stored == null || stored.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("not a stored secret");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("the stored secret does not decrypt with this key (TELEGRAM_TOKEN_KEY "
                    + "changed?) or was altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JVM", e);
        }
    }
}
