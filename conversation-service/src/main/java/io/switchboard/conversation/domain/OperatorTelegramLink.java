package io.switchboard.conversation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An operator's Telegram account, linked by sending {@code /link CODE} to the bot: what that Telegram user does in
 * the support group is done as this operator. One Telegram user per operator and vice versa.
 */
@Entity
@Table(name = "operator_telegram_link")
public class OperatorTelegramLink extends PanacheEntityBase {

    @Id
    @Column(name = "operator_id")
    public UUID operatorId;

    /** The operator's display name when the link code was issued (for audit rows and mirrors). */
    @Column(name = "operator_name")
    public String operatorName;

    /** Telegram {@code from.id}. */
    @Column(name = "telegram_user_id", nullable = false)
    public long telegramUserId;

    /** Telegram {@code from.username} (without '@'), or null. */
    @Column(name = "telegram_username")
    public String telegramUsername;

    @Column(name = "linked_at", nullable = false)
    public Instant linkedAt;

    /** The operator as an {@link Actor} of actions taken from Telegram ({@code via=telegram} in audit rows). */
    public Actor actor() {
        return Actor.viaTelegram(operatorId, operatorName);
    }
}
