package io.switchboard.conversation.api;

import java.util.UUID;

/**
 * A conversation's lifecycle state right after a change, carried by every lifecycle event.
 *
 * @param status     {@code OPEN_UNCLAIMED}, {@code OPEN_ASSIGNED}, {@code AWAITING_CUSTOMER}, {@code CLOSED} or
 *                   {@code BLOCKED}
 * @param assigneeId the operator who holds it, or null while nobody does
 * @param codename   human-friendly name such as "Blue Lion #84C2" (may change when a closed conversation reopens)
 */
public record ConversationState(String status, UUID assigneeId, String codename) {
}
