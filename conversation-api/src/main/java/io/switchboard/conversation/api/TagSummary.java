package io.switchboard.conversation.api;

import java.util.UUID;

/**
 * A tag as operators see it on a conversation.
 *
 * @param id    tag id
 * @param name  unique (case-insensitive) name, at most 40 characters
 * @param color display colour as {@code #rrggbb}
 */
public record TagSummary(UUID id, String name, String color) {
}
