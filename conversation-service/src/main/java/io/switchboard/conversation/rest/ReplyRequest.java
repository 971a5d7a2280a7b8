package io.switchboard.conversation.rest;

/**
 * Body of {@code POST /api/conversations/{id}/messages}.
 *
 * @param text the reply, sent exactly as given (no trimming, no parse_mode); must not be blank
 */
public record ReplyRequest(String text) {
}
