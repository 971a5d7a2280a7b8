package io.switchboard.notification.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.switchboard.conversation.api.ConversationEvent;
import io.switchboard.notification.config.NotificationConfig;
import io.switchboard.notification.domain.RecentEventIds;
import io.switchboard.notification.mapping.WidgetFrames;
import io.switchboard.notification.repository.PresenceRepository;
import io.switchboard.notification.websocket.OperatorChannel;
import io.switchboard.notification.websocket.OperatorFrame;
import io.switchboard.notification.websocket.WidgetConnections;
import io.switchboard.notification.websocket.WidgetFrame;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Pushes each {@link ConversationEvent} once to every operator connected to this replica, as
 * {@code {"type":"<event type>","conversationId":"<uuid>","payload":{…the event…}}}, and its projection
 * ({@link WidgetFrames}) to the widget sockets of its conversation that this replica holds. Redeliveries (same
 * {@code eventId}) are dropped. A conversation that continues in Telegram ({@link WidgetFrames#leavesWidget}) has its
 * widget sockets closed and gets no widget frames any more.
 */
@ApplicationScoped
public class ConversationEventFanOut {

    private static final Logger LOG = Logger.getLogger(ConversationEventFanOut.class);
    /** How long a widget frame may wait for the name of the operator a conversation was transferred to. */
    private static final Duration NAME_LOOKUP_TIMEOUT = Duration.ofSeconds(1);

    private final RecentEventIds recent;
    private final OperatorChannel channel;
    private final WidgetConnections widgets;
    private final PresenceRepository presence;
    private final ObjectMapper mapper;

    public ConversationEventFanOut(NotificationConfig config, OperatorChannel channel, WidgetConnections widgets,
                                   PresenceRepository presence, ObjectMapper mapper) {
        this.recent = new RecentEventIds(config.events().dedupCapacity());
        this.channel = channel;
        this.widgets = widgets;
        this.presence = presence;
        this.mapper = mapper;
    }

    /**
     * Sends {@code event} to every open operator connection of this replica and its widget frames to the
     * conversation's widget connections, without waiting for slow sockets. Completes once both were handed over
     * (after looking up a transferred-to operator's display name in the presence store, at most 1 s; unknown → null).
     *
     * @return how many operator connections it was handed to; 0 for a redelivery
     */
    public Uni<Integer> deliver(ConversationEvent event) {
        if (event.eventId() != null && !recent.firstSighting(event.eventId())) {
            LOG.debugf("Dropping redelivered event %s (%s)", event.eventId(), event.type());
            return Uni.createFrom().item(0);
        }
        int sent = channel.broadcast(new OperatorFrame(event.type(), event.conversationId(), mapper.valueToTree(event)));
        LOG.debugf("Pushed %s %s of conversation %s to %d connection(s)", event.type(), event.eventId(),
                event.conversationId(), sent);
        if (WidgetFrames.leavesWidget(event)) {
            int closed = widgets.retire(event.conversationId());
            LOG.debugf("Conversation %s continues in Telegram: closed %d widget connection(s)", event.conversationId(), closed);
            return Uni.createFrom().item(sent);
        }
        if (!widgets.has(event.conversationId()) || widgets.retired(event.conversationId())) {
            return Uni.createFrom().item(sent);
        }
        return assigneeName(event)
                .invoke(name -> {
                    List<WidgetFrame> frames = WidgetFrames.project(event, name);
                    int sockets = widgets.send(event.conversationId(), frames);
                    LOG.debugf("Pushed %s widget frame(s) of %s to %s widget connection(s)",
                            Integer.valueOf(frames.size()), event.type(), Integer.valueOf(sockets));
                })
                .replaceWith(sent);
    }

    private Uni<String> assigneeName(ConversationEvent event) {
        UUID assignee = WidgetFrames.assigneeToLookUp(event);
        if (assignee == null) {
            return Uni.createFrom().nullItem();
        }
        return presence.displayName(assignee.toString())
                .ifNoItem().after(NAME_LOOKUP_TIMEOUT).fail()
                .onFailure().invoke(e -> LOG.debugf("No display name for operator %s: %s", assignee, e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
