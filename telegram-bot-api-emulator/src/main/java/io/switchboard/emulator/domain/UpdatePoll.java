package io.switchboard.emulator.domain;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A getUpdates long poll waiting for an Update.
 *
 * @param offset the (already applied) offset: Updates with a smaller update_id are not returned; 0 means from the start
 * @param limit  at most this many Updates are returned (1-100)
 * @param answer completed with the Updates, with an empty list on timeout, or exceptionally with a {@link BotApiError}
 */
public record UpdatePoll(long offset, int limit, CompletableFuture<List<QueuedUpdate>> answer) {

    /** A new, unanswered poll. */
    public static UpdatePoll waiting(long offset, int limit) {
        return new UpdatePoll(offset, limit, new CompletableFuture<>());
    }
}
