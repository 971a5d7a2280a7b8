package io.switchboard.notification.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.switchboard.notification.domain.Operator;
import io.switchboard.notification.service.EphemeralSignals;
import io.switchboard.notification.service.OperatorPresence;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * {@code /ws/operator}: live notifications for the operator console.
 *
 * <p>Handshake: the HTTP upgrade must carry a valid access token (roles {@code operator} or {@code admin}),
 * otherwise it is refused with 401/403 and no connection opens. Browsers offer two subprotocols,
 * {@code bearer-token-carrier} and {@code encodeURIComponent("quarkus-http-upgrade#Authorization#Bearer " + token)};
 * Quarkus turns the second into an {@code Authorization} header and the server selects the first. A token in the
 * query string is ignored.
 *
 * <p>Server → client: one {@link OperatorFrame} per conversation event, plus the customers' typing and read signals
 * ({@code customer.typing}, {@code customer.read}; see {@link EphemeralSignals}). Client → server:
 * {@code {"type":"ping"}} is answered with {@code {"type":"pong"}} and refreshes the operator's presence;
 * {@code {"type":"typing","conversationId":"…","active":true|false}} shows the operator typing in that conversation's
 * widget (with the token's display name); any other frame, malformed ones included, is ignored (logged at debug).
 */
@WebSocket(path = "/ws/operator", endpointId = OperatorSocket.ENDPOINT_ID)
@RolesAllowed({"operator", "admin"})
public class OperatorSocket {

    /** Endpoint id, used to find this endpoint's open connections. */
    public static final String ENDPOINT_ID = "operator";
    /** Reply to a ping. */
    public static final String PONG = "{\"type\":\"pong\"}";

    private static final Logger LOG = Logger.getLogger(OperatorSocket.class);

    private final OperatorPresence presence;
    private final EphemeralSignals signals;
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;

    public OperatorSocket(OperatorPresence presence, EphemeralSignals signals, SecurityIdentity identity,
                          ObjectMapper mapper) {
        this.presence = presence;
        this.signals = signals;
        this.identity = identity;
        this.mapper = mapper;
    }

    /** Marks the token's operator online. */
    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        return presence.connected(connection.id(), operator());
    }

    /** Answers {@code {"type":"ping"}}, passes typing on; ignores anything else, including text that is not JSON. */
    @OnTextMessage
    public Uni<Void> onText(String text, WebSocketConnection connection) {
        JsonNode frame = parse(text);
        String type = frame == null ? null : frame.path("type").asText(null);
        if ("ping".equals(type)) {
            return presence.seen(connection.id()).replaceWith(connection.sendText(PONG));
        }
        if ("typing".equals(type)) {
            typing(frame, connection);
        } else {
            LOG.debugf("Ignoring a client frame on %s", connection.id());
        }
        return Uni.createFrom().voidItem();
    }

    /** Marks the operator offline if this was their last connection; an operator who was typing stopped. */
    @OnClose
    public Uni<Void> onClose(WebSocketConnection connection) {
        signals.connectionClosed(connection.id());
        return presence.disconnected(connection.id());
    }

    private void typing(JsonNode frame, WebSocketConnection connection) {
        JsonNode active = frame.get("active");
        UUID conversationId = uuid(frame.path("conversationId").asText(null));
        Operator operator = presence.operator(connection.id());
        if (active == null || !active.isBoolean() || conversationId == null || operator == null) {
            LOG.debugf("Ignoring a malformed typing frame on %s", connection.id());
            return;
        }
        signals.operatorTyping(connection.id(), conversationId, operator.displayName(), active.booleanValue());
    }

    private Operator operator() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            Object name = jwt.getClaim("name");
            return new Operator(jwt.getSubject(), jwt.getName(), name == null ? null : name.toString());
        }
        String name = identity.getPrincipal().getName();
        return new Operator(name, name, name);
    }

    private JsonNode parse(String text) {
        try {
            JsonNode node = mapper.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static UUID uuid(String value) {
        if (value == null) {
            return null;
        }
        try {
            UUID id = UUID.fromString(value);
            return id.toString().equalsIgnoreCase(value) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
