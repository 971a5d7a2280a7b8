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
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A support thread with one customer. A customer has at most one open conversation (status not CLOSED/BLOCKED),
 * guaranteed by a partial unique index; open codenames are unique the same way.
 */
@Entity
@Table(name = "conversation")
@DynamicUpdate
public class Conversation extends PanacheEntityBase {

    /**
     * Least gap, in microseconds, between the latest message and the next one: the latest may be followed by system
     * messages at +1 and +2 µs (see {@link #nextMessageAt}).
     */
    public static final long MESSAGE_SPACING_MICROS = 4;

    @Id
    public UUID id;

    @Column(name = "customer_id", nullable = false)
    public UUID customerId;

    /** Where the customer writes from; decides how replies and system messages reach them. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel = Channel.TELEGRAM;

    /** Telegram chat that replies go to; null for a {@link Channel#WIDGET} conversation. */
    @Column(name = "telegram_chat_id")
    public Long telegramChatId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConversationStatus status;

    /** Human-friendly name such as "Blue Lion #84C2", unique among open conversations. */
    @Column(nullable = false)
    public String codename;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Last activity (a message in either direction); lists are ordered by it. */
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "last_message_at")
    public Instant lastMessageAt;

    @Column(name = "last_message_id")
    public UUID lastMessageId;

    /** When an operator last read it; later INBOUND messages are unread. Null: never read. */
    @Column(name = "last_read_at")
    public Instant lastReadAt;

    /** Operator who holds it (claimed or assigned); null while unclaimed. */
    @Column(name = "assignee_id")
    public UUID assigneeId;

    @Column(name = "assigned_at")
    public Instant assignedAt;

    /** When it was last closed; null while open. */
    @Column(name = "closed_at")
    public Instant closedAt;

    /** The customer's latest message. */
    @Column(name = "last_inbound_at")
    public Instant lastInboundAt;

    /** The latest operator reply. */
    @Column(name = "last_outbound_at")
    public Instant lastOutboundAt;

    /**
     * When a "typing" chat action last went to the customer's Telegram chat; written only by the conditional update
     * of {@code ConversationRepository.takeChatActionSlot} (mapped so that native {@code select c.*} reads it).
     */
    @Column(name = "last_chat_action_at", insertable = false, updatable = false)
    public Instant lastChatActionAt;

    /** Whether the customer writes from the web widget (no Telegram chat). */
    public boolean isWidget() {
        return channel == Channel.WIDGET;
    }

    /**
     * The time to give a new message of this conversation that its writer dated {@code now}: {@code now}, or
     * {@value #MESSAGE_SPACING_MICROS} µs after the latest message ({@link #lastMessageAt}) when {@code now} is not
     * that late. Writers call it once they hold the conversation's row lock, so a writer that read the clock before
     * waiting for the lock still dates its message after the one stored while it waited: (created_at, id) order is
     * the order in which the messages were stored, and {@link #lastMessageId} is the newest message.
     */
    public Instant nextMessageAt(Instant now) {
        if (lastMessageAt == null) {
            return now;
        }
        Instant earliest = lastMessageAt.plus(MESSAGE_SPACING_MICROS, ChronoUnit.MICROS);
        return now.isBefore(earliest) ? earliest : now;
    }

    /** Records {@code message} as the latest activity. */
    public void touch(Message message) {
        updatedAt = message.createdAt;
        lastMessageAt = message.createdAt;
        lastMessageId = message.id;
    }
}
