package io.switchboard.conversation.rest;

import java.time.Instant;

/**
 * A previous text of an edited message, as {@code GET …/messages/{messageId}/versions} lists it.
 *
 * @param text     the text as it was
 * @param editedAt when that text was written: the message's creation for the first version, the edit that
 *                 produced it for later ones (ISO-8601)
 */
public record MessageVersionView(String text, Instant editedAt) {
}
