package io.switchboard.conversation.rest;

import io.switchboard.conversation.service.OperatorTelegramLinks;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

/**
 * Operator account changes gateway-service tells this service about, inside the cluster. Not behind operator
 * authentication and never routed by the gateway (which forwards only {@code /api/...}), like
 * {@link InternalUploadResource}.
 * <ul>
 *   <li>{@code DELETE /internal/operators/{operatorId}/telegram-link} → 204, also when there was no link: the
 *       operator is being deactivated, so their {@code operator_telegram_link} and unused link codes are removed
 *       (a deactivated operator must not act from Telegram). The gateway calls it before committing the
 *       deactivation.</li>
 * </ul>
 */
@Path("/internal/operators/{operatorId}")
@PermitAll
public class InternalOperatorResource {

    private final OperatorTelegramLinks links;

    public InternalOperatorResource(OperatorTelegramLinks links) {
        this.links = links;
    }

    @DELETE
    @Path("telegram-link")
    public Uni<RestResponse<Void>> unlinkTelegram(@PathParam("operatorId") UUID operatorId) {
        return links.unlinkDeactivated(operatorId).map(ignored -> RestResponse.noContent());
    }
}
