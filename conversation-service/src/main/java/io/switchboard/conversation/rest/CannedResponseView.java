package io.switchboard.conversation.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * A canned response as operators see it.
 *
 * @param id         canned response id
 * @param title      1..120 characters
 * @param text       1..4096 characters, inserted into the reply exactly as written
 * @param category   grouping such as "Billing", or null
 * @param shortcut   e.g. {@code refund} (typed as {@code /refund}), or null
 * @param shared     true: every operator sees it (admins edit it); false: only its owner sees and edits it
 * @param ownerId    the operator who created it (for a personal one, the only one who sees it)
 * @param usageCount how often it was inserted into a reply
 * @param createdAt  ISO-8601
 * @param updatedAt  ISO-8601
 */
public record CannedResponseView(UUID id, String title, String text, String category, String shortcut, boolean shared,
                                 UUID ownerId, long usageCount, Instant createdAt, Instant updatedAt) {
}
