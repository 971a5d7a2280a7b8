package io.switchboard.conversation.service;

/**
 * How many conversations each list tab holds, for one operator ({@code GET /api/conversations/counts}).
 *
 * @param unclaimed OPEN_UNCLAIMED
 * @param mine      open and held by the asking operator
 * @param open      OPEN_UNCLAIMED, OPEN_ASSIGNED or AWAITING_CUSTOMER
 * @param closed    CLOSED
 * @param blocked   BLOCKED
 */
public record ConversationCounts(long unclaimed, long mine, long open, long closed, long blocked) {
}
