package io.switchboard.conversation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/** A label operators attach to conversations (and filter lists by). Names are unique ignoring case. */
@Entity
@Table(name = "tag")
public class Tag extends PanacheEntityBase {

    /** Longest name, in characters. */
    public static final int MAX_NAME = 40;
    /** A colour as {@code #rrggbb} (stored lower-case). */
    public static final Pattern COLOR = Pattern.compile("^#[0-9a-f]{6}$");

    @Id
    public UUID id;

    /** 1..40 characters, trimmed. */
    @Column(nullable = false)
    public String name;

    /** {@code #rrggbb}, lower-case. */
    @Column(nullable = false)
    public String color;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
