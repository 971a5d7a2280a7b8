package io.switchboard.conversation.domain;

/**
 * What applying one Telegram update did, as recorded in processed_update.
 *
 * @param outcome STORED, APPLIED or SKIPPED
 * @param reason  what it did or why it was skipped (never blank for APPLIED and SKIPPED)
 */
public record UpdateResult(UpdateOutcome outcome, String reason) {

    public static UpdateResult applied(String reason) {
        return new UpdateResult(UpdateOutcome.APPLIED, reason);
    }

    public static UpdateResult skipped(String reason) {
        return new UpdateResult(UpdateOutcome.SKIPPED, reason);
    }
}
