package io.switchboard.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.gateway.domain.OperatorAudit;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of an operator's audit trail: {@code {id, operatorId, actorId, actorName, action, before, after,
 * occurredAt}}. {@code action} is {@code operator.created|updated|deactivated|reactivated}; {@code before} and
 * {@code after} are JSON objects of the changed fields ({@code username}, {@code displayName}, {@code role},
 * {@code active}, and {@code passwordChanged: true} in {@code after} for a new password), {@code before} is null for
 * {@code operator.created}.
 */
public record OperatorAuditView(long id, UUID operatorId, UUID actorId, String actorName, String action,
                                JsonNode before, JsonNode after, Instant occurredAt) {

    public static OperatorAuditView of(OperatorAudit entry, ObjectMapper mapper) {
        return new OperatorAuditView(entry.id, entry.operatorId, entry.actorId, entry.actorName, entry.action,
                parse(entry.before, mapper), parse(entry.after, mapper), entry.occurredAt);
    }

    private static JsonNode parse(String json, ObjectMapper mapper) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("operator_audit holds invalid JSON", e);
        }
    }
}
