package io.switchboard.ingest.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ingest.config.TelegramConfig;
import io.switchboard.ingest.domain.RecentCommands;
import io.switchboard.ingest.service.OutboundQueue;
import io.switchboard.telegram.api.TelegramCommand;
import io.switchboard.telegram.api.TelegramResult;
import io.switchboard.telegram.api.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.Set;
import java.util.UUID;
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
 * record is nacked and the channel stops (failure-strategy {@code fail}). A command completed or queued on this
 * replica is skipped when redelivered ({@link RecentCommands}, best effort). A record that is not a readable command
 * is logged and acknowledged, so it cannot block its partition. Intake pauses while the queue is full.
 */
@ApplicationScoped
public class CommandConsumer {

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);

    private final ObjectMapper json;
    private final OutboundQueue queue;
    private final ResultPublisher results;
    private final RecentCommands recent;
    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();

    CommandConsumer(ObjectMapper json, OutboundQueue queue, ResultPublisher results, TelegramConfig config) {
        this.json = json;
        this.queue = queue;
        this.results = results;
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
        if (recent.contains(command.commandId()) || !queued.add(command.commandId())) {
            LOG.infof("Skipping command %s: already executed or queued by this replica (redelivery)",
                    command.commandId());
            return record.ack();
        }
        return queue.submit(command, result -> finish(record, command, result));
    }

    private void finish(Message<String> record, TelegramCommand command, TelegramResult result) {
        try {
            if (result != null) {
                results.publish(result);
            }
            recent.add(command.commandId());
            record.ack();
        } catch (RuntimeException e) {
            LOG.errorf("Could not publish the result of command %s: %s", command.commandId(), e.getMessage());
            record.nack(e);
        } finally {
            queued.remove(command.commandId());
        }
    }
}
