package io.switchboard.conversation.messaging;

import io.switchboard.conversation.domain.InboundUpdate;
import io.switchboard.conversation.domain.InboundUpdate.CustomerText;
import io.switchboard.conversation.domain.InboundUpdate.Skipped;
import io.switchboard.conversation.domain.InboundUpdate.Unreadable;
import io.switchboard.conversation.domain.UpdateOutcome;
import io.switchboard.conversation.service.CustomerMessageIntake;
import io.switchboard.conversation.service.OutboxRelay;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code telegram.updates} (group {@code conversation-service}; value: the raw Telegram Update JSON).
 * Private-chat text messages are stored; every other update is recorded as skipped with a reason and logged at
 * INFO; a value without a readable update_id is logged and dropped. Nothing here blocks the partition: only a
 * transaction that keeps failing after its retries reaches the dead-letter topic.
 */
@ApplicationScoped
public class TelegramUpdateConsumer {

    private static final Logger LOG = Logger.getLogger(TelegramUpdateConsumer.class);

    private final TelegramUpdateReader reader;
    private final CustomerMessageIntake intake;
    private final RetryingTransactions transactions;
    private final OutboxRelay relay;

    public TelegramUpdateConsumer(TelegramUpdateReader reader, CustomerMessageIntake intake,
                                  RetryingTransactions transactions, OutboxRelay relay) {
        this.reader = reader;
        this.intake = intake;
        this.transactions = transactions;
        this.relay = relay;
    }

    @Incoming("telegram-updates")
    public Uni<Void> consume(String value) {
        InboundUpdate update = reader.read(value);
        if (update instanceof Unreadable unreadable) {
            LOG.warnf("Dropped a record of telegram.updates that is not a Telegram update: %s", unreadable.reason());
            return Uni.createFrom().voidItem();
        }
        long updateId = update instanceof CustomerText text ? text.updateId() : ((Skipped) update).updateId();
        return transactions.run("update " + updateId, () -> intake.accept(update))
                .invoke(outcome -> report(update, updateId, outcome))
                .replaceWithVoid();
    }

    private void report(InboundUpdate update, long updateId, UpdateOutcome outcome) {
        switch (outcome) {
            case STORED -> {
                LOG.debugf("Stored update %d", updateId);
                relay.trigger();
            }
            case SKIPPED -> {
                Skipped skipped = (Skipped) update;
                LOG.infof("Skipped update %d (%s): %s", updateId, skipped.kind(), skipped.reason());
            }
            case DUPLICATE -> LOG.infof("Update %d was processed before; ignored", updateId);
        }
    }
}
