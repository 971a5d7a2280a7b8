package io.switchboard.notification.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.switchboard.conversation.api.ConversationEvent;
import io.switchboard.conversation.api.Topics;
import io.switchboard.notification.service.ConversationEventFanOut;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@value Topics#CONVERSATION_EVENTS} (channel {@code conversation-events}) with a consumer group unique to
 * this process ({@code notification-<uuid>}), so every replica sees every event. Values are {@link ConversationEvent}
 * JSON; a value that is not one (malformed, unknown {@code type}) is logged and skipped, never fails the channel.
 * Each event goes to this replica's operator sockets and, projected, to its conversation's widget sockets.
 */
@ApplicationScoped
public class ConversationEventConsumer {

    private static final Logger LOG = Logger.getLogger(ConversationEventConsumer.class);

    private final ObjectMapper mapper;
    private final ConversationEventFanOut fanOut;

    public ConversationEventConsumer(ObjectMapper mapper, ConversationEventFanOut fanOut) {
        this.mapper = mapper;
        this.fanOut = fanOut;
    }

    /**
     * Parses one record value and pushes it to this replica's operators and the conversation's widget sockets.
     * Records are handled one at a time, so frames keep Kafka's order.
     */
    @Incoming("conversation-events")
    public Uni<Void> consume(String value) {
        if (value == null || value.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        ConversationEvent event;
        try {
            event = mapper.readValue(value, ConversationEvent.class);
        } catch (JsonProcessingException e) {
            LOG.warnf("Skipping a %s record that is not a known ConversationEvent: %s", Topics.CONVERSATION_EVENTS,
                    e.getOriginalMessage());
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> fanOut.deliver(event))
                .onFailure().invoke(e -> LOG.errorf(e, "Could not push a %s record to sockets",
                        Topics.CONVERSATION_EVENTS))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
