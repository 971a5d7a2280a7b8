package io.switchboard.conversation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.domain.AuditEntry;
import io.switchboard.conversation.repository.AuditRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * Writes the audit log: one {@link AuditEntry} per operator (or system) action, inside the caller's transaction,
 * so an action and its audit row commit or roll back together.
 */
@ApplicationScoped
public class AuditTrail {

    private final AuditRepository repository;
    private final ObjectMapper mapper;

    public AuditTrail(AuditRepository repository, ObjectMapper mapper) {
        this.repository = repository;
        this.mapper = mapper;
    }

    /**
     * Records an action.
     *
     * @param conversationId the conversation acted on, or null
     * @param actor          the operator, or null for the system (timers, retention)
     * @param action         dotted name, e.g. {@code conversation.claimed}
     * @param before         state before (a record or map serialised to a JSON object), or null
     * @param after          state after, or null; when the actor acted {@link Actor#via() via} Telegram, {@code via}
     *                       is added to it ({@code {"via": "telegram", …}})
     */
    public Uni<Void> record(UUID conversationId, Actor actor, String action, Object before, Object after, Instant now) {
        try {
            return repository.persist(AuditEntry.of(conversationId, actor, action, json(before), afterJson(actor, after), now))
                    .replaceWithVoid();
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("cannot serialise the audit state of " + action, e));
        }
    }

    private String afterJson(Actor actor, Object after) throws JsonProcessingException {
        if (actor == null || actor.via() == null) {
            return json(after);
        }
        com.fasterxml.jackson.databind.node.ObjectNode node = after == null ? mapper.createObjectNode()
                : mapper.valueToTree(after) instanceof com.fasterxml.jackson.databind.node.ObjectNode object ? object
                : mapper.createObjectNode().set("value", mapper.valueToTree(after));
        node.put("via", actor.via());
        return mapper.writeValueAsString(node);
    }

    private String json(Object state) throws JsonProcessingException {
        return state == null ? null : mapper.writeValueAsString(state);
    }
}
