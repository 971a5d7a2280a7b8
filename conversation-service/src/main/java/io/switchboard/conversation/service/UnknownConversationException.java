package io.switchboard.conversation.service;

import java.util.UUID;

/** No conversation has this id (REST: 404). */
public class UnknownConversationException extends RuntimeException {

    public UnknownConversationException(UUID id) {
        super("Conversation " + id + " does not exist.");
    }
}
