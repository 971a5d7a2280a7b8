package io.switchboard.notification.repository;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.smallrye.mutiny.Uni;
import io.switchboard.notification.config.NotificationConfig;
import io.switchboard.notification.domain.Operator;
import io.switchboard.notification.domain.Presence;
import io.switchboard.notification.domain.PresenceUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Operator presence in Redis, shared by every replica.
 *
 * <p>Per operator two keys, both expiring after the presence TTL unless refreshed:
 * <ul>
 *   <li>{@code <prefix>operator:<id>}: hash {@code operatorId, username, displayName, since, lastSeen}
 *       (instants as ISO-8601 strings);</li>
 *   <li>{@code <prefix>connections:<id>}: sorted set of the operator's WebSocket connection ids (any replica),
 *       scored by their last refresh in epoch milliseconds.</li>
 * </ul>
 * An operator goes offline when their last live connection closes, or when nobody refreshed them within the TTL
 * (a replica died). Every change runs as one Lua script, so replicas never interleave half-updates.
 */
@ApplicationScoped
public class PresenceRepository {

    /** Adds or refreshes a connection and the operator's hash, and pushes both expiries out by the TTL. */
    private static final String REFRESH = """
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
            redis.call('HSETNX', KEYS[1], 'since', ARGV[7])
            redis.call('HSET', KEYS[1], 'operatorId', ARGV[4], 'username', ARGV[5], 'displayName', ARGV[6], 'lastSeen', ARGV[7])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            redis.call('PEXPIRE', KEYS[2], ARGV[3])
            return 1
            """;

    /**
     * Removes a connection and the ones nobody refreshed within the TTL; deletes the operator when none is left.
     * Returns 1 when the operator went offline.
     */
    private static final String REMOVE = """
            redis.call('ZREM', KEYS[2], ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. (tonumber(ARGV[2]) - tonumber(ARGV[3])))
            if redis.call('ZCARD', KEYS[2]) == 0 then
              redis.call('DEL', KEYS[1], KEYS[2])
              return 1
            end
            return 0
            """;

    private final ReactiveRedisDataSource redis;
    private final ReactiveKeyCommands<String> keys;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final NotificationConfig.Presence config;

    public PresenceRepository(ReactiveRedisDataSource redis, NotificationConfig config) {
        this.redis = redis;
        this.keys = redis.key();
        this.hashes = redis.hash(String.class);
        this.config = config.presence();
    }

    /**
     * Marks {@code operator} online through {@code connectionId} (an open, a ping or a heartbeat): keeps
     * {@code since} if they already were online, sets {@code lastSeen} to {@code now}.
     */
    public Uni<Void> refresh(String connectionId, Operator operator, Instant now) {
        return redis.execute("EVAL", REFRESH, "2", operatorKey(operator.id()), connectionsKey(operator.id()),
                        connectionId, Long.toString(now.toEpochMilli()), Long.toString(ttlMillis()),
                        operator.id(), operator.username(), operator.displayName(), now.toString())
                .replaceWithVoid();
    }

    /**
     * Forgets {@code connectionId} of {@code operatorId}.
     *
     * @return true when it was the operator's last live connection, so they are offline now
     */
    public Uni<Boolean> remove(String connectionId, String operatorId, Instant now) {
        return redis.execute("EVAL", REMOVE, "2", operatorKey(operatorId), connectionsKey(operatorId),
                        connectionId, Long.toString(now.toEpochMilli()), Long.toString(ttlMillis()))
                .map(response -> response != null && response.toInteger() == 1);
    }

    /**
     * Every operator online now (keys not expired), sorted by {@link Presence#BY_DISPLAY_NAME}.
     * Fails with {@link PresenceUnavailableException} when Redis does not answer.
     */
    public Uni<List<Presence>> online() {
        KeyScanArgs args = new KeyScanArgs().match(config.keyPrefix() + "operator:*").count(100);
        return keys.scan(args).toMulti()
                .onItem().transformToUniAndMerge(key -> hashes.hgetall(key).map(PresenceRepository::toPresence))
                .filter(Objects::nonNull)
                .collect().asList()
                .map(list -> list.stream().sorted(Presence.BY_DISPLAY_NAME).toList())
                .onFailure().transform(PresenceUnavailableException::new);
    }

    /**
     * The display name of {@code operatorId} while they are online (from their presence hash), else null. Fails when
     * Redis does not answer.
     */
    public Uni<String> displayName(String operatorId) {
        return hashes.hget(operatorKey(operatorId), "displayName");
    }

    /** Key of the operator's hash, {@code <prefix>operator:<id>}. */
    public String operatorKey(String operatorId) {
        return config.keyPrefix() + "operator:" + operatorId;
    }

    /** Key of the operator's connection set, {@code <prefix>connections:<id>}. */
    public String connectionsKey(String operatorId) {
        return config.keyPrefix() + "connections:" + operatorId;
    }

    private long ttlMillis() {
        return Math.max(1, config.ttl().toMillis());
    }

    /** Null when the hash expired between SCAN and HGETALL, or is not one of ours. */
    private static Presence toPresence(Map<String, String> hash) {
        if (hash == null || hash.get("operatorId") == null) {
            return null;
        }
        try {
            Instant lastSeen = Instant.parse(hash.get("lastSeen"));
            Instant since = hash.get("since") == null ? lastSeen : Instant.parse(hash.get("since"));
            String username = hash.getOrDefault("username", hash.get("operatorId"));
            return new Presence(hash.get("operatorId"), username, hash.getOrDefault("displayName", username),
                    since, lastSeen);
        } catch (DateTimeParseException | NullPointerException e) {
            return null;
        }
    }
}
