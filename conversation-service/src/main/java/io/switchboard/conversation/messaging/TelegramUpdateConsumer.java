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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes {@code telegram.updates} (group {@code conversation-service}; value: the raw Telegram Update JSON).
 * Private-chat text messages are stored; every other update is recorded as skipped with a reason and logged at
 * INFO; a value without a readable update_id is logged and dropped. Nothing here blocks the partition: only an
 * update whose transaction keeps failing after its retries reaches the dead-letter topic.
 */
@ApplicationScoped
public class TelegramUpdateConsumer {

    private static final Logger LOG = Logger.getLogger(TelegramUpdateConsumer.class);

    private final TelegramUpdateReader reader;
    private final CustomerMessageIntake intake;
    private final RetryingTransactions transactions;
    private final OutboxRelay relay;
    private final FreshVertxContext contexts;
    private final KafkaRecordSender sender;
    private final String deadLetterTopic;

    public TelegramUpdateConsumer(TelegramUpdateReader reader, CustomerMessageIntake intake,
                                  RetryingTransactions transactions, OutboxRelay relay, FreshVertxContext contexts,
                                  KafkaRecordSender sender,
                                  @ConfigProperty(name = "mp.messaging.incoming.telegram-updates.dead-letter-queue.topic",
                                          defaultValue = "telegram.updates.dlq") String deadLetterTopic) {
        this.reader = reader;
        this.intake = intake;
        this.transactions = transactions;
        this.relay = relay;
        this.contexts = contexts;
        this.sender = sender;
        this.deadLetterTopic = deadLetterTopic;
    }

    /**
     * Consumes one poll of {@code telegram.updates} (one partition's records in order, at most
     * {@code max.poll.records}). The batch is stored in one transaction; when that fails (a unique-index race, a
     * database hiccup, an update that cannot be stored) every update is replayed in its own retried transaction,
     * so one bad update never holds back the others. An update that still fails after its retries is published to
     * the dead-letter topic (with the reason in the {@code dead-letter-reason} header) and the partition moves on.
     */
    @Incoming("telegram-updates")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> kept = new ArrayList<>(records.count());
        List<InboundUpdate> updates = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            InboundUpdate update = reader.read(record.value());
            if (update instanceof Unreadable unreadable) {
                LOG.warnf("Dropped a record of telegram.updates that is not a Telegram update: %s", unreadable.reason());
            } else {
                kept.add(record);
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
                    if (outcomes.contains(UpdateOutcome.STORED) || outcomes.contains(UpdateOutcome.APPLIED)) {
                        relay.trigger(); // one wake-up for the whole batch's outbox rows
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    LOG.infof("A batch of %d updates failed (%s); storing them one by one", updates.size(),
                            failure.toString());
                    return Multi.createFrom().range(0, updates.size())
                            .onItem().transformToUniAndConcatenate(i -> acceptOne(kept.get(i), updates.get(i)))
                            .collect().last().replaceWithVoid();
                });
    }

    private Uni<Void> acceptOne(ConsumerRecord<String, String> record, InboundUpdate update) {
        return transactions.run("update " + updateId(update), () -> intake.accept(update))
                .invoke(outcome -> {
                    report(update, outcome);
                    if (outcome == UpdateOutcome.STORED || outcome == UpdateOutcome.APPLIED) {
                        relay.trigger();
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> deadLetter(record, update, failure));
    }

    private Uni<Void> deadLetter(ConsumerRecord<String, String> record, InboundUpdate update, Throwable failure) {
        LOG.errorf("Update %d could not be stored after every retry; published to %s: %s", updateId(update),
                deadLetterTopic, failure.toString());
        ProducerRecord<String, String> dead = new ProducerRecord<>(deadLetterTopic, record.key(), record.value());
        dead.headers().add("dead-letter-reason", String.valueOf(failure.getMessage()).getBytes(StandardCharsets.UTF_8));
        dead.headers().add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        dead.headers().add("dead-letter-offset",
                (record.partition() + ":" + record.offset()).getBytes(StandardCharsets.UTF_8));
        return sender.sendAll(List.of(dead));
    }

    private static long updateId(InboundUpdate update) {
        return update.updateId();
    }

    private void report(InboundUpdate update, UpdateOutcome outcome) {
        long updateId = updateId(update);
        switch (outcome) {
            case STORED -> LOG.debugf("Stored update %d", updateId);
            case APPLIED -> LOG.debugf("Applied update %d (%s)", updateId, update.kind());
            case SKIPPED -> {
                if (update instanceof Skipped skipped) {
                    LOG.infof("Skipped update %d (%s): %s", updateId, skipped.kind(), skipped.reason());
                } else {
                    LOG.infof("Skipped update %d (%s)", updateId, update.kind());
                }
            }
            case DUPLICATE -> LOG.infof("Update %d was processed before; ignored", updateId);
        }
    }
}
