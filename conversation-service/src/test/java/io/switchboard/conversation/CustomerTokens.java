package io.switchboard.conversation;

import io.smallrye.jwt.build.Jwt;
import io.switchboard.testing.TestJwt;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * Customer tokens as gateway-service mints them for the web widget, signed with test-support's test key: RS256,
 * issuer {@code switchboard}, {@code sub} = customer id, {@code groups} = {@code ["customer"]}, claim
 * {@code conversation} = the one conversation the token opens.
 */
public final class CustomerTokens {

    private CustomerTokens() {
    }

    /** A customer token for {@code conversationId}, valid for 10 minutes. */
    public static String customer(UUID customerId, UUID conversationId) {
        return token(customerId, conversationId.toString(), Set.of("customer"), Duration.ofMinutes(10));
    }

    /**
     * A signed token with any {@code conversation} claim (null: no claim) and roles.
     *
     * @param lifetime negative for an expired token
     */
    public static String token(UUID customerId, String conversationClaim, Set<String> roles, Duration lifetime) {
        long now = System.currentTimeMillis() / 1000;
        var builder = Jwt.issuer(TestJwt.ISSUER)
                .subject(customerId.toString())
                .groups(roles)
                .issuedAt(now - 1)
                .expiresAt(now + lifetime.toSeconds());
        if (conversationClaim != null) {
            builder.claim("conversation", conversationClaim);
        }
        return builder.sign(TestJwt.privateKey());
    }
}
