package io.switchboard.conversation.rest;

import java.util.UUID;

/**
 * Answer of {@code POST /api/widget/conversations}.
 *
 * @param conversationId the conversation (the token's {@code conversation} claim)
 * @param codename       its codename, e.g. "Blue Lion #84C2"
 */
public record WidgetOpened(UUID conversationId, String codename) {
}
