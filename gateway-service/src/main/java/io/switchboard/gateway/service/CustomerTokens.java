package io.switchboard.gateway.service;

import io.smallrye.jwt.build.Jwt;
import io.switchboard.gateway.config.WidgetConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Signs the access tokens of web-widget customers: RS256 JWTs with the operators' key and issuer, {@code sub} =
 * customer id (UUID), {@code groups} = {@code ["customer"]}, claim {@value #CONVERSATION_CLAIM} = the one
 * conversation the token opens (UUID string), {@code iat}, {@code exp} ({@code switchboard.widget.access-token-ttl},
 * 15 minutes) and {@code jti}. Not bound to an address, so a phone changing networks keeps its chat.
 */
@ApplicationScoped
public class CustomerTokens {

    /** The group of every customer token; conversation-service and notification-service check it. */
    public static final String GROUP = "customer";
    /** Claim naming the token's conversation. */
    public static final String CONVERSATION_CLAIM = "conversation";

    private final AccessTokens signer;
    private final WidgetConfig config;

    public CustomerTokens(AccessTokens signer, WidgetConfig config) {
        this.signer = signer;
        this.config = config;
    }

    /** A signed customer token for {@code customerId} in {@code conversationId}, valid from {@code now}. */
    public String issue(UUID customerId, UUID conversationId, Instant now) {
        return signer.sign(Jwt.issuer(signer.issuer())
                .subject(customerId.toString())
                .groups(Set.of(GROUP))
                .claim(CONVERSATION_CLAIM, conversationId.toString())
                .issuedAt(now)
                .expiresAt(now.plus(config.accessTokenTtl())));
    }

    /** Lifetime of the tokens this issues, in seconds (the {@code expiresIn} of the widget's answers). */
    public long lifetimeSeconds() {
        return config.accessTokenTtl().toSeconds();
    }
}
