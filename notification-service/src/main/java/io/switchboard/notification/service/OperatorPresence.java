package io.switchboard.notification.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.notification.domain.Operator;
import io.switchboard.notification.domain.Presence;
import io.switchboard.notification.repository.PresenceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is online: the operator WebSocket connections this replica holds, mirrored into Redis
 * ({@link PresenceRepository}) so that every replica answers {@code GET /api/presence} alike.
 *
 * <p>Redis failures are logged and swallowed: an operator whose presence could not be stored still gets their
 * notifications.
 */
@ApplicationScoped
public class OperatorPresence {

    private static final Logger LOG = Logger.getLogger(OperatorPresence.class);

    private final PresenceRepository repository;
    private final Map<String, Operator> connections = new ConcurrentHashMap<>();

    public OperatorPresence(PresenceRepository repository) {
        this.repository = repository;
    }

    /** A connection of {@code operator} opened on this replica: they are online (again). */
    public Uni<Void> connected(String connectionId, Operator operator) {
        connections.put(connectionId, operator);
        LOG.debugf("Operator %s (%s) connected: %s", operator.username(), operator.id(), connectionId);
        return refresh(connectionId, operator);
    }

    /** The client of {@code connectionId} pinged: refresh the operator's presence. No-op for unknown ids. */
    public Uni<Void> seen(String connectionId) {
        Operator operator = connections.get(connectionId);
        return operator == null ? Uni.createFrom().voidItem() : refresh(connectionId, operator);
    }

    /** {@code connectionId} closed: the operator goes offline if it was their last live connection anywhere. */
    public Uni<Void> disconnected(String connectionId) {
        Operator operator = connections.remove(connectionId);
        if (operator == null) {
            return Uni.createFrom().voidItem();
        }
        return repository.remove(connectionId, operator.id(), Instant.now())
                .invoke(offline -> LOG.debugf("Operator %s closed %s%s", operator.username(), connectionId,
                        offline ? " and is offline" : ""))
                .onFailure().invoke(e -> LOG.warnf("Could not remove presence of operator %s (%s): %s",
                        operator.id(), connectionId, e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Refreshes every connection this replica holds (the heartbeat); completes when all are done. */
    public Uni<Void> refreshAll() {
        if (connections.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(List.copyOf(connections.entrySet()))
                .onItem().transformToUniAndMerge(entry -> refresh(entry.getKey(), entry.getValue()))
                .collect().last()
                .replaceWithVoid();
    }

    /** Operators online on any replica, sorted by display name. */
    public Uni<List<Presence>> online() {
        return repository.online();
    }

    /** The operator behind a connection of this replica, or null when it is not (or no longer) open. */
    public Operator operator(String connectionId) {
        return connections.get(connectionId);
    }

    /** How many operator connections this replica holds. */
    public int localConnections() {
        return connections.size();
    }

    private Uni<Void> refresh(String connectionId, Operator operator) {
        return repository.refresh(connectionId, operator, Instant.now())
                .onFailure().invoke(e -> LOG.warnf("Could not refresh presence of operator %s (%s): %s",
                        operator.id(), connectionId, e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
