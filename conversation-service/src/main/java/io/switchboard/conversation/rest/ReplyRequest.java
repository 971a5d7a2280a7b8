package io.switchboard.conversation.rest;

/**
 * Body of {@code POST /api/conversations/{id}/messages} (JSON).
 *
 * @param text            the reply, sent exactly as given (no trimming, no parse_mode); must not be blank
 * @param clientMessageId optional: the console's id for this reply, which makes the request repeatable like an
 *                        {@code Idempotency-Key} header (the header wins when both are given); 1..n characters
 */
public record ReplyRequest(String text, String clientMessageId) {
}
