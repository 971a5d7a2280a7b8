package io.switchboard.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Identity settings of the gateway: token lifetimes, login lockout and rate limit, and the first admin account.
 * Keys under {@code switchboard.identity}. The signing key itself is {@code smallrye.jwt.sign.key.location}
 * (env {@code SMALLRYE_JWT_SIGN_KEY_LOCATION}).
 */
@ConfigMapping(prefix = "switchboard.identity")
public interface IdentityConfig {

    /** Issuer ({@code iss}) of every access token; downstream services check it. */
    @WithDefault("switchboard")
    String issuer();

    /** Lifetime of an access token (the {@code expiresIn} of the login answer). */
    @WithDefault("PT15M")
    Duration accessTokenLifetime();

    /** Lifetime of a refresh token; every use replaces it with a new one of the same lifetime. */
    @WithDefault("P30D")
    Duration refreshTokenLifetime();

    /** Consecutive failed logins of one operator before the account is locked. */
    Lockout lockout();

    /** Per-client-address limit on {@code POST /api/auth/login}. */
    LoginRateLimit loginRateLimit();

    /** Account created on start-up when no operator exists. */
    InitialAdmin initialAdmin();

    /** Periodic removal of refresh tokens that can never be used again. */
    RefreshTokenPurge refreshTokenPurge();

    /** Account lockout after repeated wrong passwords. */
    interface Lockout {
        /** Failed logins in a row that lock the account. */
        @WithDefault("5")
        int maxFailures();

        /** How long a locked account stays locked. */
        @WithDefault("PT15M")
        Duration duration();
    }

    /** Token bucket per client address: {@code capacity} attempts, refilled evenly over {@code period}. */
    interface LoginRateLimit {
        /** Login attempts a client may make in a burst. */
        @WithDefault("10")
        int capacity();

        /** Time in which an empty bucket refills completely. */
        @WithDefault("PT1M")
        Duration period();
    }

    /**
     * Removal of expired refresh tokens and of revoked tokens whose chain has no usable token left (see
     * {@code RefreshTokenRepository#deleteUnusable}). Every replica runs it; the deletes are idempotent.
     */
    interface RefreshTokenPurge {
        /** Time between two purges (ISO-8601 duration, e.g. {@code PT24H}). */
        @WithDefault("PT24H")
        Duration interval();

        /** Time from start-up to the first purge. */
        @WithDefault("PT10M")
        Duration initialDelay();
    }

    /** The first administrator (env {@code ADMIN_USERNAME}, {@code ADMIN_PASSWORD}). */
    interface InitialAdmin {
        /** Username of the first admin. */
        @WithDefault("admin")
        String username();

        /** Display name of the first admin. */
        @WithDefault("Administrator")
        String displayName();

        /** Password of the first admin; when absent a strong one is generated and logged once. */
        Optional<String> password();
    }
}
