package io.switchboard.ingest.rest;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingest.config.TelegramConfig;
import io.switchboard.ingest.config.TelegramMode;
import io.switchboard.ingest.domain.InboundUpdate;
import io.switchboard.ingest.domain.WebhookSecret;
import io.switchboard.ingest.messaging.UpdatePublisher;
import io.switchboard.ingest.service.ActiveBot;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;

import java.util.OptionalLong;

/**
 * {@code POST /telegram/webhook}: Telegram delivers one {@code Update} per request (webhook mode only).
 *
 * <ul>
 *   <li>{@code X-Telegram-Bot-Api-Secret-Token} must equal the secret generated at the last registration (stored
 *       encrypted, see {@code WebhookRegistration}), or the one it replaced during
 *       {@link ActiveBot#WEBHOOK_SECRET_GRACE} after the rotation, or — only while no generated secret is stored —
 *       {@code TELEGRAM_WEBHOOK_SECRET}; constant-time comparison, else 401;</li>
 *   <li>the body must be a JSON object with an integer {@code update_id}, else 400;</li>
 *   <li>the body is published byte-for-byte to {@code telegram.updates} (key: chat id; header
 *       {@code telegram-bot-id}: the id of the bot in use, absent only while none is configured) and the answer is
 *       200 {@code {}} only once Kafka acknowledged it ({@code acks=all});</li>
 *   <li>when Kafka does not acknowledge within {@code telegram.publish-timeout}: 503 with {@code Retry-After}, so
 *       Telegram delivers the update again.</li>
 * </ul>
 * Errors are {@code application/problem+json}. In polling mode ({@link ActiveBot#mode()}) the endpoint answers 404.
 */
@Path("/telegram/webhook")
public class TelegramWebhookResource {

    private static final Logger LOG = Logger.getLogger(TelegramWebhookResource.class);
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private final UpdatePublisher publisher;
    private final WebhookSecret secret;
    private final ActiveBot bot;
    /** The generated secrets last seen and their comparators (rebuilt only when they change). */
    private volatile Generated generated = new Generated(null, new WebhookSecret(null));
    private volatile Generated previous = new Generated(null, new WebhookSecret(null));

    private record Generated(String value, WebhookSecret secret) {
    }

    TelegramWebhookResource(UpdatePublisher publisher, TelegramConfig config, ActiveBot bot) {
        this.publisher = publisher;
        this.secret = new WebhookSecret(config.webhookSecret().orElse(null));
        this.bot = bot;
    }

    /**
     * Accepts one update.
     *
     * @param presentedSecret the secret header, may be absent
     * @param body            the raw request body
     * @return {@code {}} once the update is on Kafka
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<String> receive(@HeaderParam(SECRET_HEADER) String presentedSecret, byte[] body) {
        if (bot.mode() != TelegramMode.WEBHOOK) {
            throw new NotFoundException("The webhook is disabled: this service runs in polling mode");
        }
        if (!accepted(presentedSecret)) {
            throw new WebhookUnauthorizedException();
        }
        InboundUpdate update = InboundUpdate.parse(body);
        return publisher.publish(update, bot.token().map(token -> OptionalLong.of(token.botId()))
                        .orElse(OptionalLong.empty()))
                .onFailure().invoke(e -> LOG.warnf("Update %d not acknowledged by Kafka, answering 503: %s",
                        update.updateId(), e.toString()))
                .onFailure().transform(UpdatesUnavailableException::new)
                .replaceWith("{}");
    }

    /** The generated secret; its predecessor within the grace period; the environment's only without a generated one. */
    private boolean accepted(String presented) {
        String current = bot.generatedWebhookSecret().orElse(null);
        if (current == null) {
            return secret.matches(presented);
        }
        Generated seen = generated;
        if (!java.util.Objects.equals(current, seen.value())) {
            seen = new Generated(current, new WebhookSecret(current));
            generated = seen;
        }
        if (seen.secret().matches(presented)) {
            return true;
        }
        String replaced = bot.previousWebhookSecret(java.time.Instant.now()).orElse(null);
        if (replaced == null) {
            return false;
        }
        Generated old = previous;
        if (!replaced.equals(old.value())) {
            old = new Generated(replaced, new WebhookSecret(replaced));
            previous = old;
        }
        return old.secret().matches(presented);
    }
}
