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
 *   <tr><td>{@code token-ip}</td><td>client address (IPv6: its /64)</td><td>30 a minute</td></tr>
 *   <tr><td>{@code read-ip}</td><td>client address (IPv6: its /64)</td><td>120 a minute</td></tr>
 * </table>
 * Every per-address bucket is keyed by {@link IpRange#bucketId}, so all the addresses of one IPv6 /64 share it.
 * A message takes a token from both message buckets or from neither. Over the limit the Uni fails with 429
 * ({@code Retry-After} in seconds). When Redis does not answer within {@code switchboard.widget.rate-limit-timeout},
 * the writes (start, message, nickname) fail with 503 (those limits are not waived while Redis is away), while the
 * refresh and read limits are waived with a warning: they only shed load, and a Redis outage must not log customers
 * out nor hide their history.
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
        return take(List.of(RateLimit.of("create-ip", IpRange.bucketId(clientAddress), limits.createPerIpCapacity(),
                limits.createPerIpPeriod())), "Too many conversations started from this address; try again later");
    }

    /** One {@code POST /api/widget/token} from {@code clientAddress}; waived while Redis is away. */
    public Uni<Void> tokenRefresh(String clientAddress) {
        WidgetConfig.RateLimits limits = config.rateLimits();
        return takeOrWaive(RateLimit.of("token-ip", IpRange.bucketId(clientAddress), limits.tokenPerIpCapacity(),
                limits.tokenPerIpPeriod()), "Too many token refreshes from this address; try again later");
    }

    /**
     * One widget read ({@code GET /api/widget/conversations/:id[/messages]}) from {@code clientAddress}; waived
     * while Redis is away.
     */
    public Uni<Void> read(String clientAddress) {
        WidgetConfig.RateLimits limits = config.rateLimits();
        return takeOrWaive(RateLimit.of("read-ip", IpRange.bucketId(clientAddress), limits.readsPerIpCapacity(),
                limits.readsPerIpPeriod()), "Too many requests from this address; try again later");
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

    /** Like {@link #take} for one bucket, but allows the call (with a warning) when Redis does not answer. */
    private Uni<Void> takeOrWaive(RateLimit limit, String detail) {
        return buckets.take(List.of(limit))
                .ifNoItem().after(config.rateLimitTimeout()).fail()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Rate limit %s waived, Redis unavailable: %s", limit.scope(), failure.toString());
                    return Duration.ZERO;
                })
                .map(wait -> {
                    if (!wait.isZero()) {
                        throw ProblemException.tooManyRequests(detail, wait);
                    }
                    return null;
                });
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
