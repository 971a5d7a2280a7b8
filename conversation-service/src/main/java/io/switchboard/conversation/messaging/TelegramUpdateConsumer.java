package io.switchboard.conversation.messaging;

import io.switchboard.conversation.domain.InboundUpdate;
import io.switchboard.conversation.domain.InboundUpdate.CustomerText;
import io.switchboard.conversation.domain.InboundUpdate.Skipped;
import io.switchboard.conversation.domain.InboundUpdate.Unreadable;
import io.switchboard.conversation.domain.UpdateOutcome;
import io.switchboard.conversation.service.CustomerMessageIntake;
import io.switchboard.conversation.service.OutboxRelay;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.conversation.service.FreshVertxContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

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
    private final FreshVertxContext contexts;

    public TelegramUpdateConsumer(TelegramUpdateReader reader, CustomerMessageIntake intake,
                                  RetryingTransactions transactions, OutboxRelay relay, FreshVertxContext contexts) {
        this.reader = reader;
        this.intake = intake;
        this.transactions = transactions;
        this.relay = relay;
        this.contexts = contexts;
    }

    /**
     * Consumes one poll of {@code telegram.updates} (one partition's records in order, at most
     * {@code max.poll.records}). The batch is stored in one transaction; when that fails (a unique-index race, a
     * database hiccup, an update that cannot be stored) every update is replayed in its own retried transaction,
     * so one bad update never holds back the others, and only what still fails reaches the dead-letter topic.
     */
    @Incoming("telegram-updates")
    public Uni<Void> consume(List<String> values) {
        List<InboundUpdate> updates = new ArrayList<>(values.size());
        for (String value : values) {
            InboundUpdate update = reader.read(value);
            if (update instanceof Unreadable unreadable) {
                LOG.warnf("Dropped a record of telegram.updates that is not a Telegram update: %s", unreadable.reason());
            } else {
                updates.add(update);
            }
        }
        if (updates.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return contexts.run(() -> intake.acceptAll(updates))
                .invoke(outcomes -> {
                    for (int i = 0; i < updates.size(); i++) {
                        report(updates.get(i), outcomes.get(i));
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    LOG.infof("A batch of %d updates failed (%s); storing them one by one", updates.size(),
                            failure.toString());
                    return Multi.createFrom().iterable(updates)
                            .onItem().transformToUniAndConcatenate(this::acceptOne)
                            .collect().last().replaceWithVoid();
                });
    }

    private Uni<Void> acceptOne(InboundUpdate update) {
        return transactions.run("update " + updateId(update), () -> intake.accept(update))
                .invoke(outcome -> report(update, outcome))
                .replaceWithVoid();
    }

    private static long updateId(InboundUpdate update) {
        return update instanceof CustomerText text ? text.updateId() : ((Skipped) update).updateId();
    }

    private void report(InboundUpdate update, UpdateOutcome outcome) {
        long updateId = updateId(update);
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
