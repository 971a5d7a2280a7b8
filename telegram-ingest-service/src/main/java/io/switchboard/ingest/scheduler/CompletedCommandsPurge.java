package io.switchboard.ingest.scheduler;

import io.quarkus.scheduler.Scheduled;
import io.switchboard.ingest.config.TelegramConfig;
import io.switchboard.ingest.repository.CompletedCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * The daily purge of {@code completed_command} ({@code telegram.send.completed-commands-purge-cron}, default 03:45
 * every day; {@code off} disables it): deletes the commands completed longer than
 * {@code telegram.send.completed-commands-retention} (7 days) ago. Every replica runs it; the delete is idempotent.
 * Runs on a worker thread (blocking JDBC); a failure is logged and the next run tries again.
 */
@ApplicationScoped
public class CompletedCommandsPurge {

    private static final Logger LOG = Logger.getLogger(CompletedCommandsPurge.class);

    private final CompletedCommands completed;
    private final TelegramConfig config;

    CompletedCommandsPurge(CompletedCommands completed, TelegramConfig config) {
        this.completed = completed;
        this.config = config;
    }

    @Scheduled(identity = "completed-commands-purge", cron = "${telegram.send.completed-commands-purge-cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try {
            int deleted = completed.purgeOlderThan(Instant.now().minus(config.send().completedCommandsRetention()));
            LOG.infof("Purged %d completed commands older than %s", deleted,
                    config.send().completedCommandsRetention());
        } catch (RuntimeException e) {
            LOG.warnf("Purge of completed_command failed, will run again at the next schedule: %s", e.getMessage());
        }
    }
}
