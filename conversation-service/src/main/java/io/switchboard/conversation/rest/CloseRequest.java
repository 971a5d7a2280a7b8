package io.switchboard.conversation.rest;

/**
 * Body of {@code POST /api/conversations/{id}/close}; the body itself is optional.
 *
 * @param closingMessage the operator's closing text sent to the customer (1..4096 characters), or null/blank for the
 *                       {@code closing_message} template
 */
public record CloseRequest(String closingMessage) {
}
