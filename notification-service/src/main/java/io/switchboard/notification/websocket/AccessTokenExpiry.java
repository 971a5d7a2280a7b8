package io.switchboard.notification.websocket;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Gives a JWT-based identity the attribute {@value #EXPIRE_TIME} (the token's {@code exp}, epoch seconds). WebSockets
 * Next reads it at the upgrade and closes the connection with code 1008 "Authentication expired" when the access
 * token runs out, so a socket never outlives its token; the console then reconnects with a refreshed token.
 */
@ApplicationScoped
public class AccessTokenExpiry implements SecurityIdentityAugmentor {

    /** The identity attribute WebSockets Next schedules the close on. */
    public static final String EXPIRE_TIME = "quarkus.identity.expire-time";

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getAttribute(EXPIRE_TIME) != null
                || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity)
                .addAttribute(EXPIRE_TIME, jwt.getExpirationTime())
                .build());
    }
}
