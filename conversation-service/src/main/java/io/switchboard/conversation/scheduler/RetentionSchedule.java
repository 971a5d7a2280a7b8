package io.switchboard.conversation.scheduler;

import io.quarkus.scheduler.Scheduled;
import io.switchboard.conversation.service.ConversationDeletions;
import io.switchboard.conversation.service.FreshVertxContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * The daily retention purge ({@code conversation.retention.cron}, default 03:30 every day; {@code off} disables it):
 * deletes conversations CLOSED longer than {@code conversation.retention.closed-max-age} ago. Every replica runs it;
 * {@code FOR UPDATE SKIP LOCKED} chunks make them share the work instead of repeating it.
 */
@ApplicationScoped
public class RetentionSchedule {

    private static final Logger LOG = Logger.getLogger(RetentionSchedule.class);

    private final ConversationDeletions deletions;
    private final FreshVertxContext contexts;
    private final Clock clock;

    public RetentionSchedule(ConversationDeletions deletions, FreshVertxContext contexts, Clock clock) {
        this.deletions = deletions;
        this.contexts = contexts;
        this.clock = clock;
    }

    @Scheduled(identity = "conversation-retention", cron = "${conversation.retention.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return contexts.run(() -> deletions.purgeExpired(clock.instant()))
                .onFailure().invoke(failure -> LOG.warnf("Retention purge failed, will run again at the next schedule: %s",
                        failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
