package io.switchboard.conversation.service;

import io.switchboard.conversation.domain.ConversationLifecycle.RefusalKind;

import java.util.UUID;

/**
 * The conversation state machine refused an action (REST: 403 for {@link RefusalKind#NOT_ALLOWED}, 409 for
 * {@link RefusalKind#CONFLICT}); the message is the reason, e.g. "the conversation is CLOSED".
 */
public class LifecycleRefusedException extends RuntimeException {

    private final UUID conversationId;
    private final RefusalKind kind;

    public LifecycleRefusedException(UUID conversationId, RefusalKind kind, String reason) {
        super(reason);
        this.conversationId = conversationId;
        this.kind = kind;
    }

    public UUID conversationId() {
        return conversationId;
    }

    public RefusalKind kind() {
        return kind;
    }
}
