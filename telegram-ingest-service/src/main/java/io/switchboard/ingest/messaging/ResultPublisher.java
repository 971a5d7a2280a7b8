package io.switchboard.ingest.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.switchboard.telegram.api.TelegramResult;
import io.switchboard.telegram.api.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Publishes {@link TelegramResult}s as JSON to {@value Topics#RESULTS} (channel {@code telegram-results},
 * {@code acks=all}, idempotent), keyed by the conversation id (the chat id for a result without a conversation, i.e.
 * an answered callback query outside any conversation).
 */
@ApplicationScoped
public class ResultPublisher {

    private static final Logger LOG = Logger.getLogger(ResultPublisher.class);

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;

    ResultPublisher(@Channel("telegram-results") MutinyEmitter<String> emitter, ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    /**
     * Publishes {@code result} and blocks until the broker acknowledged it, retrying with backoff for about a
     * minute (call from a worker thread only).
     *
     * @throws RuntimeException when the broker did not acknowledge it in that time
     */
    public void publish(TelegramResult result) {
        String value;
        try {
            value = json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        Message<String> message = Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(result.conversationId() != null ? result.conversationId().toString()
                        : Long.toString(result.chatId())).build());
        Uni.createFrom().deferred(() -> emitter.sendMessage(message))
                .ifNoItem().after(Duration.ofSeconds(10)).fail()
                .onFailure().invoke(e -> LOG.warnf("Publishing %s for command %s failed, retrying: %s",
                        result.type(), result.commandId(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(10)).atMost(5)
                .await().atMost(Duration.ofMinutes(2));
    }
}
