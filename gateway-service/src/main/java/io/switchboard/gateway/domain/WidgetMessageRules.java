package io.switchboard.gateway.domain;

import java.util.regex.Pattern;

/**
 * What a widget customer may post: a {@code clientMessageId} matching {@code ^[A-Za-z0-9_-]{8,64}$}, and a text of
 * 1 to {@code maxLength} characters (Unicode code points) after trimming, with no control characters other than tab
 * and line breaks (they are removed; {@code \r\n} and {@code \r} become {@code \n}) and no unpaired surrogates. The
 * text is otherwise kept exactly as typed: HTML is not stripped here, every client renders it as text.
 */
public final class WidgetMessageRules {

    private static final Pattern CLIENT_MESSAGE_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private WidgetMessageRules() {
    }

    /** Outcome of checking a text: the cleaned text, or why it was refused. */
    public sealed interface TextCheck {
    }

    /** The text to store: control characters removed, line breaks normalised, trimmed. */
    public record Accepted(String text) implements TextCheck {
    }

    /** Nothing left after trimming, or not a text at all. */
    public record Invalid(String reason) implements TextCheck {
    }

    /** Longer than allowed. */
    public record TooLong(int length, int maxLength) implements TextCheck {
    }

    /** Whether {@code id} is a valid client message id. */
    public static boolean validClientMessageId(String id) {
        return id != null && CLIENT_MESSAGE_ID.matcher(id).matches();
    }

    /** Checks and cleans {@code text}. */
    public static TextCheck checkText(String text, int maxLength) {
        if (text == null) {
            return new Invalid("text is required");
        }
        StringBuilder cleaned = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    cleaned.append(c).append(text.charAt(++i));
                    continue;
                }
                return new Invalid("text is not valid Unicode");
            }
            if (Character.isLowSurrogate(c)) {
                return new Invalid("text is not valid Unicode");
            }
            if (c == '\r') {
                cleaned.append('\n');
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
                cleaned.append(c);
            }
        }
        String result = cleaned.toString().strip();
        if (result.isEmpty()) {
            return new Invalid("text must not be empty");
        }
        int length = result.codePointCount(0, result.length());
        if (length > maxLength) {
            return new TooLong(length, maxLength);
        }
        return new Accepted(result);
    }
}
