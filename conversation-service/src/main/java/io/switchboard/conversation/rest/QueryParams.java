package io.switchboard.conversation.rest;

import io.switchboard.conversation.config.ConversationConfig;
import io.switchboard.conversation.service.Cursor;

import java.util.UUID;

/** Parsing of query parameters; a malformed value is a 400 problem naming the parameter. */
public final class QueryParams {

    private QueryParams() {
    }

    /**
     * An id.
     *
     * @param expected what the parameter takes, for the error detail
     * @throws ProblemException 400 when {@code value} is not a UUID
     */
    public static UUID uuid(String name, String value, String expected) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name + " must be " + expected);
        }
    }

    /**
     * A boolean flag: {@code true}, or {@code false}/absent.
     *
     * @throws ProblemException 400 for any other value
     */
    public static boolean flag(String name, String value) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("false")) {
            return false;
        }
        if (value.trim().equalsIgnoreCase("true")) {
            return true;
        }
        throw ProblemException.badRequest(name + " must be true or false");
    }

    /**
     * Search text, trimmed.
     *
     * @return null when absent or blank
     * @throws ProblemException 400 when shorter than {@code min} or longer than {@code max} characters once trimmed
     */
    public static String text(String name, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length < min || length > max) {
            throw ProblemException.badRequest(name + " must be " + min + ".." + max + " characters");
        }
        return trimmed;
    }

    /**
     * A page size: absent means the default, larger than the maximum is capped.
     *
     * @throws ProblemException 400 when not an integer or below 1
     */
    public static int limit(String limit, ConversationConfig.Api config) {
        if (limit == null || limit.isBlank()) {
            return config.defaultPageSize();
        }
        int value;
        try {
            value = Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("limit must be an integer");
        }
        if (value < 1) {
            throw ProblemException.badRequest("limit must be at least 1");
        }
        return Math.min(value, config.maxPageSize());
    }

    /**
     * A cursor returned by this API as {@code nextCursor}.
     *
     * @return null when absent
     * @throws ProblemException 400 when malformed
     */
    public static Cursor cursor(String cursor) {
        try {
            return Cursor.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("cursor is not a cursor returned by this API");
        }
    }
}
