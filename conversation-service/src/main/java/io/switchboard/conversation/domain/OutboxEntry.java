package io.switchboard.conversation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A Kafka record written in the business transaction and published later by the relay, in {@link #id} order.
 * {@link #publishedAt} is null until Kafka acknowledged it.
 */
@Entity
@Table(name = "outbox")
public class OutboxEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String topic;

    @Column(name = "message_key", nullable = false)
    public String messageKey;

    /** The record value: JSON text. */
    @Column(nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    /** A new unpublished row. */
    public static OutboxEntry of(String topic, String key, String payload, Instant now) {
        OutboxEntry e = new OutboxEntry();
        e.topic = topic;
        e.messageKey = key;
        e.payload = payload;
        e.createdAt = now;
        return e;
    }
}
