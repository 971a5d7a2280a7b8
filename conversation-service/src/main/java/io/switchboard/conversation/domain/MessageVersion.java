package io.switchboard.conversation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A previous text of an edited message (table {@code message_version}; rows are written by
 * {@code MessageRepository.keepVersion}), listed oldest first by {@link #replacedAt}.
 */
@Entity
@Table(name = "message_version")
public class MessageVersion extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "message_id", nullable = false)
    public UUID messageId;

    /** The text as it was. */
    @Column(nullable = false)
    public String text;

    /** When this text was written: the message's creation for the first version, else the edit that made it. */
    @Column(name = "edited_at", nullable = false)
    public Instant editedAt;

    /** When a newer text replaced it. */
    @Column(name = "replaced_at", nullable = false)
    public Instant replacedAt;
}
