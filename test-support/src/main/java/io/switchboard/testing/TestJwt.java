package io.switchboard.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Real RS256 access tokens for tests, signed with a key pair that exists only in this test-only module
 * ({@code io/switchboard/testing/jwt-private.pem}, {@code jwt-public.pem}). As a Quarkus test resource it points
 * {@code mp.jwt.verify.publickey.location} at the public half and sets the issuer to {@value #ISSUER}.
 *
 * <p>Claims as gateway-service issues them: {@code sub} = operator id (UUID), {@code upn} = username,
 * {@code groups} = roles ({@code admin}, {@code operator}), {@code name} = display name.
 */
public class TestJwt implements QuarkusTestResourceLifecycleManager {

    /** Issuer of every Switchboard access token. */
    public static final String ISSUER = "switchboard";
    /** Classpath location of the test public key. */
    public static final String PUBLIC_KEY_LOCATION = "io/switchboard/testing/jwt-public.pem";
    /** Classpath location of the test private key. */
    public static final String PRIVATE_KEY_LOCATION = "io/switchboard/testing/jwt-private.pem";

    /** An operator token valid for 10 minutes. */
    public static String operator(UUID operatorId, String username) {
        return token(operatorId, username, Set.of("operator"), Duration.ofMinutes(10));
    }

    /** An admin token (roles admin and operator) valid for 10 minutes. */
    public static String admin(UUID operatorId, String username) {
        return token(operatorId, username, Set.of("admin", "operator"), Duration.ofMinutes(10));
    }

    /**
     * A signed access token.
     *
     * @param lifetime how long it is valid; negative for an already expired token
     */
    public static String token(UUID operatorId, String username, Set<String> roles, Duration lifetime) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(ISSUER)
                .subject(operatorId.toString())
                .upn(username)
                .groups(roles)
                .claim("name", username)
                .issuedAt(now - 1)
                .expiresAt(now + lifetime.toSeconds())
                .sign(privateKey());
    }

    /** The test private key. */
    public static PrivateKey privateKey() {
        try {
            return KeyUtils.decodePrivateKey(read(PRIVATE_KEY_LOCATION));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM text of a classpath resource of this module. */
    public static String read(String location) {
        try (InputStream in = TestJwt.class.getClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException(location + " missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> start() {
        return Map.of("mp.jwt.verify.publickey.location", PUBLIC_KEY_LOCATION,
                "mp.jwt.verify.issuer", ISSUER);
    }

    @Override
    public void stop() {
    }
}
