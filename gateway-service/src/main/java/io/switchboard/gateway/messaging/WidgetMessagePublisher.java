package io.switchboard.gateway.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.switchboard.gateway.config.WidgetConfig;
import io.switchboard.widget.api.Topics;
import io.switchboard.widget.api.WidgetCommand;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Publishes what widget customers post to {@value Topics#WIDGET_MESSAGES} (channel {@code widget-messages}:
 * {@code acks=all}, idempotent producer), keyed by the conversation id so that one conversation's messages keep
 * their order; the value is the {@link WidgetCommand} as JSON with its {@code type} first.
 */
@ApplicationScoped
public class WidgetMessagePublisher {

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;
    private final Duration timeout;

    WidgetMessagePublisher(@Channel("widget-messages") MutinyEmitter<String> emitter, ObjectMapper json,
                           WidgetConfig config) {
        this.emitter = emitter;
        this.json = json;
        this.timeout = config.publishTimeout();
    }

    /**
     * Sends one record. The Uni completes when every in-sync replica has it, and fails when the broker refused it
     * or did not acknowledge it within {@code switchboard.widget.publish-timeout}. Never blocks.
     */
    public Uni<Void> publish(WidgetCommand command) {
        return Uni.createFrom().deferred(() -> emitter.sendMessage(Message.of(serialize(command))
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                                .withKey(command.conversationId().toString())
                                .build())))
                .ifNoItem().after(timeout)
                .failWith(() -> new TimeoutException("Kafka did not acknowledge " + command.type() + " "
                        + command.eventId() + " within " + timeout.toMillis() + " ms"));
    }

    private String serialize(WidgetCommand command) {
        try {
            return json.writeValueAsString(command);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + command.type() + " as JSON", e);
        }
    }
}
