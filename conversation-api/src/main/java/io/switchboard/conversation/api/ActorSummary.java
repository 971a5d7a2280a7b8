package io.switchboard.conversation.api;

import java.util.UUID;

/**
 * The operator who caused an event.
 *
 * @param id   operator id (the JWT subject)
 * @param name the operator's display name at the time
 */
public record ActorSummary(UUID id, String name) {
}
