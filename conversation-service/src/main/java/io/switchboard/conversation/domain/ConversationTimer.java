package io.switchboard.conversation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A lifecycle timer of one conversation (one row per kind): due at {@link #anchorAt} + the current value of
 * {@link #threshold}. Read-only as an entity: every write is a native statement (upsert, claim with
 * {@code FOR UPDATE SKIP LOCKED}, mark fired), so concurrent replicas never overwrite each other's state.
 */
@Entity
@Table(name = "conversation_timer")
@IdClass(ConversationTimer.Key.class)
@Immutable
public class ConversationTimer extends PanacheEntityBase {

    @Id
    @Column(name = "conversation_id")
    public UUID conversationId;

    @Id
    @Enumerated(EnumType.STRING)
    @Column(name = "kind")
    public TimerKind kind;

    /** When it fires; null while its threshold is 0 (disabled). */
    @Column(name = "due_at")
    public Instant dueAt;

    /** Set once, in the transaction that acted on it; a fired timer never fires again. */
    @Column(name = "fired_at")
    public Instant firedAt;

    /** The moment the threshold counts from (start of the unclaimed period, the last message). */
    @Column(name = "anchor_at")
    public Instant anchorAt;

    /** The {@link TimerSettings} field that sets the delay, e.g. {@code firstReminderSeconds}. */
    @Column(name = "threshold")
    public String threshold;

    /** Composite primary key (conversation, kind). */
    public static class Key implements Serializable {
        public UUID conversationId;
        public TimerKind kind;

        public Key() {
        }

        public Key(UUID conversationId, TimerKind kind) {
            this.conversationId = conversationId;
            this.kind = kind;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(conversationId, k.conversationId) && kind == k.kind;
        }

        @Override
        public int hashCode() {
            return Objects.hash(conversationId, kind);
        }
    }
}
