package io.switchboard.conversation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/**
 * A Telegram update that was consumed, keyed by the bot that received it and its {@code update_id} (primary key: a
 * redelivery is a no-op; Telegram numbers update_ids per bot, so the same update_id from another bot is another
 * update).
 */
@Entity
@Table(name = "processed_update")
@IdClass(ProcessedUpdate.Key.class)
public class ProcessedUpdate extends PanacheEntityBase {

    /** The receiving bot's id (the {@code telegram-bot-id} header); 0 when unknown (recorded without the header). */
    @Id
    @Column(name = "bot_id")
    public long botId;

    @Id
    @Column(name = "update_id")
    public long updateId;

    /** The update's payload field, e.g. {@code message}, {@code edited_message}, {@code callback_query}. */
    @Column(nullable = false)
    public String kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public UpdateOutcome outcome;

    /** Why it was skipped; null when stored. */
    public String reason;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /**
     * The primary key.
     *
     * @param botId    the receiving bot's id, 0 when unknown
     * @param updateId Telegram {@code update_id}
     */
    public record Key(long botId, long updateId) implements Serializable {
    }
}
