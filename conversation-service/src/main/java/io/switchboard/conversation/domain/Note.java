package io.switchboard.conversation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A private note on a conversation: for operators only. It is not a {@link Message}: it never goes to any channel
 * and never appears in the conversation's messages.
 */
@Entity
@Table(name = "note")
public class Note extends PanacheEntityBase {

    /** Longest note, in characters (Unicode code points). */
    public static final int MAX_TEXT = 4000;

    @Id
    public UUID id;

    @Column(name = "conversation_id", nullable = false)
    public UUID conversationId;

    /** Author (the JWT subject). */
    @Column(name = "operator_id", nullable = false)
    public UUID operatorId;

    /** The author's display name at the time. */
    @Column(name = "operator_name")
    public String operatorName;

    /** 1..4000 characters, exactly as written. */
    @Column(nullable = false)
    public String text;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** A new note by {@code author}. */
    public static Note by(Actor author, UUID conversationId, String text, Instant now) {
        Note note = new Note();
        note.id = UUID.randomUUID();
        note.conversationId = conversationId;
        note.operatorId = author.id();
        note.operatorName = author.name();
        note.text = text;
        note.createdAt = now;
        return note;
    }
}
