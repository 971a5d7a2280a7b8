package io.switchboard.ingest.domain;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;

/**
 * Masks bot tokens ({@code <bot id>:<secret>}, with or without the {@code bot} prefix Bot API URLs give them) in text
 * that is about to be logged: exception messages and whole stack traces (telegrambots and OkHttp put request URLs,
 * token included, into their exceptions).
 */
public final class TokenRedaction {

    /** {@code bot123:AAE…} anywhere, or a bare {@code 123:AAE…} of at least 8 secret characters. */
    private static final Pattern TOKEN = Pattern.compile("(?:bot)?\\d{1,20}:[A-Za-z0-9_-]{8,}");

    private TokenRedaction() {
    }

    /** {@code text} with every token replaced by {@code <token>}; null stays null. */
    public static String redact(String text) {
        return text == null ? null : TOKEN.matcher(text).replaceAll("<token>");
    }

    /** The stack trace of {@code error} (causes included) as {@link Throwable#printStackTrace()} prints it, redacted. */
    public static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return redact(out.toString());
    }
}
