package io.switchboard.conversation.messaging;

import io.switchboard.conversation.domain.InboundUpdate;
import io.switchboard.conversation.domain.InboundUpdate.CustomerText;
import io.switchboard.conversation.domain.InboundUpdate.Skipped;
import io.switchboard.conversation.domain.InboundUpdate.Unreadable;
import io.switchboard.conversation.domain.ReceivedUpdate;
import io.switchboard.conversation.domain.UpdateOutcome;
import io.switchboard.conversation.service.CustomerMessageIntake;
import io.switchboard.conversation.service.OutboxRelay;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.conversation.service.FreshVertxContext;
import io.switchboard.telegram.api.BotIdHeader;
import io.switchboard.telegram.api.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Consumes {@code telegram.updates} (group {@code conversation-service}; value: the raw Telegram Update JSON; header
 * {@value Topics#BOT_ID_HEADER}: the receiving bot's id, read as 0 when missing or unreadable, logged at DEBUG).
 * Updates are de-duplicated by (bot id, update_id), as Telegram numbers update_ids per bot. Private-chat text
 * messages are stored; every other update is recorded as skipped with a reason and logged at
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
        List<ReceivedUpdate> updates = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            InboundUpdate update = reader.read(record.value());
            if (update instanceof Unreadable unreadable) {
                LOG.warnf("Dropped a record of telegram.updates that is not a Telegram update: %s", unreadable.reason());
            } else {
                kept.add(record);
                updates.add(new ReceivedUpdate(botId(record), update));
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

    private Uni<Void> acceptOne(ConsumerRecord<String, String> record, ReceivedUpdate update) {
        return transactions.run("update " + describe(update), () -> intake.accept(update.botId(), update.update()))
                .invoke(outcome -> {
                    report(update, outcome);
                    if (outcome == UpdateOutcome.STORED || outcome == UpdateOutcome.APPLIED) {
                        relay.trigger();
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> deadLetter(record, update, failure));
    }

    private Uni<Void> deadLetter(ConsumerRecord<String, String> record, ReceivedUpdate update, Throwable failure) {
        LOG.errorf("Update %s could not be stored after every retry; published to %s: %s", describe(update),
                deadLetterTopic, failure.toString());
        ProducerRecord<String, String> dead = new ProducerRecord<>(deadLetterTopic, record.key(), record.value());
        Header botId = record.headers().lastHeader(Topics.BOT_ID_HEADER);
        if (botId != null) {
            dead.headers().add(botId); // so that a replay from the dead-letter topic keeps the bot
        }
        dead.headers().add("dead-letter-reason", String.valueOf(failure.getMessage()).getBytes(StandardCharsets.UTF_8));
        dead.headers().add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        dead.headers().add("dead-letter-offset",
                (record.partition() + ":" + record.offset()).getBytes(StandardCharsets.UTF_8));
        return sender.sendAll(List.of(dead));
    }

    /**
     * The record's {@value Topics#BOT_ID_HEADER} (the last one when repeated); 0 when it is missing (published before
     * the header existed) or not a bot id, logged at DEBUG.
     */
    static long botId(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(Topics.BOT_ID_HEADER);
        OptionalLong botId = BotIdHeader.decode(header == null ? null : header.value());
        if (botId.isEmpty()) {
            LOG.debugf("Record %d:%d of telegram.updates has %s %s header; taking bot 0", record.partition(),
                    record.offset(), header == null ? "no" : "an unreadable", Topics.BOT_ID_HEADER);
        }
        return botId.orElse(0);
    }

    /** {@code <update_id> of bot <bot id>}, for the log. */
    private static String describe(ReceivedUpdate update) {
        return update.update().updateId() + " of bot " + update.botId();
    }

    private void report(ReceivedUpdate received, UpdateOutcome outcome) {
        InboundUpdate update = received.update();
        String id = describe(received);
        switch (outcome) {
            case STORED -> LOG.debugf("Stored update %s", id);
            case APPLIED -> LOG.debugf("Applied update %s (%s)", id, update.kind());
            case SKIPPED -> {
                if (update instanceof Skipped skipped) {
                    LOG.infof("Skipped update %s (%s): %s", id, skipped.kind(), skipped.reason());
                } else {
                    LOG.infof("Skipped update %s (%s)", id, update.kind());
                }
            }
            case DUPLICATE -> LOG.infof("Update %s was processed before; ignored", id);
        }
    }
}
