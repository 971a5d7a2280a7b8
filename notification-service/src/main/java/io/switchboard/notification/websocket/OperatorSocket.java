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
import io.switchboard.notification.service.OperatorPresence;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * {@code /ws/operator}: live notifications for the operator console.
 *
 * <p>Handshake: the HTTP upgrade must carry a valid access token (roles {@code operator} or {@code admin}),
 * otherwise it is refused with 401/403 and no connection opens. Browsers offer two subprotocols,
 * {@code bearer-token-carrier} and {@code encodeURIComponent("quarkus-http-upgrade#Authorization#Bearer " + token)};
 * Quarkus turns the second into an {@code Authorization} header and the server selects the first. A token in the
 * query string is ignored.
 *
 * <p>Server → client: one {@link OperatorFrame} per conversation event. Client → server: {@code {"type":"ping"}} is
 * answered with {@code {"type":"pong"}} and refreshes the operator's presence; any other frame is ignored.
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
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;

    public OperatorSocket(OperatorPresence presence, SecurityIdentity identity, ObjectMapper mapper) {
        this.presence = presence;
        this.identity = identity;
        this.mapper = mapper;
    }

    /** Marks the token's operator online. */
    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        return presence.connected(connection.id(), operator());
    }

    /** Answers {@code {"type":"ping"}}; ignores anything else, including text that is not JSON. */
    @OnTextMessage
    public Uni<Void> onText(String text, WebSocketConnection connection) {
        if (!"ping".equals(typeOf(text))) {
            LOG.debugf("Ignoring a client frame on %s", connection.id());
            return Uni.createFrom().voidItem();
        }
        return presence.seen(connection.id()).replaceWith(connection.sendText(PONG));
    }

    /** Marks the operator offline if this was their last connection. */
    @OnClose
    public Uni<Void> onClose(WebSocketConnection connection) {
        return presence.disconnected(connection.id());
    }

    private Operator operator() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            Object name = jwt.getClaim("name");
            return new Operator(jwt.getSubject(), jwt.getName(), name == null ? null : name.toString());
        }
        String name = identity.getPrincipal().getName();
        return new Operator(name, name, name);
    }

    private String typeOf(String text) {
        try {
            JsonNode node = mapper.readTree(text);
            return node != null && node.path("type").isTextual() ? node.get("type").asText() : null;
        } catch (Exception e) {
            return null;
        }
    }
}
