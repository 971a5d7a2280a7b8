package io.switchboard.conversation.rest;

/**
 * Body of {@code POST /api/tags}.
 *
 * @param name  required, 1..40 characters (trimmed), unique ignoring case
 * @param color required, {@code #rrggbb} (hex digits in either case; stored lower-case)
 */
public record TagRequest(String name, String color) {
}
