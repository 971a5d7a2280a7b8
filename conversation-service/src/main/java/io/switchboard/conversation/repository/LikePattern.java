package io.switchboard.conversation.repository;

/**
 * SQL LIKE patterns built from user input, with the wildcards escaped by {@value #ESCAPE}: statements say
 * {@code like :pattern escape '!'} (a character that needs no quoting in SQL, HQL or Java).
 */
public final class LikePattern {

    /** The escape character of every pattern built here. */
    public static final char ESCAPE = '!';

    private LikePattern() {
    }

    /** A pattern matching any text that contains {@code text} literally: {@code %text%}. */
    public static String containing(String text) {
        return "%" + escape(text) + "%";
    }

    /** {@code text} with {@code !}, {@code %} and {@code _} escaped by {@code !}. */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ESCAPE || c == '%' || c == '_') {
                escaped.append(ESCAPE);
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
