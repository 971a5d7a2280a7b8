package io.switchboard.conversation.rest;

import io.switchboard.conversation.config.ConversationConfig;
import io.switchboard.conversation.domain.WidgetProfile;
import io.switchboard.conversation.service.OutboxRelay;
import io.switchboard.conversation.service.UniqueViolations;
import io.switchboard.conversation.service.WidgetConversations;
import io.switchboard.conversation.rest.WidgetCustomers.WidgetCustomer;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.UUID;

/**
 * The web widget's customer API (reached through the gateway). Every endpoint needs a customer token (role
 * {@code customer}, {@code sub} = customer id, claim {@code conversation}); a path naming another conversation than
 * the claim, or a token without a usable claim, is 403, and so is an operator token. Customers write messages through
 * the gateway onto {@code widget.messages}, not here. Errors are {@code application/problem+json}.
 */
@Path("/api/widget/conversations")
@RolesAllowed("customer")
@Produces(MediaType.APPLICATION_JSON)
public class WidgetConversationResource {

    private final WidgetConversations widget;
    private final OutboxRelay relay;
    private final JsonWebToken jwt;
    private final ConversationConfig.Api config;

    public WidgetConversationResource(WidgetConversations widget, OutboxRelay relay, JsonWebToken jwt,
                                      ConversationConfig config) {
        this.widget = widget;
        this.relay = relay;
        this.jwt = jwt;
        this.config = config.api();
    }

    /**
     * Opens the token's conversation for the token's customer (the gateway generated both ids and minted the token):
     * 201 {@code {conversationId, codename}} with its Location. Repeating it (same token) answers the same, 201, and
     * changes nothing. {@code nickname} and {@code locale} are optional; an invalid one is 422 (see
     * {@link WidgetProfile}). 409 when the ids clash with another customer's data.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<WidgetOpened>> open(WidgetOpenRequest body, UriInfo uriInfo) {
        WidgetCustomer customer = WidgetCustomers.from(jwt);
        String nickname = body == null || body.nickname() == null || body.nickname().isBlank() ? null
                : validNickname(body.nickname());
        String locale;
        try {
            locale = WidgetProfile.locale(body == null ? null : body.locale());
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable(e.getMessage());
        }
        return widget.open(customer.customerId(), customer.conversationId(), nickname, locale)
                // two identical requests raced: the loser's insert hit a primary key; its retry finds the winner's
                .onFailure(UniqueViolations::isUniqueViolation).retry().atMost(1)
                .map(opened -> {
                    if (opened.created()) {
                        relay.trigger();
                    }
                    URI location = uriInfo.getBaseUriBuilder().path("api/widget/conversations/{id}")
                            .build(opened.conversation().id);
                    return RestResponse.ResponseBuilder.<WidgetOpened>created(location)
                            .entity(new WidgetOpened(opened.conversation().id, opened.conversation().codename)).build();
                });
    }

    /**
     * The conversation as its customer sees it: {@code {conversationId, codename, status, nickname, locale,
     * operatorName, lastReadByOperatorAt}} (BLOCKED shows as CLOSED); 403 another conversation, 404 absent.
     */
    @GET
    @Path("{id}")
    public Uni<WidgetConversationView> get(@PathParam("id") UUID id) {
        WidgetCustomer customer = WidgetCustomers.from(jwt).requireConversation(id);
        return widget.get(customer.customerId(), id);
    }

    /**
     * The conversation's history, oldest first: {@code {"items":[WidgetMessageView...],"nextCursor":string|null}};
     * the customer's messages, operators' replies and customer-facing system bubbles, never notes or operator-facing
     * messages. {@code limit} 1..200 (default 50), {@code cursor} = the previous {@code nextCursor} (malformed: 400);
     * 403 another conversation, 404 absent.
     */
    @GET
    @Path("{id}/messages")
    public Uni<Page<WidgetMessageView>> messages(@PathParam("id") UUID id, @QueryParam("limit") String limit,
                                                 @QueryParam("cursor") String cursor) {
        WidgetCustomer customer = WidgetCustomers.from(jwt).requireConversation(id);
        return widget.messages(customer.customerId(), id, QueryParams.limit(limit, config), QueryParams.cursor(cursor));
    }

    /**
     * Sets the customer's nickname ({@code {"nickname":"..."}}): it becomes their display name for operators, event
     * {@code customer.updated}; answers the conversation view. 422 for an invalid nickname (2..32 characters after
     * trimming, no links, no control characters); 403 another conversation, 404 absent. The gateway rate-limits it.
     */
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<WidgetConversationView> rename(@PathParam("id") UUID id, NicknameRequest body) {
        WidgetCustomer customer = WidgetCustomers.from(jwt).requireConversation(id);
        String nickname = validNickname(body == null ? null : body.nickname());
        return widget.rename(customer.customerId(), id, nickname).invoke(() -> relay.trigger());
    }

    private static String validNickname(String raw) {
        try {
            return WidgetProfile.nickname(raw);
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable(e.getMessage());
        }
    }
}
