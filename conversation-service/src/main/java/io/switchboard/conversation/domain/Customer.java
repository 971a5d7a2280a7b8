package io.switchboard.conversation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;
import java.util.UUID;

/**
 * A person who writes to support: on Telegram one per Telegram user (upserted on every message), in the web widget
 * one per widget conversation (created with it, id = the customer token's subject).
 */
@Entity
@Table(name = "customer")
@DynamicUpdate
public class Customer extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Telegram user id (unique); null for a customer from another channel (the web widget). */
    /** The channel the customer writes from. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel = Channel.TELEGRAM;

    @Column(name = "telegram_user_id")
    public Long telegramUserId;

    /** Telegram private chat id (equal to the user id on Telegram); null for a customer from another channel. */
    @Column(name = "telegram_chat_id")
    public Long telegramChatId;

    /** A nickname the customer chose or an operator noted, shown beside the codename; may be null. */
    @Column(name = "nickname")
    public String nickname;

    @Column(name = "first_name")
    public String firstName;

    @Column(name = "last_name")
    public String lastName;

    /** Telegram username without '@', or null. */
    public String username;

    /** Telegram's {@code language_code}, or the widget's locale (e.g. {@code fa}, {@code ru-RU}); picks template texts. */
    @Column(name = "language_code")
    public String languageCode;

    /**
     * Never blank: on Telegram see {@link TelegramSender#displayName()}; in the widget the nickname, else
     * "Visitor &lt;codename suffix&gt;".
     */
    @Column(name = "display_name", nullable = false)
    public String displayName;

    /** When the customer blocked the Telegram bot (sends to them fail), or null. */
    @Column(name = "bot_blocked_at")
    public Instant botBlockedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
