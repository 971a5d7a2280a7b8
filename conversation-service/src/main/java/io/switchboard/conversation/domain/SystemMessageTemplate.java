package io.switchboard.conversation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * An editable system-message template: text per locale plus delivery flags and a per-conversation rate limit. One
 * row per {@link SystemMessageKey}, seeded by migration V5; admins edit them through
 * {@code PUT /api/admin/system-messages/{key}}.
 */
@Entity
@Table(name = "system_message_template")
public class SystemMessageTemplate extends PanacheEntityBase {

    /** A {@link SystemMessageKey#key()}. */
    @Id
    public String key;

    /** JSON object text: locale ({@code en}, {@code pt-BR}) → text; always has {@code en}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String texts;

    @Column(name = "widget_banner", nullable = false)
    public boolean widgetBanner;

    @Column(name = "transcript_bubble", nullable = false)
    public boolean transcriptBubble;

    @Column(nullable = false)
    public boolean telegram;

    @Column(nullable = false)
    public boolean pin;

    /** Least seconds between two emissions of this template into one conversation; 0 = no limit. */
    @Column(name = "rate_limit_seconds", nullable = false)
    public int rateLimitSeconds;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Admin who last edited it; null for the seeded default. */
    @Column(name = "updated_by")
    public UUID updatedBy;
}
