package io.switchboard.notification;

import io.smallrye.jwt.build.Jwt;
import io.switchboard.testing.TestJwt;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/** Access tokens for tests, shaped as gateway-service issues them. */
public final class Tokens {

    private Tokens() {
    }

    /** A valid operator token with a distinct display name ({@code name} claim). */
    public static String operator(UUID id, String username, String displayName) {
        return builder(id, username, displayName, Set.of("operator"), Duration.ofMinutes(10)).sign(TestJwt.privateKey());
    }

    /** A token that is otherwise valid but signed by a key the service does not trust. */
    public static String signedByAnotherKey(UUID id, String username) {
        return builder(id, username, username, Set.of("operator"), Duration.ofMinutes(10)).sign(foreignKey());
    }

    /** A token whose lifetime ended a minute ago. */
    public static String expired(UUID id, String username) {
        return TestJwt.token(id, username, Set.of("operator"), Duration.ofMinutes(-1));
    }

    /** A valid token without the operator or admin role. */
    public static String withoutOperatorRole(UUID id, String username) {
        return TestJwt.token(id, username, Set.of("customer"), Duration.ofMinutes(10));
    }

    /**
     * A customer token as the gateway mints it for the web widget: {@code sub} = customer id, {@code groups} =
     * {@code ["customer"]}, claim {@code conversation} = the conversation id.
     */
    public static String customer(UUID customerId, UUID conversationId) {
        return customerWithClaim(customerId, conversationId.toString(), Duration.ofMinutes(10));
    }

    /** A customer token whose {@code conversation} claim is {@code claim} (null: no claim at all). */
    public static String customerWithClaim(UUID customerId, String claim, Duration lifetime) {
        long now = System.currentTimeMillis() / 1000;
        io.smallrye.jwt.build.JwtClaimsBuilder builder = Jwt.issuer(TestJwt.ISSUER)
                .subject(customerId.toString())
                .groups(Set.of("customer"))
                .issuedAt(now - 1)
                .expiresAt(now + lifetime.toSeconds());
        if (claim != null) {
            builder.claim("conversation", claim);
        }
        return builder.sign(TestJwt.privateKey());
    }

    /** An operator token that also names a conversation, as if someone tried to use it on the widget socket. */
    public static String operatorWithConversation(UUID id, String username, UUID conversationId) {
        return builder(id, username, username, Set.of("operator"), Duration.ofMinutes(10))
                .claim("conversation", conversationId.toString())
                .sign(TestJwt.privateKey());
    }

    private static io.smallrye.jwt.build.JwtClaimsBuilder builder(UUID id, String username, String displayName,
                                                                  Set<String> roles, Duration lifetime) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(TestJwt.ISSUER)
                .subject(id.toString())
                .upn(username)
                .groups(roles)
                .claim("name", displayName)
                .issuedAt(now - 1)
                .expiresAt(now + lifetime.toSeconds());
    }

    private static PrivateKey foreignKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
