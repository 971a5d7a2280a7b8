package io.switchboard.conversation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/** A one-time code an operator sends as {@code /link CODE} to link their Telegram account; valid 10 minutes. */
@Entity
@Table(name = "telegram_link_code")
public class TelegramLinkCode extends PanacheEntityBase {

    /** Characters of a code: A–Z and 2–9 (no 0/O, 1/I look-alikes). */
    public static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ23456789";
    /** Length of a code. */
    public static final int LENGTH = 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    public String code;

    @Column(name = "operator_id", nullable = false)
    public UUID operatorId;

    @Column(name = "operator_name")
    public String operatorName;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /** A fresh random code of {@value #LENGTH} characters of {@link #ALPHABET}. */
    public static String randomCode() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** Whether {@code text} has the shape of a code (after trimming and upper-casing by the caller). */
    public static boolean isWellFormed(String text) {
        if (text == null || text.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (ALPHABET.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
