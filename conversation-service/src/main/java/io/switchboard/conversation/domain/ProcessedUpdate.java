package io.switchboard.conversation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A Telegram update that was consumed, keyed by its {@code update_id} (primary key: a redelivery is a no-op). */
@Entity
@Table(name = "processed_update")
public class ProcessedUpdate extends PanacheEntityBase {

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
}
