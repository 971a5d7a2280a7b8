package io.switchboard.widget.api;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The widget's nickname rule, part of the channel's contract: the gateway checks it before spending a rate-limit
 * token, conversation-service before storing it; both give the same reasons.
 */
public final class Nickname {

    /** Fewest characters (code points) after trimming. */
    public static final int MIN = 2;
    /** Most characters (code points) after trimming. */
    public static final int MAX = 32;

    /** {@code word.tld/}: a host followed by a path. */
    private static final Pattern HOST_WITH_PATH = Pattern.compile("[\\p{L}\\p{N}_-]+\\.\\p{L}{2,}/");
    /** Control characters and bidirectional overrides, isolates and marks (which can disguise text). */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F]");

    private Nickname() {
    }

    /**
     * The nickname as stored: {@code raw} trimmed.
     *
     * @throws IllegalArgumentException (for a 422) with the reason, when it is absent, shorter than {@value #MIN} or
     *                                  longer than {@value #MAX} characters (code points) after trimming, holds a
     *                                  control character or a bidirectional override/isolate/mark, or looks like a
     *                                  link: {@code ://}, {@code www.}, {@code t.me/} (any case) or {@code word.tld/}
     */
    public static String normalize(String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("nickname is required");
        }
        String nickname = raw.strip();
        int length = nickname.codePointCount(0, nickname.length());
        if (length < MIN || length > MAX) {
            throw new IllegalArgumentException("nickname must be " + MIN + " to " + MAX + " characters long");
        }
        if (CONTROL.matcher(nickname).find()) {
            throw new IllegalArgumentException("nickname must not contain control characters");
        }
        String lower = nickname.toLowerCase(Locale.ROOT);
        if (lower.contains("://") || lower.contains("www.") || lower.contains("t.me/")
                || HOST_WITH_PATH.matcher(lower).find()) {
            throw new IllegalArgumentException("nickname must not contain a link");
        }
        return nickname;
    }
}
