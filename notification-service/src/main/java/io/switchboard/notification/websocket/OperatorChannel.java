package io.switchboard.notification.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Sends frames to every open {@link OperatorSocket} connection of this replica. */
@ApplicationScoped
public class OperatorChannel {

    private static final Logger LOG = Logger.getLogger(OperatorChannel.class);

    private final OpenConnections connections;
    private final ObjectMapper mapper;

    public OperatorChannel(OpenConnections connections, ObjectMapper mapper) {
        this.connections = connections;
        this.mapper = mapper;
    }

    /**
     * Serialises {@code frame} once and hands it to each open connection. Sends are asynchronous and independent: a
     * slow or closed connection delays or fails only its own send (failures are logged).
     *
     * @return how many connections it was handed to
     */
    public int broadcast(OperatorFrame frame) {
        String text;
        try {
            text = mapper.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Frame " + frame.type() + " cannot be serialised", e);
        }
        int sent = 0;
        for (WebSocketConnection connection : connections.findByEndpointId(OperatorSocket.ENDPOINT_ID)) {
            if (!connection.isOpen()) {
                continue;
            }
            sent++;
            connection.sendText(text).subscribe().with(
                    ignored -> { },
                    failure -> LOG.warnf("Could not push %s to connection %s: %s", frame.type(), connection.id(),
                            failure.getMessage()));
        }
        return sent;
    }
}
