package io.switchboard.ingest.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.ingest.config.TelegramConfig;
import io.switchboard.ingest.domain.RecentCommands;
import io.switchboard.ingest.service.MessageSender;
import io.switchboard.telegram.api.SendMessage;
import io.switchboard.telegram.api.TelegramCommand;
import io.switchboard.telegram.api.TelegramResult;
import io.switchboard.telegram.api.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Executes the {@link TelegramCommand}s of {@value Topics#COMMANDS} (channel {@code telegram-commands}, consumer
 * group {@code telegram-ingest-service}) and publishes one {@link TelegramResult} per command to
 * {@value Topics#RESULTS}.
 *
 * <p>Runs on a worker thread, one record at a time per consumer (so one chat's commands keep their order). A record
 * is acknowledged, and its offset committed, only after its result is on Kafka; if the result cannot be published
 * the method fails and the channel stops (failure-strategy {@code fail}), so no command is lost. Commands completed
 * recently by this replica are skipped when redelivered ({@link RecentCommands}, best effort). A record that is not
 * a readable command is logged and skipped, so it cannot block its partition.
 */
@ApplicationScoped
public class CommandConsumer {

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);

    private final ObjectMapper json;
    private final MessageSender sender;
    private final ResultPublisher results;
    private final RecentCommands recent;

    CommandConsumer(ObjectMapper json, MessageSender sender, ResultPublisher results, TelegramConfig config) {
        this.json = json;
        this.sender = sender;
        this.results = results;
        this.recent = new RecentCommands(config.send().recentCommands());
    }

    /**
     * Handles one record of {@value Topics#COMMANDS}.
     *
     * @param value the command's JSON
     * @throws InterruptedException on shutdown; the record is not acknowledged and will be redelivered
     */
    @Incoming("telegram-commands")
    @Blocking
    public void consume(String value) throws InterruptedException {
        if (value == null) {
            LOG.warnf("Skipping an empty record of %s", Topics.COMMANDS);
            return;
        }
        TelegramCommand command;
        try {
            command = json.readValue(value, TelegramCommand.class);
        } catch (JsonProcessingException e) {
            LOG.errorf("Skipping a record of %s that is not a readable command: %s", Topics.COMMANDS,
                    e.getOriginalMessage());
            return;
        }
        if (recent.contains(command.commandId())) {
            LOG.infof("Skipping command %s: already executed by this replica (redelivery)", command.commandId());
            return;
        }
        TelegramResult result;
        if (command instanceof SendMessage sendMessage) {
            result = sender.send(sendMessage);
        } else {
            LOG.errorf("Skipping command %s of unsupported type %s", command.commandId(), command.type());
            return;
        }
        results.publish(result);
        recent.add(command.commandId());
    }
}
