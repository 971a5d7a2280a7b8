package io.switchboard.gateway.service;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.jwt.util.ResourceUtils;
import io.switchboard.gateway.config.IdentityConfig;
import io.switchboard.gateway.domain.Operator;
import io.switchboard.gateway.domain.OperatorRole;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Signs access tokens: RS256 JWTs with {@code iss} = {@code switchboard.identity.issuer}, {@code sub} = operator id,
 * {@code upn} = username, {@code groups} = the role's groups, {@code name} = display name, {@code iat}, {@code exp}
 * and {@code jti}. The private key is read once at start-up from {@code smallrye.jwt.sign.key.location} (env
 * {@code SMALLRYE_JWT_SIGN_KEY_LOCATION}: a PEM file path or a classpath resource), or else from the PEM text in
 * {@code smallrye.jwt.sign.key} (what dev mode generates). At start-up, before anything else (in particular before
 * the first admin is created and its password shown), a probe token is signed and verified with
 * {@code mp.jwt.verify.publickey.location}: the service refuses to start when either key is missing or they do not
 * form a pair.
 */
@ApplicationScoped
public class AccessTokens {

    private final IdentityConfig config;
    private final PrivateKey signingKey;

    public AccessTokens(IdentityConfig config,
                        @ConfigProperty(name = "smallrye.jwt.sign.key.location") Optional<String> keyLocation,
                        @ConfigProperty(name = "smallrye.jwt.sign.key") Optional<String> keyContent) {
        this.config = config;
        this.signingKey = load(keyLocation.filter(AccessTokens::isSet), keyContent.filter(AccessTokens::isSet));
    }

    /** Lifetime of the tokens this issues, in seconds (the {@code expiresIn} of a login answer). */
    public long lifetimeSeconds() {
        return config.accessTokenLifetime().toSeconds();
    }

    /** A signed access token for {@code operator}, valid from {@code now} for {@link #lifetimeSeconds()}. */
    public String issue(Operator operator, Instant now) {
        return sign(Jwt.issuer(config.issuer())
                .subject(operator.id.toString())
                .upn(operator.username)
                .groups(operator.role.groups())
                .claim("name", operator.displayName)
                .issuedAt(now)
                .expiresAt(now.plus(config.accessTokenLifetime())));
    }

    /**
     * Signs {@code claims} with the gateway's key (RS256), as every token of the system is signed; used for the
     * widget's customer tokens too ({@link CustomerTokens}).
     */
    public String sign(JwtClaimsBuilder claims) {
        return claims.jws().algorithm(SignatureAlgorithm.RS256).sign(signingKey);
    }

    /** Issuer ({@code iss}) of every token this signs. */
    public String issuer() {
        return config.issuer();
    }

    /**
     * Start-up check: a token signed with the private key verifies with the configured public key.
     *
     * @throws IllegalStateException when it does not
     */
    void checkKeyPair(@Observes @Priority(100) StartupEvent event, JWTParser parser) {
        Operator probe = new Operator();
        probe.id = UUID.randomUUID();
        probe.username = "startup-check";
        probe.displayName = "Start-up check";
        probe.role = OperatorRole.OPERATOR;
        try {
            parser.parse(issue(probe, Instant.now()));
        } catch (ParseException e) {
            throw new IllegalStateException("A freshly signed access token does not verify: check that "
                    + "MP_JWT_VERIFY_PUBLICKEY_LOCATION is the public half of SMALLRYE_JWT_SIGN_KEY_LOCATION", e);
        }
    }

    private static PrivateKey load(Optional<String> location, Optional<String> content) {
        try {
            if (location.isPresent()) {
                // readResource accepts file paths, file:, classpath: and http(s) locations
                String pem = ResourceUtils.readResource(location.get());
                if (pem == null) {
                    throw new IllegalStateException("nothing at that location");
                }
                return KeyUtils.decodePrivateKey(pem);
            }
            if (content.isPresent()) {
                return KeyUtils.decodePrivateKey(content.get());
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the JWT signing key from "
                    + location.orElse("smallrye.jwt.sign.key") + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("No JWT signing key: set SMALLRYE_JWT_SIGN_KEY_LOCATION "
                + "(smallrye.jwt.sign.key.location) to the PEM file of the RSA private key");
    }

    private static boolean isSet(String value) {
        // "NONE" is the placeholder the smallrye-jwt extension puts in for keys given by location
        return !value.isBlank() && !value.equals("NONE");
    }
}
