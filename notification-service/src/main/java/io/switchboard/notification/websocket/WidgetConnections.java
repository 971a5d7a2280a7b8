package io.switchboard.notification.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.switchboard.notification.domain.RecentEventIds;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link WidgetSocket} connections this replica holds, by conversation id (a customer may have several tabs
 * open), and the sending of frames to them.
 */
@ApplicationScoped
public class WidgetConnections {

    private static final Logger LOG = Logger.getLogger(WidgetConnections.class);

    private final Map<UUID, Set<WebSocketConnection>> byConversation = new ConcurrentHashMap<>();
    private final Map<String, UUID> conversationOf = new ConcurrentHashMap<>();
    /** Conversations that continue in Telegram (most recent 10 000 on this replica): their widget gets nothing. */
    private final RecentEventIds retired = new RecentEventIds(10_000);
    private final ObjectMapper mapper;

    public WidgetConnections(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Registers an opened connection of {@code conversationId}.
     *
     * @return false (nothing registered) when the conversation was {@link #retire retired}: the caller closes it
     */
    public boolean add(UUID conversationId, WebSocketConnection connection) {
        if (retired.contains(conversationId)) {
            return false;
        }
        conversationOf.put(connection.id(), conversationId);
        byConversation.computeIfAbsent(conversationId, id -> ConcurrentHashMap.newKeySet()).add(connection);
        return true;
    }

    /** True when {@code conversationId} was {@link #retire retired} on this replica. */
    public boolean retired(UUID conversationId) {
        return conversationId != null && retired.contains(conversationId);
    }

    /**
     * The conversation continues in Telegram: closes its widget sockets (1000, "This conversation continues in
     * Telegram"), and from now on none of its sockets is accepted or sent anything on this replica.
     *
     * @return how many sockets were closed
     */
    public int retire(UUID conversationId) {
        if (conversationId == null) {
            return 0;
        }
        retired.firstSighting(conversationId);
        Set<WebSocketConnection> connections = byConversation.remove(conversationId);
        if (connections == null) {
            return 0;
        }
        for (WebSocketConnection connection : connections) {
            conversationOf.remove(connection.id());
            connection.close(new CloseReason(1000, "This conversation continues in Telegram"))
                    .subscribe().with(ignored -> { }, failure -> LOG.debugf("Closing widget connection %s: %s",
                            connection.id(), failure.getMessage()));
        }
        return connections.size();
    }

    /**
     * Forgets a closed connection.
     *
     * @return the conversation it belonged to, or null when it was not registered
     */
    public UUID remove(WebSocketConnection connection) {
        UUID conversationId = conversationOf.remove(connection.id());
        if (conversationId != null) {
            byConversation.computeIfPresent(conversationId, (id, set) -> {
                set.remove(connection);
                return set.isEmpty() ? null : set;
            });
        }
        return conversationId;
    }

    /** The conversation of a registered connection, or null. */
    public UUID conversationOf(String connectionId) {
        return conversationOf.get(connectionId);
    }

    /** True when this replica holds at least one socket of {@code conversationId}. */
    public boolean has(UUID conversationId) {
        return conversationId != null && byConversation.containsKey(conversationId);
    }

    /** How many widget connections this replica holds. */
    public int size() {
        return conversationOf.size();
    }

    /**
     * Sends {@code frames}, in order, to every open socket of {@code conversationId}. Each is serialised once; sends
     * are asynchronous and independent (a slow or closed socket fails only its own send, logged).
     *
     * @return how many sockets they were handed to
     */
    public int send(UUID conversationId, List<WidgetFrame> frames) {
        Set<WebSocketConnection> connections = conversationId == null ? null : byConversation.get(conversationId);
        if (connections == null || frames.isEmpty()) {
            return 0;
        }
        List<String> texts = new ArrayList<>(frames.size());
        for (WidgetFrame frame : frames) {
            texts.add(serialise(frame));
        }
        int sent = 0;
        for (WebSocketConnection connection : connections) {
            if (!connection.isOpen()) {
                continue;
            }
            sent++;
            for (int i = 0; i < texts.size(); i++) {
                String type = frames.get(i).type();
                connection.sendText(texts.get(i)).subscribe().with(
                        ignored -> { },
                        failure -> LOG.warnf("Could not push %s to widget connection %s: %s", type, connection.id(),
                                failure.getMessage()));
            }
        }
        return sent;
    }

    private String serialise(WidgetFrame frame) {
        try {
            return mapper.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Frame " + frame.type() + " cannot be serialised", e);
        }
    }
}
