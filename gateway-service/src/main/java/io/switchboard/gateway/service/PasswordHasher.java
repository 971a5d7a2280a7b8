package io.switchboard.gateway.service;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.domain.OperatorAccountRules;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * bcrypt password hashes (cost {@value #COST}, about a quarter of a second per hash or check). Checks run on a worker
 * thread and resume on the caller's Vert.x context, so the event loop never waits for bcrypt.
 */
@ApplicationScoped
public class PasswordHasher {

    /** bcrypt cost factor (2^12 rounds). */
    public static final int COST = 12;
    /** Longest password bcrypt can take, in UTF-8 bytes. */
    public static final int MAX_BYTES = OperatorAccountRules.MAX_PASSWORD_BYTES;

    private final Vertx vertx;
    private volatile String dummyHash;

    public PasswordHasher(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Hashes {@code password}. Blocking: call from a worker or the main thread.
     *
     * @throws IllegalArgumentException when the password is longer than {@value #MAX_BYTES} UTF-8 bytes
     */
    public String hash(String password) {
        if (!fits(password)) {
            throw new IllegalArgumentException("password longer than " + MAX_BYTES + " bytes");
        }
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    /**
     * Hashes {@code password} on a worker thread (about a quarter of a second), resuming on the caller's context.
     *
     * @throws IllegalArgumentException (as the failure) when the password is longer than {@value #MAX_BYTES} bytes
     */
    public Uni<String> hashLater(String password) {
        return vertx.executeBlocking(() -> hash(password), false);
    }

    /**
     * Checks {@code password} against {@code hash} on a worker thread. When {@code hash} is {@code null} (unknown
     * user) the password is checked against a dummy hash, so that the answer takes as long as for a real user,
     * and the result is {@code false}.
     */
    public Uni<Boolean> verify(String password, String hash) {
        return vertx.executeBlocking(() -> matches(password, hash), false);
    }

    /** Blocking form of {@link #verify}. */
    boolean matches(String password, String hash) {
        String candidate = password != null && fits(password) ? password : "";
        String target = hash != null ? hash : dummyHash();
        boolean verified = BCrypt.verifyer()
                .verify(candidate.getBytes(StandardCharsets.UTF_8), target.getBytes(StandardCharsets.UTF_8))
                .verified;
        return verified && hash != null && candidate.equals(password);
    }

    /** Whether {@code password} is short enough for bcrypt. */
    public static boolean fits(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }

    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            hash = hash(Base64.getEncoder().encodeToString(random));
            dummyHash = hash;
        }
        return hash;
    }
}
