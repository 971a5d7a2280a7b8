package io.switchboard.conversation.rest;

import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the audit log.
 *
 * @param id             entry id
 * @param conversationId the conversation acted on, or null (canned responses, tags, templates, timers)
 * @param actorId        the operator, or null for the system (timers, retention)
 * @param actorName      the operator's display name at the time, or null
 * @param action         dotted name, e.g. {@code conversation.claimed}, {@code tag.attached}
 * @param before         state before, as a JSON object (not a string), or null
 * @param after          state after, as a JSON object, or null
 * @param occurredAt     ISO-8601
 */
public record AuditEntryView(UUID id, UUID conversationId, UUID actorId, String actorName, String action,
                             @JsonRawValue String before, @JsonRawValue String after, Instant occurredAt) {
}
