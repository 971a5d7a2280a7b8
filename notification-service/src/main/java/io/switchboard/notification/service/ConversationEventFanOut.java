package io.switchboard.notification.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.conversation.api.ConversationEvent;
import io.switchboard.notification.config.NotificationConfig;
import io.switchboard.notification.domain.RecentEventIds;
import io.switchboard.notification.websocket.OperatorChannel;
import io.switchboard.notification.websocket.OperatorFrame;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Pushes each {@link ConversationEvent} once to every operator connected to this replica, as
 * {@code {"type":"<event type>","conversationId":"<uuid>","payload":{…the event…}}}. Redeliveries (same
 * {@code eventId}) are dropped.
 */
@ApplicationScoped
public class ConversationEventFanOut {

    private static final Logger LOG = Logger.getLogger(ConversationEventFanOut.class);

    private final RecentEventIds recent;
    private final OperatorChannel channel;
    private final ObjectMapper mapper;

    public ConversationEventFanOut(NotificationConfig config, OperatorChannel channel, ObjectMapper mapper) {
        this.recent = new RecentEventIds(config.events().dedupCapacity());
        this.channel = channel;
        this.mapper = mapper;
    }

    /**
     * Sends {@code event} to every open operator connection of this replica without waiting for slow ones.
     *
     * @return how many connections it was handed to; 0 for a redelivery
     */
    public int deliver(ConversationEvent event) {
        if (event.eventId() != null && !recent.firstSighting(event.eventId())) {
            LOG.debugf("Dropping redelivered event %s (%s)", event.eventId(), event.type());
            return 0;
        }
        int sent = channel.broadcast(new OperatorFrame(event.type(), event.conversationId(), mapper.valueToTree(event)));
        LOG.debugf("Pushed %s %s of conversation %s to %d connection(s)", event.type(), event.eventId(),
                event.conversationId(), sent);
        return sent;
    }
}
