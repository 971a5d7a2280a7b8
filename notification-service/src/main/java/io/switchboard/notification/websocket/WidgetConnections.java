package io.switchboard.notification.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.WebSocketConnection;
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
    private final ObjectMapper mapper;

    public WidgetConnections(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Registers an opened connection of {@code conversationId}. */
    public void add(UUID conversationId, WebSocketConnection connection) {
        conversationOf.put(connection.id(), conversationId);
        byConversation.computeIfAbsent(conversationId, id -> ConcurrentHashMap.newKeySet()).add(connection);
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
