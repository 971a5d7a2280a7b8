package io.switchboard.conversation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.UUID;

/** One message of a conversation, with its text exactly as written. */
@Entity
@Table(name = "message")
@DynamicUpdate
public class Message extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "conversation_id", nullable = false)
    public UUID conversationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MessageDirection direction;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MessageStatus status;

    @Column(nullable = false)
    public String text;

    /** The Telegram chat of a Telegram conversation; null in the widget. */
    @Column(name = "telegram_chat_id")
    public Long telegramChatId;

    /** The widget's id for a message its customer posted (unique per conversation); null otherwise. */
    @Column(name = "client_message_id")
    public String clientMessageId;

    /** Telegram {@code message_id} of an INBOUND message. */
    @Column(name = "telegram_message_id")
    public Long telegramMessageId;

    /** Telegram {@code message_id}s of a SENT outbound message, as a JSON array (several when the text was split). */
    @Column(name = "telegram_message_ids")
    public String telegramMessageIds;

    /** Operator who wrote an OUTBOUND message. */
    @Column(name = "operator_id")
    public UUID operatorId;

    /** Client-chosen key that makes a reply request repeatable. */
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    /** Why Telegram refused a FAILED message. */
    @Column(name = "failure_reason")
    public String failureReason;

    /** Display name of the operator at the time of writing (operators live in gateway-service). */
    @Column(name = "operator_name")
    public String operatorName;

    /** Template key of a system message (e.g. {@code welcome_message}); null for a person's message. */
    @Column(name = "system_key")
    public String systemKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** When the text was last edited (previous versions in {@code message_version}), or null. */
    @Column(name = "edited_at")
    public Instant editedAt;

    /** When an operator deleted it (soft delete), or null. */
    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** The message this one replies to (Telegram {@code reply_to_message}), or null. */
    @Column(name = "reply_to_message_id")
    public UUID replyToMessageId;

    /** The quoted text ({@code quote.text}) or the replied message's first 200 characters, or null. */
    @Column(name = "reply_to_text")
    public String replyToText;

    /**
     * The current reactions as a JSON array of {@code {emoji, count, byCustomer}}, or null when there are none
     * (jsonb, read and written as text: the reactive driver maps a jsonb array to no Java type of its own).
     */
    @ColumnTransformer(read = "cast(reactions as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "reactions")
    public String reactions;

    /** {@code TELEGRAM, WIDGET, WEB_CONSOLE, TELEGRAM_TOPIC, SYSTEM} (see MessageSnapshot), or null for old rows. */
    @Column(name = "source")
    public String source;

    /**
     * The id of the latest {@code send_message}/{@code send_media} command written for this message; only that
     * command's result settles it (a result of an earlier attempt is ignored). Null when no command was written.
     */
    @Column(name = "command_id")
    public UUID commandId;

    /** A customer's message as received (status RECEIVED), from any channel. */
    public static Message inbound(UUID conversationId, InboundText inbound, Instant now) {
        Message m = create(conversationId, inbound.telegramChatId(), inbound.text(), now);
        m.direction = MessageDirection.INBOUND;
        m.status = MessageStatus.RECEIVED;
        m.telegramMessageId = inbound.telegramMessageId();
        m.clientMessageId = inbound.clientMessageId();
        m.replyToText = inbound.replyToText();
        m.source = inbound.telegramChatId() != null ? "TELEGRAM" : "WIDGET";
        return m;
    }

    /** An operator's reply, waiting for Telegram (PENDING); {@code chatId} null in the widget. */
    public static Message outbound(UUID conversationId, Long chatId, UUID operatorId, String text, String idempotencyKey,
                                   Instant now) {
        Message m = create(conversationId, chatId, text, now);
        m.direction = MessageDirection.OUTBOUND;
        m.status = MessageStatus.PENDING;
        m.operatorId = operatorId;
        m.idempotencyKey = idempotencyKey;
        m.source = "WEB_CONSOLE";
        return m;
    }

    private static Message create(UUID conversationId, Long chatId, String text, Instant now) {
        Message m = new Message();
        m.id = UUID.randomUUID();
        m.conversationId = conversationId;
        m.telegramChatId = chatId;
        m.text = text;
        m.createdAt = now;
        m.updatedAt = now;
        return m;
    }
}
