package io.switchboard.gateway.service;

import io.switchboard.gateway.config.IdentityConfig;
import io.switchboard.gateway.domain.TokenBucket;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Limits login attempts per client address with one in-memory {@link TokenBucket} each
 * ({@code switchboard.identity.login-rate-limit.*}, default 10 per minute). Per replica: with N replicas a client
 * gets at most N times the budget. Full buckets are forgotten once more than {@value #MAX_TRACKED} addresses are
 * tracked.
 */
@ApplicationScoped
public class LoginRateLimiter {

    static final int MAX_TRACKED = 10_000;

    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final IdentityConfig.LoginRateLimit limit;

    public LoginRateLimiter(IdentityConfig config) {
        this.limit = config.loginRateLimit();
    }

    /**
     * Counts one login attempt from {@code client}.
     *
     * @return {@link Duration#ZERO} when allowed, otherwise how long the client must wait
     */
    public Duration attempt(String client) {
        long now = System.nanoTime();
        Duration wait = buckets.computeIfAbsent(client, key -> new TokenBucket(limit.capacity(), limit.period(), now))
                .tryTake(now);
        if (buckets.size() > MAX_TRACKED) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        return wait;
    }
}
