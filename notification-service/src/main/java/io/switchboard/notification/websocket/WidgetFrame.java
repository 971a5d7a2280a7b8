package io.switchboard.notification.websocket;

import java.time.Instant;
import java.util.UUID;

/**
 * A server → client text frame on {@code /ws/widget}: {@code {"type":"message","payload":{…}}}. Carries only what the
 * customer may see: never notes, tags, audit data, operator ids, or messages meant for operators.
 *
 * @param type    {@value #MESSAGE}, {@value #MESSAGE_EDITED}, {@value #MESSAGE_DELETED}, {@value #BANNER},
 *                {@value #OPERATOR_JOINED}, {@value #STATUS}, {@value #READ} or {@value #TYPING} (the answer to a ping, {@code {"type":"pong"}}, is the only frame without payload)
 * @param payload one of the nested records, by type
 */
public record WidgetFrame(String type, Object payload) {

    /** A message of the transcript: {@link Message}. */
    public static final String MESSAGE = "message";
    /** An operator edited one of their replies: {@link MessageEdited}. */
    public static final String MESSAGE_EDITED = "message.edited";
    /** An operator deleted one of their replies: {@link MessageDeleted}. */
    public static final String MESSAGE_DELETED = "message.deleted";
    /** A system message to show as a banner: {@link Banner}. */
    public static final String BANNER = "banner";
    /** An operator took the conversation: {@link OperatorJoined}. */
    public static final String OPERATOR_JOINED = "operator.joined";
    /** The conversation closed or opened again: {@link Status}. */
    public static final String STATUS = "conversation.status";
    /** An operator read the conversation: {@link Read}. */
    public static final String READ = "read";
    /** An operator started or stopped typing: {@link Typing}. */
    public static final String TYPING = "typing";

    /** {@link Message#kind()} of the customer's own message. */
    public static final String KIND_CUSTOMER = "customer";
    /** {@link Message#kind()} of an operator's reply. */
    public static final String KIND_OPERATOR = "operator";
    /** {@link Message#kind()} of a system message (welcome, closing message, …). */
    public static final String KIND_SYSTEM = "system";

    /**
     * A transcript message, the shape of an item of {@code GET /api/widget/conversations/{id}/messages}
     * (WidgetMessageView).
     *
     * @param id              message id
     * @param clientMessageId the widget's id of a message the customer posted, to match its local echo; else null
     * @param direction       {@code INBOUND} (from the customer) or {@code OUTBOUND}
     * @param kind            {@value #KIND_CUSTOMER}, {@value #KIND_OPERATOR} or {@value #KIND_SYSTEM}
     * @param authorName      the operator's display name (replies, an operator's closing message); null for the
     *                        customer and for template system messages
     * @param text            the text exactly as stored
     * @param createdAt       when it was stored (ISO-8601 on the wire)
     * @param systemKey       template key of a system message (e.g. {@code welcome_message}), else null
     */
    public record Message(UUID id, String clientMessageId, String direction, String kind, String authorName,
                          String text, Instant createdAt, String systemKey) {
    }

    /**
     * An operator's reply got a new text.
     *
     * @param messageId the message (a {@link Message#id()} the widget showed)
     * @param text      the text now
     */
    public record MessageEdited(UUID messageId, String text) {
    }

    /**
     * An operator's reply was deleted: the widget removes it.
     *
     * @param messageId the message
     */
    public record MessageDeleted(UUID messageId) {
    }

    /**
     * A customer-facing system message flagged for the widget banner.
     *
     * @param key  template key, e.g. {@code welcome_message}
     * @param text the text as rendered for the customer
     */
    public record Banner(String key, String text) {
    }

    /**
     * An operator claimed the conversation or it was assigned (transferred) to one.
     *
     * @param name the operator's display name; null when it is not known (assigned to an operator who is offline)
     */
    public record OperatorJoined(String name) {
    }

    /**
     * The conversation's status after a close, reopen or block.
     *
     * @param status {@code CLOSED} (also for a blocked conversation), or the open status after a reopen:
     *               {@code OPEN_UNCLAIMED} or {@code OPEN_ASSIGNED}
     */
    public record Status(String status) {
    }

    /**
     * An operator read the conversation: every customer message up to {@code readAt} was seen.
     *
     * @param readAt when (ISO-8601 on the wire)
     */
    public record Read(Instant readAt) {
    }

    /**
     * An operator's typing indicator.
     *
     * @param name   the operator's display name
     * @param active true while typing, false when they stopped
     */
    public record Typing(String name, boolean active) {
    }
}
