package io.switchboard.notification.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.switchboard.notification.service.EphemeralSignals;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * {@code /ws/widget}: live traffic of one conversation for the customer's web widget.
 *
 * <p>Handshake as on {@code /ws/operator} (subprotocols {@code bearer-token-carrier} and
 * {@code encodeURIComponent("quarkus-http-upgrade#Authorization#Bearer " + token)}), but with a customer token: role
 * {@code customer} (anything else is refused with 403, no token 401). The connection belongs to the token's
 * {@code conversation} claim; a token without a valid one is closed at once with 1008 (policy violation). The socket
 * closes with 1008 when the token expires.
 *
 * <p>Server → client: {@link WidgetFrame}s of that conversation only (projected from its events by
 * {@code WidgetFrames}, plus the operators' typing). Client → server: {@code {"type":"typing","active":true|false}},
 * {@code {"type":"read"}}, {@code {"type":"ping"}} (answered {@code {"type":"pong"}}); anything else, malformed JSON
 * included, is ignored (logged at debug) and never closes the socket.
 */
@WebSocket(path = "/ws/widget", endpointId = WidgetSocket.ENDPOINT_ID)
@RolesAllowed("customer")
public class WidgetSocket {

    /** Endpoint id. */
    public static final String ENDPOINT_ID = "widget";
    /** The token claim naming the customer's conversation. */
    public static final String CONVERSATION_CLAIM = "conversation";
    /** Close code of a token that names no conversation: policy violation. */
    public static final int POLICY_VIOLATION = 1008;

    private static final Logger LOG = Logger.getLogger(WidgetSocket.class);

    private final WidgetConnections connections;
    private final EphemeralSignals signals;
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;

    public WidgetSocket(WidgetConnections connections, EphemeralSignals signals, SecurityIdentity identity,
                        ObjectMapper mapper) {
        this.connections = connections;
        this.signals = signals;
        this.identity = identity;
        this.mapper = mapper;
    }

    /** Binds the connection to the token's conversation, or closes it with 1008 when the token names none. */
    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        UUID conversationId = conversationClaim();
        if (conversationId == null) {
            LOG.debugf("Closing widget connection %s: the token names no conversation", connection.id());
            return connection.close(new CloseReason(POLICY_VIOLATION, "The token names no conversation"));
        }
        if (!connections.add(conversationId, connection)) {
            LOG.debugf("Closing widget connection %s: conversation %s continues in Telegram", connection.id(), conversationId);
            return connection.close(new CloseReason(POLICY_VIOLATION, "This conversation continues in Telegram"));
        }
        LOG.debugf("Widget connection %s opened for conversation %s", connection.id(), conversationId);
        return Uni.createFrom().voidItem();
    }

    /** Typing, read and ping from the widget; everything else is ignored. */
    @OnTextMessage
    public Uni<Void> onText(String text, WebSocketConnection connection) {
        UUID conversationId = connections.conversationOf(connection.id());
        JsonNode frame = parse(text);
        String type = frame == null ? null : frame.path("type").asText(null);
        if (conversationId == null || type == null) {
            LOG.debugf("Ignoring a malformed frame on widget connection %s", connection.id());
            return Uni.createFrom().voidItem();
        }
        switch (type) {
            case "typing" -> {
                JsonNode active = frame.get("active");
                if (active == null || !active.isBoolean()) {
                    LOG.debugf("Ignoring a typing frame without a boolean 'active' on %s", connection.id());
                } else {
                    signals.customerTyping(connection.id(), conversationId, active.booleanValue());
                }
            }
            case "read" -> signals.customerRead(connection.id(), conversationId);
            case "ping" -> {
                return connection.sendText(OperatorSocket.PONG);
            }
            default -> LOG.debugf("Ignoring a '%s' frame on widget connection %s", type, connection.id());
        }
        return Uni.createFrom().voidItem();
    }

    /** Forgets the connection; a customer who was typing stopped. */
    @OnClose
    public void onClose(WebSocketConnection connection) {
        connections.remove(connection);
        signals.connectionClosed(connection.id());
    }

    private UUID conversationClaim() {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return null;
        }
        Object claim = jwt.getClaim(CONVERSATION_CLAIM);
        if (claim == null) {
            return null;
        }
        String value = claim instanceof jakarta.json.JsonString json ? json.getString() : claim.toString();
        try {
            UUID id = UUID.fromString(value);
            return id.toString().equalsIgnoreCase(value) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private JsonNode parse(String text) {
        try {
            JsonNode node = mapper.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }
}
