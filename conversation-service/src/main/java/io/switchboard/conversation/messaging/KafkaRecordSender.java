package io.switchboard.conversation.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.switchboard.conversation.config.ConversationConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The outbox relay's Kafka producer ({@code acks=all}, idempotent, so records of one partition keep their order).
 * Sends a batch in order and waits for every acknowledgement on a worker thread, never on the event loop.
 */
@ApplicationScoped
public class KafkaRecordSender {

    private static final Logger LOG = Logger.getLogger(KafkaRecordSender.class);

    private final Map<String, Object> kafkaConfig;
    private final Duration timeout;
    private KafkaProducer<String, String> producer;

    public KafkaRecordSender(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ConversationConfig config) {
        this.kafkaConfig = kafkaConfig;
        this.timeout = config.outbox().sendTimeout();
    }

    /**
     * Sends {@code records} in list order and completes when Kafka acknowledged all of them.
     *
     * @return a Uni that fails when any record was not acknowledged within {@code conversation.outbox.send-timeout}
     */
    public Uni<Void> sendAll(List<ProducerRecord<String, String>> records) {
        return Uni.createFrom().<Void>item(() -> {
                    sendAndAwait(records);
                    return null;
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private void sendAndAwait(List<ProducerRecord<String, String>> records) {
        KafkaProducer<String, String> p = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        try {
            for (ProducerRecord<String, String> record : records) {
                acks.add(p.send(record));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            discard(p);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("Kafka did not acknowledge the batch: " + cause, cause);
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>(kafkaConfig);
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "conversation-service-outbox");
            long millis = Math.max(3000, timeout.toMillis());
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (millis / 2));
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) millis);
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    /** Drops a producer after a failed batch, so that the next batch starts clean. */
    private synchronized void discard(KafkaProducer<String, String> failed) {
        if (producer == failed) {
            producer = null;
            try {
                failed.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debug("closing the failed outbox producer", e);
            }
        }
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
