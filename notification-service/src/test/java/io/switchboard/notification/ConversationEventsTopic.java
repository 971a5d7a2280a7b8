package io.switchboard.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.conversation.api.ConversationEvent;
import io.switchboard.conversation.api.ConversationOpened;
import io.switchboard.conversation.api.CustomerSummary;
import io.switchboard.conversation.api.Topics;
import io.switchboard.testing.KafkaBrokerResource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** Publishes to {@code conversation.events} on the test broker with a plain Kafka producer, as the outbox relay does. */
public final class ConversationEventsTopic {

    private static KafkaProducer<String, String> producer;
    private static volatile boolean consumerLive;

    private ConversationEventsTopic() {
    }

    /** Publishes {@code event} serialised with {@code mapper}, keyed by its conversation id; waits for the ack. */
    public static void publish(ObjectMapper mapper, ConversationEvent event) {
        try {
            publishRaw(event.conversationId().toString(), mapper.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes a raw record value; waits for the ack. */
    public static void publishRaw(String key, String value) {
        try {
            producer().send(new ProducerRecord<>(Topics.CONVERSATION_EVENTS, key, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + Topics.CONVERSATION_EVENTS, e);
        }
    }

    /**
     * Waits until the service's consumer reads new records: its group starts at the end of the topic
     * ({@code auto.offset.reset=latest}), so records published before it is positioned would be skipped. Publishes
     * probe events until {@code client} receives one, then clears the client's frames.
     */
    public static synchronized void awaitConsumerLive(ObjectMapper mapper, OperatorClient client) {
        if (!consumerLive) {
            UUID probeConversation = UUID.randomUUID();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!consumerLive) {
                if (System.nanoTime() > deadline) {
                    fail("the service never consumed " + Topics.CONVERSATION_EVENTS);
                }
                publish(mapper, new ConversationOpened(UUID.randomUUID(), 1, Instant.now(), probeConversation,
                        "Probe #0000", "OPEN_UNCLAIMED", new CustomerSummary(UUID.randomUUID(), "Probe", null, null),
                        null));
                consumerLive = !client.framesWithin(Duration.ofMillis(700)).stream()
                        .filter(f -> probeConversation.toString().equals(f.path("conversationId").asText()))
                        .toList().isEmpty();
            }
        }
        client.clear();
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> producer.close(Duration.ofSeconds(1)), "test-producer-close"));
        }
        return producer;
    }
}
