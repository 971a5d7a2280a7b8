package io.switchboard.conversation.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.conversation.service.DeliveryResults;
import io.switchboard.conversation.service.ForumTopics;
import io.switchboard.conversation.service.OutboxRelay;
import io.switchboard.telegram.api.TelegramResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code telegram.results} (group {@code conversation-service}; value: {@link TelegramResult} JSON) and
 * applies them ({@link DeliveryResults}: outbound messages settle as SENT or FAILED, failed edits and deletions are
 * audited). Unreadable values are logged and dropped; results for messages that are not PENDING (redeliveries)
 * change nothing.
 */
@ApplicationScoped
public class TelegramResultConsumer {

    private static final Logger LOG = Logger.getLogger(TelegramResultConsumer.class);

    private final ObjectMapper mapper;
    private final DeliveryResults results;
    private final RetryingTransactions transactions;
    private final OutboxRelay relay;
    @jakarta.inject.Inject
    ForumTopics forumTopics;

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
        if (result == null) {
            LOG.warn("Dropped an empty record of telegram.results");
            return Uni.createFrom().voidItem();
        }
        TelegramResult applied = result;
        return transactions.run(result.type() + " " + result.eventId(),
                        // the topics console's results (topic created, TOPIC_MISSING, mirrors) are ForumTopics' business
                        () -> ForumTopics.handles(applied) ? forumTopics.apply(applied) : results.apply(applied))
                .invoke(changed -> {
                    if (changed) {
                        relay.trigger();
                    } else {
                        LOG.debugf("%s (command %s, message %s) changed nothing: a redelivery, an unknown message, or"
                                + " nothing to change", result.type(), result.commandId(), result.messageId());
                    }
                })
                .replaceWithVoid();
    }
}
