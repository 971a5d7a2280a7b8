package io.switchboard.conversation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.conversation.api.ConversationEvent;
import io.switchboard.conversation.api.Topics;
import io.switchboard.conversation.domain.OutboxEntry;
import io.switchboard.conversation.repository.OutboxRepository;
import io.switchboard.telegram.api.TelegramCommand;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Writes Kafka records into the {@code outbox} table, inside the caller's transaction; {@link OutboxRelay}
 * publishes them after commit. Never sends anything itself.
 */
@ApplicationScoped
public class Outbox {

    private final OutboxRepository repository;
    private final ObjectMapper mapper;
    private final ForumTopics forumTopics;

    public Outbox(OutboxRepository repository, ObjectMapper mapper, ForumTopics forumTopics) {
        this.repository = repository;
        this.mapper = mapper;
        this.forumTopics = forumTopics;
    }

    /**
     * Queues {@code event} for {@code conversation.events}, keyed by its conversation id, then lets
     * {@link ForumTopics#mirror} queue what the support group's forum topic should show of it (same transaction).
     */
    public Uni<Void> event(ConversationEvent event, Instant now) {
        return add(Topics.CONVERSATION_EVENTS, event.conversationId().toString(), event, now)
                .call(() -> forumTopics.mirror(event, now));
    }

    /** Queues {@code command} for {@code telegram.commands}, keyed by its chat id. */
    public Uni<Void> command(TelegramCommand command, Instant now) {
        return add(io.switchboard.telegram.api.Topics.COMMANDS, Long.toString(command.chatId()), command, now);
    }

    private Uni<Void> add(String topic, String key, Object value, Instant now) {
        String json;
        try {
            json = mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e));
        }
        return repository.persist(OutboxEntry.of(topic, key, json, now)).replaceWithVoid();
    }
}
