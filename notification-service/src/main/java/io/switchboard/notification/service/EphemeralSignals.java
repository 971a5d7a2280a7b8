package io.switchboard.notification.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.switchboard.notification.config.NotificationConfig;
import io.switchboard.notification.domain.EphemeralSignal;
import io.switchboard.notification.domain.SignalThrottle;
import io.switchboard.notification.websocket.OperatorChannel;
import io.switchboard.notification.websocket.OperatorFrame;
import io.switchboard.notification.websocket.WidgetConnections;
import io.switchboard.notification.websocket.WidgetFrame;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Typing indicators (both ways) and the customer's "read", across replicas. Never stored.
 *
 * <p>A signal from a socket of this replica is delivered at once to this replica's sockets and published as an
 * {@link EphemeralSignal} on the Redis pub/sub channel {@code switchboard.notification.ephemeral.channel}; every
 * replica subscribes to it and delivers the signals other replicas published (its own it skips by {@code origin}):
 * <ul>
 *   <li>{@code customer.typing} / {@code customer.read} → every operator socket: {@code {"type":"customer.typing",
 *       "conversationId":"…","payload":{"active":true}}}, {@code {"type":"customer.read","conversationId":"…",
 *       "payload":{"readAt":"…"}}};</li>
 *   <li>{@code operator.typing} → the conversation's widget sockets: {@code {"type":"typing","payload":{"name":"Anna",
 *       "active":true}}}.</li>
 * </ul>
 * Throttled per connection and conversation ({@link SignalThrottle}): at most one typing and one read publish per
 * {@code throttle} interval; a change held back is published at the end of the interval. When a socket closes while
 * its user was typing, "stopped typing" is published for them.
 *
 * <p>Redis down: signals still reach this replica's sockets; publishing fails (logged) and the subscription is
 * retried by {@code EphemeralResubscribe}.
 */
@ApplicationScoped
public class EphemeralSignals {

    private static final Logger LOG = Logger.getLogger(EphemeralSignals.class);
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(5);

    private enum Subscription { DOWN, CONNECTING, UP }

    /** One throttled stream: a connection's typing (or read) in one conversation. */
    private record Key(String connectionId, String kind, UUID conversationId) {
    }

    /** The throttle of a stream and what a deferred publish needs. */
    private record Slot(SignalThrottle<Object> throttle, String name) {
    }

    private final String origin = UUID.randomUUID().toString();
    private final ReactivePubSubCommands<String> pubsub;
    private final ObjectMapper mapper;
    private final OperatorChannel operators;
    private final WidgetConnections widgets;
    private final Vertx vertx;
    private final String channel;
    private final long throttleMillis;
    private final Map<Key, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicReference<Subscription> subscription = new AtomicReference<>(Subscription.DOWN);
    private final AtomicBoolean publishFailing = new AtomicBoolean();
    private final AtomicBoolean subscribeFailing = new AtomicBoolean();
    private volatile ReactivePubSubCommands.ReactiveRedisSubscriber subscriber;
    private volatile boolean stopping;

    public EphemeralSignals(ReactiveRedisDataSource redis, ObjectMapper mapper, OperatorChannel operators,
                            WidgetConnections widgets, Vertx vertx, NotificationConfig config) {
        this.pubsub = redis.pubsub(String.class);
        this.mapper = mapper;
        this.operators = operators;
        this.widgets = widgets;
        this.vertx = vertx;
        this.channel = config.ephemeral().channel();
        this.throttleMillis = config.ephemeral().throttle().toMillis();
    }

