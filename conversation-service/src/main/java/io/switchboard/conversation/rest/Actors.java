package io.switchboard.conversation.rest;

import io.switchboard.conversation.domain.Actor;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/** Reads the acting operator from an access token issued by gateway-service. */
public final class Actors {

    private Actors() {
    }

    /**
     * The operator behind {@code jwt}: id from {@code sub}, name from the {@code name} claim (falls back to
     * {@code upn}), admin when {@code groups} contains {@code admin}.
     *
     * @throws ProblemException 403 when the subject is not an operator id
     */
    public static Actor from(JsonWebToken jwt) {
        UUID id;
        try {
            id = UUID.fromString(jwt.getSubject());
        } catch (RuntimeException e) {
            throw new ProblemException(403, "Forbidden", "the token's subject is not an operator id");
        }
        String name = jwt.getClaim("name");
        if (name == null || name.isBlank()) {
            name = jwt.getName();
        }
        return new Actor(id, name, jwt.getGroups() != null && jwt.getGroups().contains("admin"));
    }
}
