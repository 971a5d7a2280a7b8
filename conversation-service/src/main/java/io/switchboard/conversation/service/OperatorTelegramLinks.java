package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.domain.OperatorTelegramLink;
import io.switchboard.conversation.domain.TelegramLinkCode;
import io.switchboard.conversation.domain.TelegramSender;
import io.switchboard.conversation.repository.OperatorTelegramLinkRepository;
import io.switchboard.conversation.repository.TelegramLinkCodeRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Links operators to their Telegram accounts: the console asks for a one-time code ({@link #issue}), the operator
 * sends {@code /link CODE} to the bot in the support group (or a private chat), and from then on what that Telegram
 * user does in the support group is done as the operator ({@link OperatorTelegramLink#actor()}). A Telegram account
 * belongs to one operator and an operator has one account: a new link replaces older ones on either side. Linking
 * and unlinking are audited ({@code telegram.linked}, {@code telegram.unlinked}).
 */
@ApplicationScoped
public class OperatorTelegramLinks {

    /** How long a code stays valid. */
    public static final Duration CODE_VALIDITY = Duration.ofMinutes(10);

    private final TelegramLinkCodeRepository codes;
    private final OperatorTelegramLinkRepository links;
    private final AuditTrail audit;
    private final Clock clock;

    public OperatorTelegramLinks(TelegramLinkCodeRepository codes, OperatorTelegramLinkRepository links,
                                 AuditTrail audit, Clock clock) {
        this.codes = codes;
        this.links = links;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A fresh code for {@code actor}; their earlier codes stop working.
     *
     * @return the stored code (8 chars of A-Z2-9, expires in {@link #CODE_VALIDITY})
     */
    @WithTransaction
    public Uni<TelegramLinkCode> issue(Actor actor) {
        Instant now = now();
        TelegramLinkCode code = new TelegramLinkCode();
        code.code = TelegramLinkCode.randomCode();
        code.operatorId = actor.id();
        code.operatorName = actor.name();
        code.expiresAt = now.plus(CODE_VALIDITY);
        return codes.delete("operatorId = ?1 or expiresAt < ?2", actor.id(), now)
                .chain(() -> codes.persist(code));
    }

    /** The operator's link, or null. */
    @WithSession
    public Uni<OperatorTelegramLink> find(UUID operatorId) {
        return links.findById(operatorId);
    }

    /**
     * Removes the operator's link.
     *
     * @return false when there was none
     */
    @WithTransaction
    public Uni<Boolean> unlink(Actor actor) {
        Instant now = now();
        return links.findById(actor.id()).chain(link -> link == null ? Uni.createFrom().item(false)
                : links.delete(link)
                .call(() -> audit.record(null, actor, "telegram.unlinked",
                        Map.of("telegramUserId", link.telegramUserId), null, now))
                .replaceWith(true));
    }

    /**
     * The operator was deactivated (gateway-service, before it commits the deactivation): their Telegram link and any
     * unused link code are removed, so nothing they do in Telegram acts for them any more. Audited as
     * {@code telegram.unlinked} with {@code after.reason = "operator deactivated"} when a link existed.
     *
     * @return false when there was no link
     */
    @WithTransaction
    public Uni<Boolean> unlinkDeactivated(UUID operatorId) {
        Instant now = now();
        return codes.delete("operatorId", operatorId)
                .chain(() -> links.findById(operatorId))
                .chain(link -> link == null ? Uni.createFrom().item(false)
                        : links.delete(link)
                        .call(() -> audit.record(null, new Actor(operatorId, link.operatorName, false, null),
                                "telegram.unlinked", Map.of("telegramUserId", link.telegramUserId),
                                Map.of("reason", "operator deactivated"), now))
                        .replaceWith(true));
    }

    /** The link of Telegram user {@code telegramUserId}, or null; in the caller's session. */
    public Uni<OperatorTelegramLink> byTelegramUser(long telegramUserId) {
        return links.findByTelegramUser(telegramUserId);
    }

    /**
     * Redeems {@code code} for the Telegram user {@code sender}, in the caller's transaction: a valid code is used up
     * and the link stored (replacing the operator's older link and any link of this Telegram user).
     *
     * @param code as typed (case and surrounding spaces ignored)
     * @return the new link, or null when the code is unknown or expired
     */
    public Uni<OperatorTelegramLink> redeem(String code, TelegramSender sender, Instant now) {
        String normalized = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        if (!TelegramLinkCode.isWellFormed(normalized)) {
            return Uni.createFrom().nullItem();
        }
        return codes.findById(normalized).chain(found -> {
            if (found == null || found.expiresAt.isBefore(now)) {
                return Uni.createFrom().nullItem();
            }
            OperatorTelegramLink link = new OperatorTelegramLink();
            link.operatorId = found.operatorId;
            link.operatorName = found.operatorName;
            link.telegramUserId = sender.userId();
            link.telegramUsername = sender.username();
            link.linkedAt = now;
            // native statements: an older link of either side may be loaded in this session already
            return codes.delete(found)
                    .chain(() -> links.getSession()).chain(session -> session.createNativeQuery(
                                    "delete from operator_telegram_link where telegram_user_id = :user and operator_id <> :operator")
                            .setParameter("user", sender.userId()).setParameter("operator", found.operatorId)
                            .executeUpdate()
                            .chain(() -> session.createNativeQuery("""
                                            insert into operator_telegram_link (operator_id, operator_name, telegram_user_id,
                                                                                telegram_username, linked_at)
                                            values (:operator, :name, :user, :username, :now)
                                            on conflict (operator_id) do update set operator_name = excluded.operator_name,
                                                telegram_user_id = excluded.telegram_user_id,
                                                telegram_username = excluded.telegram_username,
                                                linked_at = excluded.linked_at""")
                                    .setParameter("operator", found.operatorId).setParameter("name", found.operatorName)
                                    .setParameter("user", sender.userId()).setParameter("username", sender.username())
                                    .setParameter("now", now)
                                    .executeUpdate()))
                    .replaceWith(link)
                    .call(() -> audit.record(null, new Actor(found.operatorId, found.operatorName, false, Actor.VIA_TELEGRAM),
                            "telegram.linked", null, Map.of("telegramUserId", sender.userId(),
                                    "telegramUsername", sender.username() == null ? "" : sender.username()), now));
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
