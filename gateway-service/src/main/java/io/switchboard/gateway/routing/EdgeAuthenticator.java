package io.switchboard.gateway.routing;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Map;
import java.util.Optional;

/**
 * Route handler in front of every proxied {@code /api/**} and {@code /ws/**} path: lets the request through only
 * with an access token that verifies (signature with {@code mp.jwt.verify.publickey.location}, issuer, expiry).
 * Otherwise answers 401 problem+json with {@code WWW-Authenticate: Bearer} and forwards nothing. Downstream services
 * verify the token again.
 */
@ApplicationScoped
public class EdgeAuthenticator implements Handler<RoutingContext> {

    /** Routing-context key of the verified token's subject (operator id). */
    static final String OPERATOR_ID = "switchboard.operator-id";
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer");

    private final JWTParser parser;

    public EdgeAuthenticator(JWTParser parser) {
        this.parser = parser;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Optional<String> token = BearerToken.of(ctx.request());
        if (token.isEmpty()) {
            ProblemResponses.send(ctx, 401, "A bearer token is required", CHALLENGE);
            return;
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token.get());
        } catch (ParseException e) {
            ProblemResponses.send(ctx, 401, "The bearer token is invalid or expired", CHALLENGE);
            return;
        }
        ctx.put(OPERATOR_ID, jwt.getSubject());
        ctx.next();
    }
}
