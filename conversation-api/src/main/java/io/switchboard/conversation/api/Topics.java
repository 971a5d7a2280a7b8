package io.switchboard.conversation.api;

/** Kafka topics owned by conversation-service. */
public final class Topics {
    /**
     * Every {@link ConversationEvent}, relayed from conversation-service's transactional outbox, keyed by
     * conversation id (UUID string) so that one conversation's events stay in order.
     */
    public static final String CONVERSATION_EVENTS = "conversation.events";

    private Topics() {
    }
}
