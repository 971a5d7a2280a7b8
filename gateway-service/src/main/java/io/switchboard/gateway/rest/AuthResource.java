package io.switchboard.gateway.rest;

import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.repository.OperatorRepository;
import io.switchboard.gateway.service.OperatorSessions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/**
 * Sign-in for operators.
 *
 * <ul>
 *   <li>{@code POST /api/auth/login {username, password}} → 200 {@link TokenResponse}; 400 when a field is missing;
 *       401 for a wrong username or password (same detail for both); 429 with {@code Retry-After} when the account
 *       is locked or the client address sent too many attempts.</li>
 *   <li>{@code POST /api/auth/refresh {refreshToken}} → 200 {@link TokenResponse} with a new pair; 401 when the
 *       token is invalid, expired, revoked or was already used (which also revokes its whole chain).</li>
 *   <li>{@code POST /api/auth/logout {refreshToken}} → 204; revokes the token's chain.</li>
 *   <li>{@code GET /api/auth/me} (bearer token) → 200 {@link OperatorView}; 401 without a valid token or when the
 *       operator is gone or inactive; 403 for a widget customer's token.</li>
 * </ul>
 */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final OperatorSessions sessions;
    private final OperatorRepository operators;
    private final JsonWebToken jwt;

    public AuthResource(OperatorSessions sessions, OperatorRepository operators, JsonWebToken jwt) {
        this.sessions = sessions;
        this.operators = operators;
        this.jwt = jwt;
    }

    @POST
    @Path("login")
    public Uni<TokenResponse> login(LoginRequest request) {
        if (request == null || isBlank(request.username()) || request.password() == null) {
            throw ProblemException.badRequest("username and password are required");
        }
        return sessions.login(request.username().strip(), request.password()).map(TokenResponse::of);
    }

    @POST
    @Path("refresh")
    public Uni<TokenResponse> refresh(RefreshTokenRequest request) {
        return sessions.refresh(requireToken(request)).map(TokenResponse::of);
    }

    @POST
    @Path("logout")
    public Uni<Void> logout(RefreshTokenRequest request) {
        return sessions.logout(requireToken(request));
    }

    @GET
    @Path("me")
    @RolesAllowed({"operator", "admin"})
    public Uni<OperatorView> me() {
        UUID id;
        try {
            id = UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.unauthorized("The token does not name an operator");
        }
        return operators.findOne(id).map(operator -> {
            if (operator == null || !operator.active) {
                throw ProblemException.unauthorized("This operator no longer exists or is inactive");
            }
            return OperatorView.of(operator);
        });
    }

    private static String requireToken(RefreshTokenRequest request) {
        if (request == null || isBlank(request.refreshToken())) {
            throw ProblemException.badRequest("refreshToken is required");
        }
        return request.refreshToken();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
