package io.switchboard.gateway.service;

import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.config.WidgetConfig;
import io.switchboard.gateway.domain.IpRange;
import io.switchboard.gateway.domain.RateLimit;
import io.switchboard.gateway.repository.RateLimitBuckets;
import io.switchboard.gateway.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The rate limits of the widget API ({@code switchboard.widget.rate-limits.*}), as token buckets in Redis shared by
 * every replica ({@link RateLimitBuckets}):
 *
 * <table>
 *   <tr><th>scope (key {@code ratelimit:<scope>:<id>})</th><th>id</th><th>default</th></tr>
 *   <tr><td>{@code create-ip}</td><td>client address (IPv6: its /64)</td><td>10 a minute</td></tr>
 *   <tr><td>{@code message-ip}</td><td>client address (IPv6: its /64)</td><td>30 a minute</td></tr>
 *   <tr><td>{@code message-conversation}</td><td>conversation id</td><td>20 a minute, burst 10</td></tr>
 *   <tr><td>{@code nickname}</td><td>conversation id</td><td>3 an hour</td></tr>
 * </table>
 * A message takes a token from both message buckets or from neither. Over the limit the Uni fails with 429
 * ({@code Retry-After} in seconds); when Redis does not answer within {@code switchboard.widget.rate-limit-timeout}
 * it fails with 503 (the limits are not waived while Redis is away).
 */
@ApplicationScoped
public class WidgetRateLimits {

    private static final Logger LOG = Logger.getLogger(WidgetRateLimits.class);

    private final RateLimitBuckets buckets;
    private final WidgetConfig config;

    public WidgetRateLimits(RateLimitBuckets buckets, WidgetConfig config) {
        this.buckets = buckets;
        this.config = config;
    }

    /** One conversation start from {@code clientAddress}. */
    public Uni<Void> conversationStart(String clientAddress) {
        WidgetConfig.RateLimits limits = config.rateLimits();
        return take(List.of(RateLimit.of("create-ip", clientAddress, limits.createPerIpCapacity(),
                limits.createPerIpPeriod())), "Too many conversations started from this address; try again later");
    }

    /** One message from {@code clientAddress} in {@code conversationId}. */
    public Uni<Void> message(String clientAddress, UUID conversationId) {
        WidgetConfig.RateLimits limits = config.rateLimits();
        return take(List.of(
                        RateLimit.of("message-ip", IpRange.bucketId(clientAddress), limits.messagesPerIpCapacity(),
                                limits.messagesPerIpPeriod()),
                        new RateLimit("message-conversation", conversationId.toString(),
                                limits.messagesPerConversationBurst(), limits.messagesPerConversationRate(),
                                limits.messagesPerConversationPeriod())),
                "Too many messages; wait a moment before sending more");
    }

    /** One nickname change in {@code conversationId}. */
    public Uni<Void> nicknameChange(String conversationId) {
        WidgetConfig.RateLimits limits = config.rateLimits();
        return take(List.of(RateLimit.of("nickname", conversationId.toLowerCase(java.util.Locale.ROOT),
                        limits.nicknamePerConversationCapacity(), limits.nicknamePerConversationPeriod())),
                "The nickname was changed too often; try again later");
    }

    private Uni<Void> take(List<RateLimit> limits, String detail) {
        Duration timeout = config.rateLimitTimeout();
        return buckets.take(limits)
                .ifNoItem().after(timeout).fail()
                .onFailure().transform(failure -> {
                    LOG.warnf("Rate limits unavailable (Redis): %s", failure.toString());
                    return new ProblemException(503, "The service is busy; try again shortly",
                            Map.of("Retry-After", "5"));
                })
                .map(wait -> {
                    if (!wait.isZero()) {
                        throw ProblemException.tooManyRequests(detail, wait);
                    }
                    return null;
                });
    }
}
