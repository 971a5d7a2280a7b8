package io.switchboard.emulator.service;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.emulator.config.EmulatorConfig;
import io.switchboard.emulator.domain.BotApiError;
import io.switchboard.emulator.domain.BotState;
import io.switchboard.emulator.domain.SendRateLimiter;

/**
 * The emulated bots, one per token, created on first use: any token of the form {@code <digits>:<secret>} is
 * accepted and the digits are the bot's user id.
 */
@ApplicationScoped
public class BotRegistry {

    private final EmulatorConfig config;
    private final ConcurrentMap<String, BotState> bots = new ConcurrentHashMap<>();

    BotRegistry(EmulatorConfig config) {
        this.config = config;
    }

    /**
     * The bot for {@code token}, created when first seen.
     *
     * @throws BotApiError 401 Unauthorized when the token is not {@code <digits>:<secret>}
     */
    public BotState bot(String token) {
        long botId = botIdOf(token);
        return bots.computeIfAbsent(token, t -> new BotState(t, botId, this::newRateLimiter, Instant.now()));
    }

    /** The bot for {@code token} if it was used before. */
    public Optional<BotState> existing(String token) {
        return Optional.ofNullable(bots.get(token));
    }

    /** Every bot seen so far. */
    public Collection<BotState> all() {
        return bots.values();
    }

    /**
     * The bot id of {@code token}: the number before ':'.
     *
     * @throws BotApiError 401 Unauthorized when the token is not {@code <digits>:<secret>}
     */
    public static long botIdOf(String token) {
        int colon = token == null ? -1 : token.indexOf(':');
        if (colon <= 0 || colon == token.length() - 1) {
            throw BotApiError.unauthorized();
        }
        try {
            long id = Long.parseLong(token.substring(0, colon));
            if (id <= 0) {
                throw BotApiError.unauthorized();
            }
            return id;
        } catch (NumberFormatException e) {
            throw BotApiError.unauthorized();
        }
    }

    private SendRateLimiter newRateLimiter() {
        EmulatorConfig.RateLimits limits = config.rateLimits();
        return new SendRateLimiter(new SendRateLimiter.Limits(limits.chatBurst(), limits.chatPerSecond(),
                limits.groupPerMinute(), limits.botPerSecond()));
    }
}
