package io.switchboard.conversation.rest;

import io.switchboard.conversation.client.TelegramIngestClient;
import io.switchboard.conversation.service.TelegramDeepLinks;
import io.switchboard.conversation.rest.WidgetCustomers.WidgetCustomer;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * "Continue in Telegram" for the web widget: {@code POST /api/widget/conversations/{id}/telegram-link} (customer
 * token of that conversation) → 201 {@code {url: "https://t.me/<bot>?start=<payload>", expiresAt}}, a single-use
 * link valid 24 hours (per Bot API deep linking: {@code start} parameter up to 64 chars of A-Za-z0-9_-). Opening it
 * sends {@code /start <payload>} to the bot, which moves the conversation to that Telegram chat. 409 problem when
 * telegram-ingest has no bot configured or cannot be reached (its {@code GET /internal/telegram/bot}); 403 another
 * conversation's token; 404 an unknown conversation.
 */
@Path("/api/widget/conversations/{id}/telegram-link")
@RolesAllowed("customer")
@Produces(MediaType.APPLICATION_JSON)
public class WidgetTelegramLinkResource {

    private static final Logger LOG = Logger.getLogger(WidgetTelegramLinkResource.class);

    /**
     * @param url       the t.me deep link
     * @param expiresAt when it stops working (ISO-8601)
     */
    public record TelegramLink(String url, Instant expiresAt) {
    }

    private final TelegramIngestClient ingest;
    private final TelegramDeepLinks links;
    private final JsonWebToken jwt;
    private final Clock clock;

    public WidgetTelegramLinkResource(TelegramIngestClient ingest, TelegramDeepLinks links, JsonWebToken jwt,
                                      Clock clock) {
        this.ingest = ingest;
        this.links = links;
        this.jwt = jwt;
        this.clock = clock;
    }

    @POST
    public Uni<RestResponse<TelegramLink>> create(@PathParam("id") UUID id) {
        WidgetCustomer customer = WidgetCustomers.from(jwt).requireConversation(id);
        return ingest.bot()
                .onFailure(TelegramIngestClient.UnreachableException.class).transform(failure -> {
                    LOG.warnf("No Telegram link for the widget: %s", failure.getMessage());
                    return new ProblemException(409, "Conflict", "Telegram is not available right now");
                })
                .chain(bot -> {
                    if (!bot.configured() || bot.username() == null || bot.username().isBlank()) {
                        return Uni.createFrom().failure(new ProblemException(409, "Conflict",
                                "no Telegram bot is configured"));
                    }
                    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    return links.issue(customer.conversationId(), now).map(issued -> RestResponse.status(
                            RestResponse.Status.CREATED, new TelegramLink("https://t.me/" + bot.username() + "?start="
                                    + issued.payload(), issued.expiresAt())));
                });
    }
}
