package io.switchboard.conversation.rest;

/**
 * Body of {@code POST /api/conversations/{id}/assign}.
 *
 * @param operatorId the operator to hand the conversation to (a UUID, the operator's id in gateway-service)
 */
public record AssignRequest(String operatorId) {
}
