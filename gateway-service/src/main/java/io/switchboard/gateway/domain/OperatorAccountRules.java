package io.switchboard.gateway.domain;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an operator account must look like, checked when an admin creates or edits one. Each check answers the
 * violation as a sentence for the client ({@code Optional.empty()} when the value is fine).
 *
 * <ul>
 *   <li>username: 3 to 32 of {@code A-Z a-z 0-9 . _ -} (unique ignoring case: checked against the database);</li>
 *   <li>password: at least {@value #MIN_PASSWORD_LENGTH} characters and at most {@value #MAX_PASSWORD_BYTES}
 *       UTF-8 bytes (what bcrypt can take);</li>
 *   <li>display name: 1 to {@value #MAX_DISPLAY_NAME_LENGTH} characters after trimming, no control characters;</li>
 *   <li>role: {@code ADMIN} or {@code OPERATOR}.</li>
 * </ul>
 */
public final class OperatorAccountRules {

    /** Allowed usernames. */
    public static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9._-]{3,32}$");
    /** Shortest password an admin may set, in characters. */
    public static final int MIN_PASSWORD_LENGTH = 10;
    /** Longest password bcrypt can take, in UTF-8 bytes. */
    public static final int MAX_PASSWORD_BYTES = 71;
    /** Longest display name, in characters (code points). */
    public static final int MAX_DISPLAY_NAME_LENGTH = 64;

    private OperatorAccountRules() {
    }

    /** Why {@code username} is not acceptable, if it is not. */
    public static Optional<String> usernameViolation(String username) {
        if (username == null || username.isEmpty()) {
            return Optional.of("username is required");
        }
        return USERNAME.matcher(username).matches()
                ? Optional.empty()
                : Optional.of("username must be 3 to 32 characters of letters, digits, '.', '_' or '-'");
    }

    /** Why {@code password} is not acceptable, if it is not. */
    public static Optional<String> passwordViolation(String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of("password is required");
        }
        if (password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            return Optional.of("password must be at least " + MIN_PASSWORD_LENGTH + " characters long");
        }
        return password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES
                ? Optional.empty()
                : Optional.of("password must be at most " + MAX_PASSWORD_BYTES + " bytes long (UTF-8)");
    }

    /** Why {@code displayName} (already trimmed) is not acceptable, if it is not. */
    public static Optional<String> displayNameViolation(String displayName) {
        if (displayName == null || displayName.isEmpty()) {
            return Optional.of("displayName is required (1 to " + MAX_DISPLAY_NAME_LENGTH + " characters)");
        }
        if (displayName.codePointCount(0, displayName.length()) > MAX_DISPLAY_NAME_LENGTH) {
            return Optional.of("displayName must be at most " + MAX_DISPLAY_NAME_LENGTH + " characters long");
        }
        return displayName.codePoints().anyMatch(Character::isISOControl)
                ? Optional.of("displayName must not contain control characters")
                : Optional.empty();
    }

    /**
     * The role named {@code name} exactly ({@code ADMIN} or {@code OPERATOR}).
     *
     * @return empty for null or any other text
     */
    public static Optional<OperatorRole> role(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (OperatorRole role : OperatorRole.values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
