package io.switchboard.conversation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;
import java.util.UUID;

/** A person who wrote to the bot in a private chat; one per Telegram user, upserted on every message. */
@Entity
@Table(name = "customer")
@DynamicUpdate
public class Customer extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Telegram user id (unique). */
    /** Telegram user id; null for a customer from another channel (the web widget). */
    @Column(name = "telegram_user_id")
    public Long telegramUserId;

    /** Private chat with the bot (equal to the user id on Telegram). */
    /** Telegram private chat id; null for a customer from another channel. */
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

    @Column(name = "language_code")
    public String languageCode;

    /** Never blank: see {@link TelegramSender#displayName()}. */
    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
