package io.switchboard.conversation.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.conversation.service.DeliveryResults;
import io.switchboard.conversation.service.OutboxRelay;
import io.switchboard.telegram.api.TelegramResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code telegram.results} (group {@code conversation-service}; value: {@link TelegramResult} JSON) and
 * settles outbound messages as SENT or FAILED. Unreadable values are logged and dropped; results for messages that
 * are not PENDING (redeliveries) change nothing.
 */
@ApplicationScoped
public class TelegramResultConsumer {

    private static final Logger LOG = Logger.getLogger(TelegramResultConsumer.class);

    private final ObjectMapper mapper;
    private final DeliveryResults results;
    private final RetryingTransactions transactions;
    private final OutboxRelay relay;

    public TelegramResultConsumer(ObjectMapper mapper, DeliveryResults results, RetryingTransactions transactions,
                                  OutboxRelay relay) {
        this.mapper = mapper;
        this.results = results;
        this.transactions = transactions;
        this.relay = relay;
    }

    @Incoming("telegram-results")
    public Uni<Void> consume(String value) {
        TelegramResult result;
        try {
            result = value == null ? null : mapper.readValue(value, TelegramResult.class);
        } catch (JsonProcessingException e) {
            LOG.warnf("Dropped a record of telegram.results that is not a TelegramResult: %s", e.getOriginalMessage());
            return Uni.createFrom().voidItem();
        } catch (IllegalArgumentException e) {
            LOG.warnf("Dropped a record of telegram.results that is not a TelegramResult: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (result == null || result.messageId() == null) {
            LOG.warn("Dropped a record of telegram.results without a message id");
            return Uni.createFrom().voidItem();
        }
        return transactions.run(result.type() + " " + result.eventId(), () -> results.apply(result))
                .invoke(changed -> {
                    if (changed) {
                        relay.trigger();
                    } else {
                        LOG.infof("Ignored %s for message %s: it is not pending (a redelivery, or unknown)",
                                result.type(), result.messageId());
                    }
                })
                .replaceWithVoid();
    }
}
