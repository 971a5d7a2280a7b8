package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.config.ConversationConfig;
import io.switchboard.conversation.messaging.KafkaRecordSender;
import io.switchboard.conversation.repository.OutboxRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * One transaction of the outbox relay: takes the relay's advisory lock (one publisher at a time across replicas,
 * so each key's records leave in id order), locks the oldest unpublished rows ({@code FOR UPDATE SKIP LOCKED}),
 * sends them in id order, waits for every acknowledgement, then marks them published. A failed send rolls the
 * transaction back and the rows go out again on a later pass (at-least-once).
 */
@ApplicationScoped
public class OutboxBatches {

    private final OutboxRepository outbox;
    private final KafkaRecordSender sender;
    private final int batchSize;

    public OutboxBatches(OutboxRepository outbox, KafkaRecordSender sender, ConversationConfig config) {
        this.outbox = outbox;
        this.sender = sender;
        this.batchSize = config.outbox().batchSize();
    }

    /** Rows per batch ({@code conversation.outbox.batch-size}). */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Publishes the next batch.
     *
     * @return how many rows were published (0 when none were pending or another pass holds the lock)
     */
    @WithTransaction
    public Uni<Integer> publishNext() {
        Context context = Vertx.currentContext();
        Executor backOnContext = task -> context.runOnContext(ignored -> task.run());
        return outbox.tryLockRelay().chain(locked -> !locked ? Uni.createFrom().item(0)
                : outbox.lockUnpublished(batchSize).chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    List<ProducerRecord<String, String>> records = rows.stream()
                            .map(row -> new ProducerRecord<>(row.topic, row.messageKey, row.payload)).toList();
                    List<Long> ids = rows.stream().map(row -> row.id).toList();
                    // The acknowledgements arrive on a worker; the session must be used from its own context again.
                    return sender.sendAll(records)
                            .emitOn(backOnContext)
                            .chain(() -> outbox.markPublished(ids, Instant.now().truncatedTo(ChronoUnit.MICROS)))
                            .replaceWith(rows.size());
                }));
    }

    /** Deletes rows published before {@code cutoff}; returns how many. */
    @WithTransaction
    public Uni<Long> deletePublishedBefore(Instant cutoff) {
        return outbox.deletePublishedBefore(cutoff);
    }
}
