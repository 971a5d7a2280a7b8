package io.switchboard.gateway.routing;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.switchboard.gateway.service.CustomerTokens;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Route handlers in front of every proxied {@code /api/**} and {@code /ws/**} path: they let a request through only
 * with an access token that verifies (signature with {@code mp.jwt.verify.publickey.location}, issuer, expiry) and
 * is of the kind the path is for. Downstream services verify the token again.
 *
 * <ul>
 *   <li>{@link #operators()}: operator paths want an operator token (group {@code operator} or {@code admin}); a
 *       customer token gets 403.</li>
 *   <li>{@link #customers()} ({@code /ws/widget}) and {@link #customerOfPathConversation()}
 *       ({@code /api/widget/conversations/:id/**}): widget paths want a customer token (group {@code customer});
 *       an operator token gets 403, and so does a customer token whose {@code conversation} claim is not the
 *       path's {@code :id}.</li>
 * </ul>
 * A missing, malformed, foreign-signed or expired token is 401 problem+json with {@code WWW-Authenticate: Bearer},
 * and nothing is forwarded.
 */
@ApplicationScoped
public class EdgeAuthenticator {

    /** Routing-context key of the verified token's subject (operator or customer id). */
    static final String SUBJECT = "switchboard.subject";
    /** Routing-context key of a verified customer token's conversation (UUID string). */
    static final String CONVERSATION = "switchboard.conversation";
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer");
    private static final Set<String> OPERATOR_GROUPS = Set.of("operator", "admin");

    private final JWTParser parser;

    public EdgeAuthenticator(JWTParser parser) {
        this.parser = parser;
    }

    /** For operator paths: a token with group {@code operator} or {@code admin}. */
    public Handler<RoutingContext> operators() {
        return ctx -> verify(ctx).ifPresent(jwt -> {
            if (jwt.getGroups().stream().noneMatch(OPERATOR_GROUPS::contains)) {
                ProblemResponses.send(ctx, 403, "This token does not open operator routes");
                return;
            }
            ctx.put(SUBJECT, jwt.getSubject());
            ctx.next();
        });
    }

    /** For {@code /ws/widget}: a customer token (its conversation is the one the socket belongs to). */
    public Handler<RoutingContext> customers() {
        return ctx -> verifyCustomer(ctx).ifPresent(jwt -> ctx.next());
    }

    /** For {@code /api/widget/conversations/:id/**}: a customer token of conversation {@code :id}. */
    public Handler<RoutingContext> customerOfPathConversation() {
        return ctx -> verifyCustomer(ctx).ifPresent(jwt -> {
            String conversation = ctx.get(CONVERSATION);
            if (!conversation.equalsIgnoreCase(ctx.pathParam("id"))) {
                ProblemResponses.send(ctx, 403, "This token does not open that conversation");
                return;
            }
            ctx.next();
        });
    }

    private Optional<JsonWebToken> verifyCustomer(RoutingContext ctx) {
        Optional<JsonWebToken> verified = verify(ctx);
        if (verified.isEmpty()) {
            return verified;
        }
        JsonWebToken jwt = verified.get();
        String conversation = claimText(jwt.getClaim(CustomerTokens.CONVERSATION_CLAIM));
        if (!jwt.getGroups().contains(CustomerTokens.GROUP) || conversation == null) {
            ProblemResponses.send(ctx, 403, "Widget routes need a customer token");
            return Optional.empty();
        }
        ctx.put(SUBJECT, jwt.getSubject());
        ctx.put(CONVERSATION, conversation);
        return verified;
    }

    /** A string claim's text (smallrye-jwt may hand it over as a JSON string), or null. */
    public static String claimText(Object claim) {
        if (claim instanceof JsonString json) {
            return json.getString();
        }
        return claim instanceof String text ? text : null;
    }

    /** The verified token, or empty after answering 401. */
    private Optional<JsonWebToken> verify(RoutingContext ctx) {
        Optional<String> token = BearerToken.of(ctx.request());
        if (token.isEmpty()) {
            ProblemResponses.send(ctx, 401, "A bearer token is required", CHALLENGE);
            return Optional.empty();
        }
        try {
            return Optional.of(parser.parse(token.get()));
        } catch (ParseException e) {
            ProblemResponses.send(ctx, 401, "The bearer token is invalid or expired", CHALLENGE);
            return Optional.empty();
        }
    }
}