    void onStart(@Observes StartupEvent event) {
        subscribe().subscribe().with(ignored -> { }, e -> { });
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @PreDestroy
    void stop() {
        stopping = true;
        ReactivePubSubCommands.ReactiveRedisSubscriber current = subscriber;
        subscription.set(Subscription.DOWN);
        if (current != null) {
            current.unsubscribe().subscribe().with(ignored -> { }, e -> { });
        }
    }

    /**
     * Subscribes to the channel unless subscribed (or subscribing) already. Never fails: a failure is logged and
     * leaves the subscription down for the next attempt.
     */
    public Uni<Void> subscribe() {
        if (stopping || !subscription.compareAndSet(Subscription.DOWN, Subscription.CONNECTING)) {
            return Uni.createFrom().voidItem();
        }
        return pubsub.subscribe(channel, this::received, this::subscriptionEnded, this::subscriptionFailed)
                .ifNoItem().after(SUBSCRIBE_TIMEOUT).fail()
                .invoke(s -> {
                    subscriber = s;
                    subscription.set(Subscription.UP);
                    subscribeFailing.set(false);
                    LOG.infof("Subscribed to Redis channel %s (replica %s)", channel, origin);
                })
                .onFailure().invoke(e -> {
                    subscription.set(Subscription.DOWN);
                    if (subscribeFailing.compareAndSet(false, true)) {
                        LOG.warnf("Could not subscribe to Redis channel %s, retrying: %s", channel, e.getMessage());
                    } else {
                        LOG.debugf("Could not subscribe to Redis channel %s: %s", channel, e.getMessage());
                    }
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** True while this replica receives the other replicas' signals. */
    public boolean subscribed() {
        return subscription.get() == Subscription.UP;
    }

    /** This replica's id, the {@code origin} of what it publishes. */
    public String origin() {
        return origin;
    }

    /** The customer behind widget connection {@code connectionId} started ({@code active}) or stopped typing. */
    public void customerTyping(String connectionId, UUID conversationId, boolean active) {
        offer(new Key(connectionId, EphemeralSignal.CUSTOMER_TYPING, conversationId), null, active);
    }

    /** The customer behind widget connection {@code connectionId} read the conversation (now). */
    public void customerRead(String connectionId, UUID conversationId) {
        offer(new Key(connectionId, EphemeralSignal.CUSTOMER_READ, conversationId), null, Instant.now());
    }

    /** Operator {@code name} on connection {@code connectionId} started or stopped typing in {@code conversationId}. */
    public void operatorTyping(String connectionId, UUID conversationId, String name, boolean active) {
        offer(new Key(connectionId, EphemeralSignal.OPERATOR_TYPING, conversationId), name, active);
    }

    /**
     * A widget or operator socket closed: whoever was typing on it stopped (published at once, not throttled), and
     * its throttles are dropped.
     */
    public void connectionClosed(String connectionId) {
        slots.entrySet().removeIf(entry -> {
            Key key = entry.getKey();
            if (!key.connectionId().equals(connectionId)) {
                return false;
            }
            Slot slot = entry.getValue();
            boolean typing = !EphemeralSignal.CUSTOMER_READ.equals(key.kind());
            if (typing && slot.throttle().lastPublished().map(Boolean.TRUE::equals).orElse(false)) {
                emit(signal(key, slot.name(), Boolean.FALSE));
            }
            return true;
        });
    }

    /** Handles a message of the Redis channel: delivers another replica's signal to this replica's sockets. */
    void received(String json) {
        EphemeralSignal signal;
        try {
            signal = mapper.readValue(json, EphemeralSignal.class);
        } catch (Exception e) {
            LOG.debugf("Ignoring a message on %s that is not a signal: %s", channel, e.getMessage());
            return;
        }
        if (origin.equals(signal.origin())) {
            return; // delivered locally when it was published
        }
        if (!signal.valid()) {
            LOG.debugf("Ignoring an incomplete signal on %s: %s", channel, json);
            return;
        }
        deliver(signal);
    }

    /**
     * Hands {@code signal} to this replica's sockets.
     *
     * @return how many sockets it was handed to
     */
    int deliver(EphemeralSignal signal) {
        switch (signal.kind()) {
            case EphemeralSignal.CUSTOMER_TYPING -> {
                ObjectNode payload = mapper.createObjectNode().put("active", signal.active());
                return operators.broadcast(new OperatorFrame(signal.kind(), signal.conversationId(), payload));
            }
            case EphemeralSignal.CUSTOMER_READ -> {
                Instant at = signal.at() == null ? Instant.now() : signal.at();
                ObjectNode payload = mapper.createObjectNode().put("readAt", at.toString());
                return operators.broadcast(new OperatorFrame(signal.kind(), signal.conversationId(), payload));
            }
            case EphemeralSignal.OPERATOR_TYPING -> {
                return widgets.send(signal.conversationId(), List.of(new WidgetFrame(WidgetFrame.TYPING,
                        new WidgetFrame.Typing(signal.name(), signal.active()))));
            }
            default -> {
                return 0;
            }
        }
    }

    private void offer(Key key, String name, Object value) {
        Slot slot = slots.computeIfAbsent(key, k -> new Slot(new SignalThrottle<>(throttleMillis), name));
        SignalThrottle.Verdict verdict = slot.throttle().offer(value, nowMillis());
        switch (verdict.action()) {
            case PUBLISH -> emit(signal(key, slot.name(), value));
            case DEFER -> flushLater(key, slot, verdict.delayMillis());
            case HELD -> LOG.tracef("Held back %s of %s", key.kind(), key.connectionId());
        }
    }

    private void flushLater(Key key, Slot slot, long delayMillis) {
        vertx.setTimer(Math.max(1, delayMillis), id -> {
            if (slots.get(key) != slot) {
                return; // the connection closed meanwhile
            }
            SignalThrottle.Flush<Object> flush = slot.throttle().flush(nowMillis());
            flush.publish().ifPresent(value -> emit(signal(key, slot.name(), value)));
            if (flush.retryAfterMillis() > 0) {
                flushLater(key, slot, flush.retryAfterMillis());
            }
        });
    }

    private EphemeralSignal signal(Key key, String name, Object value) {
        if (value instanceof Instant readAt) {
            return new EphemeralSignal(key.kind(), origin, key.conversationId(), null, null, readAt);
        }
        return new EphemeralSignal(key.kind(), origin, key.conversationId(), (Boolean) value, name, Instant.now());
    }

    /** Delivers to this replica's sockets, then publishes for the others. */
    private void emit(EphemeralSignal signal) {
        int local = deliver(signal);
        LOG.debugf("%s %s of conversation %s: %d local socket(s)", signal.kind(),
                Optional.ofNullable(signal.active()).map(Object::toString).orElse(""), signal.conversationId(), local);
        String json;
        try {
            json = mapper.writeValueAsString(signal);
        } catch (Exception e) {
            throw new IllegalStateException("Signal cannot be serialised", e);
        }
        pubsub.publish(channel, json).subscribe().with(
                ignored -> publishFailing.set(false),
                e -> {
                    if (publishFailing.compareAndSet(false, true)) {
                        LOG.warnf("Could not publish to Redis channel %s: %s", channel, e.getMessage());
                    } else {
                        LOG.debugf("Could not publish to Redis channel %s: %s", channel, e.getMessage());
                    }
                });
    }

    private void subscriptionEnded() {
        subscriber = null;
        if (subscription.getAndSet(Subscription.DOWN) == Subscription.UP && !stopping) {
            LOG.warnf("Subscription to Redis channel %s ended; resubscribing", channel);
        }
    }

    private void subscriptionFailed(Throwable failure) {
        if (stopping) {
            return;
        }
        LOG.warnf("Subscription to Redis channel %s failed: %s", channel, failure.getMessage());
    }

    private static long nowMillis() {
        return System.nanoTime() / 1_000_000;
    }
}
