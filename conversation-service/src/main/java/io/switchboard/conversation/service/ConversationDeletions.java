package io.switchboard.conversation.service;

import io.switchboard.conversation.api.ConversationDeleted;
import io.switchboard.conversation.config.ConversationConfig;
import io.switchboard.conversation.domain.Actor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * Deleting conversations for good: an admin's bulk delete (by ids or by filter) and the retention purge. Work is
 * split into chunks of {@code conversation.retention.batch-size} conversations, each deleted in its own transaction by
 * {@link ConversationPurge} (audit {@code conversation.deleted} and event {@link ConversationDeleted} per conversation);
 * the outbox relay is woken after each chunk. A failure stops the work after the chunks already committed.
 */
@ApplicationScoped
public class ConversationDeletions {

    private static final Logger LOG = Logger.getLogger(ConversationDeletions.class);

    private final ConversationPurge purge;
    private final OutboxRelay relay;
    private final Clock clock;
    private final ConversationConfig.Retention config;

    public ConversationDeletions(ConversationPurge purge, OutboxRelay relay, Clock clock, ConversationConfig config) {
        this.purge = purge;
        this.relay = relay;
        this.clock = clock;
        this.config = config.retention();
    }

    /**
     * Deletes the conversations with these ids (any status; unknown ids are ignored, duplicates count once). Reason
     * {@value ConversationDeleted#BULK}.
     *
     * @return how many were deleted
     */
    public Uni<Long> byIds(Collection<UUID> ids, Actor actor) {
        List<UUID> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        List<List<UUID>> chunks = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += batchSize()) {
            chunks.add(distinct.subList(from, Math.min(distinct.size(), from + batchSize())));
        }
        Instant now = now();
        Uni<Long> total = Uni.createFrom().item(0L);
        for (List<UUID> chunk : chunks) {
            total = total.chain(sum -> purge.deleteByIds(chunk, actor, now).invoke(this::wakeRelay).map(n -> sum + n));
        }
        return total;
    }

    /**
     * Deletes every conversation CLOSED before {@code cutoff} (an admin's bulk delete by filter), reason
     * {@value ConversationDeleted#BULK}. Rows another transaction holds at that moment are skipped.
     *
     * @return how many were deleted
     */
    public Uni<Long> closedBefore(Instant cutoff, Actor actor) {
        return closedBefore(cutoff, actor, ConversationDeleted.BULK, now(), 0L);
    }

    /**
     * The retention purge: deletes every conversation whose {@code closed_at} is more than
     * {@code conversation.retention.closed-max-age} before {@code now} and that is still CLOSED, with a system audit
     * entry (actor null) and reason {@value ConversationDeleted#RETENTION}. Safe to run on several replicas at once:
     * chunks are locked {@code FOR UPDATE SKIP LOCKED}, so each conversation is deleted (and announced) once.
     *
     * @param now the job's "now" (the service clock; tests pass their own)
     * @return how many were deleted
     */
    public Uni<Long> purgeExpired(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        Duration maxAge = config.closedMaxAge();
        Instant cutoff = at.minus(maxAge);
        return closedBefore(cutoff, null, ConversationDeleted.RETENTION, at, 0L)
                .invoke(n -> LOG.infof("Retention: deleted %d conversations closed before %s (older than %s)", n, cutoff, maxAge));
    }

    private Uni<Long> closedBefore(Instant cutoff, Actor actor, String reason, Instant now, long sofar) {
        int limit = batchSize();
        return purge.deleteClosedBefore(cutoff, limit, actor, reason, now)
                .invoke(this::wakeRelay)
                .chain(n -> n < limit ? Uni.createFrom().item(sofar + n) : closedBefore(cutoff, actor, reason, now, sofar + n));
    }

    private void wakeRelay(int deleted) {
        if (deleted > 0) {
            relay.trigger();
        }
    }

    private int batchSize() {
        return Math.max(1, Math.min(1000, config.batchSize()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
