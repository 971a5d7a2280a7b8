package io.switchboard.ingest.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.switchboard.ingest.config.TelegramConfig;
import io.switchboard.ingest.domain.InboundUpdate;
import io.switchboard.telegram.api.BotIdHeader;
import io.switchboard.telegram.api.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;

/**
 * Publishes raw Telegram updates to {@value Topics#UPDATES} (channel {@code telegram-updates}: {@code acks=all},
 * idempotent producer), keyed by {@link InboundUpdate#chatKey()}, value = the exact bytes Telegram sent, with the
 * header {@value Topics#BOT_ID_HEADER} naming the bot that received it ({@link BotIdHeader}).
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
     *
     * @param update the update as Telegram sent it
     * @param botId  the id of the bot that received it (its token's prefix; positive); empty only when a webhook
     *               delivery arrives while no bot is configured here, and then the record has no header
     */
    public Uni<Void> publish(InboundUpdate update, OptionalLong botId) {
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> metadata =
                OutgoingKafkaRecordMetadata.<String>builder().withKey(update.chatKey());
        botId.ifPresent(id -> metadata.addHeaders(new RecordHeader(Topics.BOT_ID_HEADER, BotIdHeader.encode(id))));
        return Uni.createFrom().deferred(() -> emitter.sendMessage(Message.of(update.body())
                        .addMetadata(metadata.build())))
                .ifNoItem().after(timeout)
                .failWith(() -> new TimeoutException("Kafka did not acknowledge update " + update.updateId()
                        + " within " + timeout.toMillis() + " ms"));
    }

    /**
     * Sends a batch received by one bot and blocks until every update is acknowledged (call from a worker thread
     * only).
     *
     * @param botId the id of the bot that received the batch (positive)
     * @throws RuntimeException when any update was not acknowledged in time; some may have been published
     */
    public void publishAll(List<InboundUpdate> batch, long botId) {
        if (batch.isEmpty()) {
            return;
        }
        Uni.join().all(batch.stream().map(update -> publish(update, OptionalLong.of(botId))).toList()).andFailFast()
                .await().atMost(timeout.plusSeconds(1));
    }
}
