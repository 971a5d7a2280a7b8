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
