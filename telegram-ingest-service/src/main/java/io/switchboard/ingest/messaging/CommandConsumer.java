package io.switchboard.ingest.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ingest.config.TelegramConfig;
import io.switchboard.ingest.domain.RecentCommands;
import io.switchboard.ingest.repository.CompletedCommands;
import io.switchboard.ingest.service.OutboundQueue;
import io.switchboard.telegram.api.TelegramCommand;
import io.switchboard.telegram.api.TelegramResult;
import io.switchboard.telegram.api.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Takes the {@link TelegramCommand}s of {@value Topics#COMMANDS} (channel {@code telegram-commands}, consumer group
 * {@code telegram-ingest-service}) into the {@link OutboundQueue} and publishes one {@link TelegramResult} per
 * command to {@value Topics#RESULTS} ({@code SendChatAction} excepted).
 *
 * <p>Records are acknowledged out of order, each once its result is on Kafka; the throttled commit strategy commits
 * a partition only up to its oldest unfinished command, so a chat waiting minutes for a {@code retry_after} never
 * holds back another chat, and nothing is lost on a crash (it is redelivered). If a result cannot be published the
 * record is nacked and the channel stops (failure-strategy {@code fail}). A completed command is acknowledged and
 * skipped when redelivered: completed on this replica ({@link RecentCommands}, in memory) or on any replica since
 * {@code telegram.send.completed-commands-retention} (table {@code completed_command}, {@link CompletedCommands},
 * looked up and written on worker threads; a database failure is logged and the command is executed, never
 * dropped). A redelivered command still held here is not queued twice, its record is acknowledged together with the
 * first one when the command is finished.
 * When a partition is revoked ({@link CommandRebalanceListener}) its commands that made no Bot API call yet are
 * dropped unacknowledged: the partition's new owner gets them. A record that is not a readable command is logged
 * and acknowledged, so it cannot block its partition. Intake pauses while the queue is full.
 */
@ApplicationScoped
public class CommandConsumer {

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);

    private final ObjectMapper json;
    private final OutboundQueue queue;
    private final ResultPublisher results;
    private final RecentCommands recent;
    private final CompletedCommands completed;
    private final Map<UUID, Held> held = new ConcurrentHashMap<>();

    /** A command held on this replica and every record that carried it (a redelivery adds one). */
    private static final class Held {
        private final List<Message<String>> records = new ArrayList<>();
        private boolean finished;

        Held(Message<String> record) {
            records.add(record);
        }

        /** Adds a redelivered record; false when the command is already finished. */
        synchronized boolean attach(Message<String> record) {
            if (finished) {
                return false;
            }
            records.add(record);
            return true;
        }

        /** Marks it finished and returns its records. */
        synchronized List<Message<String>> finish() {
            finished = true;
            return List.copyOf(records);
        }

        /** Whether every record that carried it came from one of {@code partitions}. */
        synchronized boolean onlyFrom(Set<TopicPartition> partitions) {
            for (Message<String> record : records) {
                TopicPartition partition = record.getMetadata(IncomingKafkaRecordMetadata.class)
                        .map(m -> new TopicPartition(m.getTopic(), m.getPartition())).orElse(null);
                if (partition == null || !partitions.contains(partition)) {
                    return false;
                }
            }
            return true;
        }
    }

    CommandConsumer(ObjectMapper json, OutboundQueue queue, ResultPublisher results, CompletedCommands completed,
                    TelegramConfig config) {
        this.json = json;
        this.queue = queue;
        this.results = results;
        this.completed = completed;
        this.recent = new RecentCommands(config.send().recentCommands());
    }

    /**
     * Queues one record of {@value Topics#COMMANDS}; it is acknowledged later, when its result is published.
     *
     * @return completes when the command was admitted to the queue (the next record waits for that)
     */
    @Incoming("telegram-commands")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<String> record) {
        String value = record.getPayload();
        if (value == null) {
            LOG.warnf("Skipping an empty record of %s", Topics.COMMANDS);
            return record.ack();
        }
        TelegramCommand command;
        try {
            command = json.readValue(value, TelegramCommand.class);
        } catch (JsonProcessingException e) {
            LOG.errorf("Skipping a record of %s that is not a readable command: %s", Topics.COMMANDS,
                    e.getOriginalMessage());
            return record.ack();
        } catch (RuntimeException e) {
            LOG.errorf("Skipping a record of %s that is not a valid command: %s", Topics.COMMANDS, e.getMessage());
            return record.ack();
        }
        if (recent.contains(command.commandId())) {
            LOG.infof("Skipping command %s: already executed by this replica (redelivery)", command.commandId());
            return record.ack();
        }
        if (held.containsKey(command.commandId())) {
            return admit(record, command); // held here: not completed yet, no need to ask the database
        }
        // this method runs on the consumer's event loop: the JDBC lookup goes to a worker thread
        return CompletableFuture.supplyAsync(() -> completedElsewhere(command), Infrastructure.getDefaultWorkerPool())
                .thenCompose(done -> {
                    if (done) {
                        LOG.infof("Skipping command %s: already executed (completed_command, redelivery)",
                                command.commandId());
                        return record.ack();
                    }
                    return admit(record, command);
                });
    }

    /** Whether the command is in {@code completed_command}; false (execute it) when the database fails. */
    private boolean completedElsewhere(TelegramCommand command) {
        try {
            return completed.contains(command.commandId());
        } catch (RuntimeException e) {
            LOG.warnf("Could not check whether command %s was already executed, executing it: %s",
                    command.commandId(), e.getMessage());
            return false;
        }
    }

    /** Queues the command, or attaches the record to the same command already held here. */
    private CompletionStage<Void> admit(Message<String> record, TelegramCommand command) {
        Held fresh = new Held(record);
        Held existing = held.putIfAbsent(command.commandId(), fresh);
        if (existing != null) {
            if (existing.attach(record)) {
                LOG.infof("Command %s is redelivered while still queued here: acknowledged when it is finished",
                        command.commandId());
                return CompletableFuture.completedFuture(null);
            }
            return record.ack(); // finished meanwhile: its result is published
        }
        if (recent.contains(command.commandId())) { // finished and released while the database was asked
            held.remove(command.commandId(), fresh);
            return record.ack();
        }
        return queue.submit(command, result -> finish(fresh, command, result));
    }

    /**
     * The partitions were revoked (or lost): drops their commands that made no Bot API call yet, unacknowledged, so
     * the new owner executes them. Commands already started here are finished here.
     */
    void revoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Set<TopicPartition> revoked = Set.copyOf(partitions);
        List<TelegramCommand> dropped = queue.drop(command -> {
            Held h = held.get(command.commandId());
            return h != null && h.onlyFrom(revoked);
        });
        for (TelegramCommand command : dropped) {
            held.remove(command.commandId());
        }
        if (!dropped.isEmpty()) {
            LOG.infof("Partitions %s revoked: %d queued commands left to their new owner", revoked, dropped.size());
        }
    }

    private void finish(Held h, TelegramCommand command, TelegramResult result) {
        List<Message<String>> records = h.finish();
        try {
            if (result != null) {
                results.publish(result);
            }
            recent.add(command.commandId());
            records.forEach(Message::ack);
            remember(command);
        } catch (RuntimeException e) {
            LOG.errorf("Could not publish the result of command %s: %s", command.commandId(), e.getMessage());
            records.forEach(r -> r.nack(e));
        } finally {
            held.remove(command.commandId(), h);
        }
    }

    /** Writes the completed command to {@code completed_command} on a worker thread; a failure is only logged. */
    private void remember(TelegramCommand command) {
        Instant now = Instant.now();
        try {
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                try {
                    completed.record(command.commandId(), now);
                } catch (RuntimeException e) {
                    LOG.warnf("Could not record command %s as executed (a redelivery to another replica would "
                            + "send it again): %s", command.commandId(), e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("Could not record command %s as executed: %s", command.commandId(), e.getMessage());
        }
    }
}
