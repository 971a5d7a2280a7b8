package io.switchboard.conversation.repository;

/**
 * SQL LIKE patterns built from user input, with the wildcards escaped by {@code \}, Postgres's default escape character
 * (so the statements need no ESCAPE clause).
 */
public final class LikePattern {

    private LikePattern() {
    }

    /** A pattern matching any text that contains {@code text} literally: {@code %text%}. */
    public static String containing(String text) {
        return "%" + escape(text) + "%";
    }

    /** {@code text} with {@code \}, {@code %} and {@code _} escaped by {@code \}. */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '%' || c == '_') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
