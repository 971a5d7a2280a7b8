package io.switchboard.ingest.rest;

import io.switchboard.ingest.config.TelegramMode;
import io.switchboard.ingest.domain.BotIdentity;
import io.switchboard.ingest.domain.ConfiguredBot;
import io.switchboard.ingest.service.ActiveBot;
import io.switchboard.ingest.service.BotSettings;
import io.switchboard.ingest.service.WebhookRegistration;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.Optional;

/**
 * Bot settings and webhook management (role {@code admin}; routed by the gateway):
 * <ul>
 *   <li>{@code PUT /api/admin/telegram/bot} {@code {token}} → 200 {@link BotView}: validated with getMe (422 problem
 *       "Telegram refused this token" on 401/404, 502 when Telegram cannot be reached), stored encrypted, then the
 *       webhook is registered (public URL configured) or long polling takes over; still 200 when the registration
 *       failed (the token is stored), with {@code webhookRegistered: false} and {@code webhookError};</li>
 *   <li>{@code GET /api/admin/telegram/bot} → {@link BotView}, never the token;</li>
 *   <li>{@code DELETE /api/admin/telegram/bot} → 204; {@code TELEGRAM_BOT_TOKEN}, if any, applies again;</li>
 *   <li>{@code GET /api/admin/telegram/webhook-info} → {@link WebhookInfoView} (getWebhookInfo);</li>
 *   <li>{@code POST /api/admin/telegram/webhook/register} → {@link WebhookInfoView} after setWebhook with a new
 *       generated secret_token and explicit allowed_updates; 409 problem in polling mode (no public URL).</li>
 * </ul>
 * Errors are problem+json (401 without a valid token, 403 without the admin role, 503 when no bot is configured).
 */
@Path("/api/admin/telegram")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class BotAdminResource {

    private final ActiveBot bot;
    private final BotSettings settings;
    private final WebhookRegistration webhook;

    BotAdminResource(ActiveBot bot, BotSettings settings, WebhookRegistration webhook) {
        this.bot = bot;
        this.settings = settings;
        this.webhook = webhook;
    }

    @GET
    @Path("bot")
    public BotView get() {
        Optional<ConfiguredBot> current = bot.current();
        String mode = bot.mode().name().toLowerCase();
        String url = bot.publicWebhookUrl().orElse(null);
        if (current.isEmpty()) {
            return new BotView(false, null, null, null, null, mode, url, null, false, null);
        }
        BotIdentity identity = bot.identity().orElse(null);
        Optional<WebhookRegistration.Registration> registration = webhook.lastRegistration()
                .filter(r -> r.token().equals(current.get().token()) && bot.mode() == TelegramMode.WEBHOOK);
        return new BotView(true, identity != null ? identity.botId() : current.get().token().botId(),
                identity != null ? identity.username() : null, identity != null ? identity.firstName() : null,
                current.get().token().hint(), mode, url, current.get().source().name().toLowerCase(),
                registration.map(WebhookRegistration.Registration::registered).orElse(false),
                registration.map(WebhookRegistration.Registration::error).orElse(null));
    }

    @PUT
    @Path("bot")
    @Consumes(MediaType.APPLICATION_JSON)
    public BotView put(BotTokenRequest request) {
        if (request == null) {
            throw new BadRequestException("The body must be {\"token\": \"…\"}");
        }
        settings.setToken(request.token());
        return get();
    }

    @DELETE
    @Path("bot")
    @ResponseStatus(204)
    public void delete() {
        settings.removeToken();
    }

    @GET
    @Path("webhook-info")
    public WebhookInfoView webhookInfo() {
        return WebhookInfoView.of(webhook.info());
    }

    @POST
    @Path("webhook/register")
    public WebhookInfoView register() {
        return WebhookInfoView.of(webhook.register());
    }
}
