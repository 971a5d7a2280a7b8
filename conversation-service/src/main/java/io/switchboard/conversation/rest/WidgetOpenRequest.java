package io.switchboard.conversation.rest;

/**
 * Body of {@code POST /api/widget/conversations} (the gateway forwards what the widget sent).
 *
 * @param nickname optional; 2..32 characters after trimming, no links, no control characters
 * @param locale   optional; {@code ^[a-z]{2}(-[A-Za-z]{2})?$}, picks the language of system messages
 */
public record WidgetOpenRequest(String nickname, String locale) {
}
