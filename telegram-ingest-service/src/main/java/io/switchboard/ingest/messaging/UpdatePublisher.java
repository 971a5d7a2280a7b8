package io.switchboard.ingest.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.switchboard.ingest.config.TelegramConfig;
import io.switchboard.ingest.domain.InboundUpdate;
import io.switchboard.telegram.api.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Publishes raw Telegram updates to {@value Topics#UPDATES} (channel {@code telegram-updates}: {@code acks=all},
 * idempotent producer), keyed by {@link InboundUpdate#chatKey()}, value = the exact bytes Telegram sent.
 */
@ApplicationScoped
public class UpdatePublisher {

    private final MutinyEmitter<byte[]> emitter;
    private final Duration timeout;

    UpdatePublisher(@Channel("telegram-updates") MutinyEmitter<byte[]> emitter, TelegramConfig config) {
        this.emitter = emitter;
        this.timeout = config.publishTimeout();
    }

    /**
     * Sends one update; the Uni completes when the broker has acknowledged it and fails when it has not within
     * {@code telegram.publish-timeout} (or the producer gave up). Never blocks.
     */
    public Uni<Void> publish(InboundUpdate update) {
        return Uni.createFrom().deferred(() -> emitter.sendMessage(Message.of(update.body())
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(update.chatKey()).build())))
                .ifNoItem().after(timeout)
                .failWith(() -> new TimeoutException("Kafka did not acknowledge update " + update.updateId()
                        + " within " + timeout.toMillis() + " ms"));
    }

    /**
     * Sends a batch and blocks until every update is acknowledged (call from a worker thread only).
     *
     * @throws RuntimeException when any update was not acknowledged in time; some may have been published
     */
    public void publishAll(List<InboundUpdate> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Uni.join().all(batch.stream().map(this::publish).toList()).andFailFast()
                .await().atMost(timeout.plusSeconds(1));
    }
}
