package io.switchboard.conversation.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.conversation.service.OutboxRelay;
import io.switchboard.conversation.service.WidgetMessageIntake;
import io.switchboard.conversation.service.WidgetMessageIntake.Outcome;
import io.switchboard.widget.api.WidgetCommand;
import io.switchboard.widget.api.WidgetMessagePosted;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code widget.messages} (group {@code conversation-service}; key: conversation id; value:
 * {@link WidgetCommand} JSON from the gateway) and stores each {@code widget.message_posted} once per
 * (conversation, clientMessageId) through {@link WidgetMessageIntake}: a redelivered or re-posted record changes
 * nothing. A record that can never be stored (not a WidgetCommand, an unknown conversation, a customer id that is not
 * the conversation's customer, a malformed client message id or text) fails at once, without retries, and the
 * channel's failure strategy publishes it to {@code widget.messages.dlq} with the reason in the
 * {@code dead-letter-reason} header. A transaction that keeps failing (database trouble) is retried with back-off
 * ({@code conversation.consumer.*}) and then goes to the same topic.
 */
@ApplicationScoped
public class WidgetMessageConsumer {

    private static final Logger LOG = Logger.getLogger(WidgetMessageConsumer.class);

    private final ObjectMapper mapper;
    private final WidgetMessageIntake intake;
    private final RetryingTransactions transactions;
    private final OutboxRelay relay;

    public WidgetMessageConsumer(ObjectMapper mapper, WidgetMessageIntake intake, RetryingTransactions transactions,
                                 OutboxRelay relay) {
        this.mapper = mapper;
        this.intake = intake;
        this.transactions = transactions;
        this.relay = relay;
    }

    /** A record that can never be stored; its message becomes the {@code dead-letter-reason}. */
    public static class RefusedRecordException extends RuntimeException {
        public RefusedRecordException(String reason) {
            super(reason, null, false, false);
        }
    }

    @Incoming("widget-messages")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        WidgetMessagePosted posted;
        try {
            posted = read(record.value());
        } catch (RefusedRecordException e) {
            return refuse(record, e.getMessage());
        }
        return transactions.run("widget message " + posted.conversationId() + "/" + posted.clientMessageId(),
                        () -> intake.accept(posted))
                .chain(outcome -> {
                    if (outcome instanceof Outcome.Refused refused) {
                        return refuse(record, refused.reason());
                    }
                    if (outcome instanceof Outcome.Stored) {
                        relay.trigger();
                        LOG.debugf("Stored widget message %s/%s", posted.conversationId(), posted.clientMessageId());
                    } else {
                        LOG.infof("Widget message %s/%s was stored before; ignored", posted.conversationId(),
                                posted.clientMessageId());
                    }
                    return Uni.createFrom().voidItem();
                });
    }

    private WidgetMessagePosted read(String value) {
        if (value == null) {
            throw new RefusedRecordException("the record has no value");
        }
        WidgetCommand command;
        try {
            command = mapper.readValue(value, WidgetCommand.class);
        } catch (JsonProcessingException e) {
            throw new RefusedRecordException("not a WidgetCommand: " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            throw new RefusedRecordException("not a WidgetCommand: " + e.getMessage());
        }
        if (command instanceof WidgetMessagePosted posted) {
            return posted;
        }
        throw new RefusedRecordException("unsupported widget command " + command.type());
    }

    private static Uni<Void> refuse(ConsumerRecord<String, String> record, String reason) {
        LOG.warnf("Refused a record of widget.messages (%d:%d), sent to the dead-letter topic: %s", record.partition(),
                record.offset(), reason);
        return Uni.createFrom().failure(new RefusedRecordException(reason));
    }
}
