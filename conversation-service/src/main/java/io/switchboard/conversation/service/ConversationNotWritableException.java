package io.switchboard.conversation.service;

import io.switchboard.conversation.domain.ConversationStatus;

import java.util.UUID;

/** The conversation is CLOSED or BLOCKED, so operators cannot reply (REST: 409). */
public class ConversationNotWritableException extends RuntimeException {

    public ConversationNotWritableException(UUID id, ConversationStatus status) {
        super("Conversation " + id + " is " + status + "; replies are not possible.");
    }
}
