package io.switchboard.notification.mapping;

import io.switchboard.conversation.api.ActorSummary;
import io.switchboard.conversation.api.ConversationAssigned;
import io.switchboard.conversation.api.ConversationBlocked;
import io.switchboard.conversation.api.ConversationClaimed;
import io.switchboard.conversation.api.ConversationClosed;
import io.switchboard.conversation.api.ConversationEvent;
import io.switchboard.conversation.api.ConversationRead;
import io.switchboard.conversation.api.ConversationReopened;
import io.switchboard.conversation.api.ConversationState;
import io.switchboard.conversation.api.CustomerUpdated;
import io.switchboard.conversation.api.MessageDeleted;
import io.switchboard.conversation.api.MessageEdited;
import io.switchboard.conversation.api.MessageQueued;
import io.switchboard.conversation.api.MessageReceived;
import io.switchboard.conversation.api.MessageSnapshot;
import io.switchboard.conversation.api.SystemMessagePosted;
import io.switchboard.notification.websocket.WidgetFrame;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Projects a {@link ConversationEvent} to the frames the customer's widget sockets of that conversation get. Plain
 * Java, no I/O. What the customer may see and nothing else:
 *
 * <table>
 *   <caption>event → widget frames</caption>
 *   <tr><th>event</th><th>frames</th></tr>
 *   <tr><td>{@code message.received}</td><td>{@code message} (kind {@code customer}; a message stored
 *       {@code BLOCKED} looks like any other to its customer, as in the widget's history)</td></tr>
 *   <tr><td>{@code message.queued}</td><td>{@code message} (kind {@code operator}, author = the operator's display
 *       name)</td></tr>
 *   <tr><td>{@code system_message.posted}, audience {@code customer}</td><td>{@code message} (kind {@code system})
 *       when it has a bubble, then {@code banner} when flagged {@code widgetBanner}</td></tr>
 *   <tr><td>{@code system_message.posted}, audience {@code operators} (reminders)</td><td>nothing</td></tr>
 *   <tr><td>{@code conversation.claimed}</td><td>{@code operator.joined} with the claimer's name</td></tr>
 *   <tr><td>{@code conversation.assigned}</td><td>{@code operator.joined} with the new assignee's name (the actor's
 *       when they assigned it to themselves, else the name the caller looked up, possibly null)</td></tr>
 *   <tr><td>{@code conversation.closed}, {@code conversation.blocked}</td><td>{@code conversation.status}
 *       {@code CLOSED}</td></tr>
 *   <tr><td>{@code conversation.reopened}</td><td>{@code conversation.status} with the open status</td></tr>
 *   <tr><td>{@code conversation.read}</td><td>{@code read}</td></tr>
 *   <tr><td>{@code message.edited}, {@code message.deleted} by an operator (actor set: an OUTBOUND reply — notes
 *       are not messages)</td><td>{@code message.edited} ({@code messageId, text}) / {@code message.deleted}
 *       ({@code messageId})</td></tr>
 *   <tr><td>{@code message.edited} without actor (the customer edited in Telegram)</td><td>nothing</td></tr>
 *   <tr><td>{@code message.received} with source {@code TELEGRAM}</td><td>nothing: the widget of a conversation
 *       that moved to Telegram through a deep link must not see the Telegram chat (the caller also stops all frames
 *       of such a conversation: {@link #leavesWidget})</td></tr>
 *   <tr><td>everything else: notes, tags, unassign, unblock, status flips, {@code message.sent}/{@code failed},
 *       {@code message.reactions_changed}, {@code conversation.opened}, {@code customer.updated},
 *       {@code conversation.deleted}</td><td>nothing</td></tr>
 * </table>
 * Operator ids never leave: frames carry display names only.
 */
public final class WidgetFrames {

    /** What a blocked conversation looks like to its customer. */
    static final String CLOSED = "CLOSED";
    private static final String BLOCKED = "BLOCKED";
    private static final String INBOUND = "INBOUND";
    private static final String OUTBOUND = "OUTBOUND";
    private static final String TELEGRAM = "TELEGRAM";

    private WidgetFrames() {
    }

    /**
     * The frames for {@code event}, in the order to send them.
     *
     * @param event        any conversation event
     * @param assigneeName the display name of a {@code conversation.assigned} event's new assignee, looked up by the
     *                     caller for the id {@link #assigneeToLookUp} returned; null when unknown or not needed
     * @return 0..n frames; empty for everything the customer must not see
     */
    public static List<WidgetFrame> project(ConversationEvent event, String assigneeName) {
        List<WidgetFrame> frames = new ArrayList<>(2);
        if (event instanceof MessageReceived received) {
            MessageSnapshot m = received.message();
            if (m != null && INBOUND.equals(m.direction()) && !TELEGRAM.equals(m.source())) {
                frames.add(message(m, WidgetFrame.KIND_CUSTOMER, null));
            }
        } else if (event instanceof MessageQueued queued) {
            MessageSnapshot m = queued.message();
            if (m != null && OUTBOUND.equals(m.direction())) {
                frames.add(message(m, m.systemKey() == null ? WidgetFrame.KIND_OPERATOR : WidgetFrame.KIND_SYSTEM,
                        m.operatorName()));
            }
        } else if (event instanceof SystemMessagePosted posted) {
            if (SystemMessagePosted.AUDIENCE_CUSTOMER.equals(posted.audience())) {
                MessageSnapshot m = posted.message();
                if (m != null) {
                    frames.add(message(m, WidgetFrame.KIND_SYSTEM, m.operatorName()));
                }
                if (posted.widgetBanner() && posted.text() != null && !posted.text().isEmpty()) {
                    frames.add(new WidgetFrame(WidgetFrame.BANNER, new WidgetFrame.Banner(posted.key(), posted.text())));
                }
            }
        } else if (event instanceof ConversationClaimed claimed) {
            frames.add(joined(claimed.actor() == null ? null : claimed.actor().name()));
        } else if (event instanceof ConversationAssigned assigned) {
            frames.add(joined(selfAssigned(assigned) ? assigned.actor().name() : assigneeName));
        } else if (event instanceof ConversationClosed || event instanceof ConversationBlocked) {
            frames.add(status(CLOSED));
        } else if (event instanceof ConversationReopened reopened) {
            frames.add(status(statusOf(reopened.state())));
        } else if (event instanceof MessageEdited edited) {
            // only operators edit OUTBOUND messages; an edit without actor is the customer's own (Telegram)
            if (edited.actor() != null && edited.messageId() != null) {
                frames.add(new WidgetFrame(WidgetFrame.MESSAGE_EDITED,
                        new WidgetFrame.MessageEdited(edited.messageId(), edited.text())));
            }
        } else if (event instanceof MessageDeleted deleted) {
            if (deleted.actor() != null && deleted.messageId() != null) {
                frames.add(new WidgetFrame(WidgetFrame.MESSAGE_DELETED,
                        new WidgetFrame.MessageDeleted(deleted.messageId())));
            }
        } else if (event instanceof ConversationRead read) {
            frames.add(new WidgetFrame(WidgetFrame.READ,
                    new WidgetFrame.Read(read.readAt() != null ? read.readAt() : read.occurredAt())));
        }
        return List.copyOf(frames);
    }

    /**
     * True when {@code event} shows that its conversation continues in Telegram: {@code customer.updated} with
     * {@code channel = TELEGRAM} (a deep link was used), or a customer message that came from Telegram. From then on
     * the conversation's widget sockets must get nothing at all (the caller closes them and drops later frames).
     */
    public static boolean leavesWidget(ConversationEvent event) {
        if (event instanceof CustomerUpdated updated) {
            return TELEGRAM.equals(updated.channel());
        }
        return event instanceof MessageReceived received && received.message() != null
                && TELEGRAM.equals(received.message().source());
    }

    /**
     * The operator whose display name {@link #project} needs and the event does not carry: the new assignee of a
     * {@code conversation.assigned} done by someone else (an admin's transfer). Null for every other event.
     */
    public static UUID assigneeToLookUp(ConversationEvent event) {
        if (event instanceof ConversationAssigned assigned && !selfAssigned(assigned) && assigned.state() != null) {
            return assigned.state().assigneeId();
        }
        return null;
    }

    /**
     * The status the widget shows for a conversation status: {@code BLOCKED} reads as {@code CLOSED}, the others as
     * they are ({@code OPEN_UNCLAIMED}, {@code OPEN_ASSIGNED}, {@code AWAITING_CUSTOMER}, {@code CLOSED}).
     */
    public static String customerStatus(String status) {
        return BLOCKED.equals(status) ? CLOSED : status;
    }

    private static boolean selfAssigned(ConversationAssigned assigned) {
        ActorSummary actor = assigned.actor();
        return actor != null && actor.id() != null && assigned.state() != null
                && actor.id().equals(assigned.state().assigneeId());
    }

    private static String statusOf(ConversationState state) {
        return state == null || state.status() == null ? "OPEN_UNCLAIMED" : customerStatus(state.status());
    }

    private static WidgetFrame message(MessageSnapshot m, String kind, String authorName) {
        return new WidgetFrame(WidgetFrame.MESSAGE, new WidgetFrame.Message(m.id(), m.clientMessageId(),
                m.direction(), kind, authorName, m.text(), m.createdAt(), m.systemKey()));
    }

    private static WidgetFrame joined(String name) {
        return new WidgetFrame(WidgetFrame.OPERATOR_JOINED, new WidgetFrame.OperatorJoined(name));
    }

    private static WidgetFrame status(String status) {
        return new WidgetFrame(WidgetFrame.STATUS, new WidgetFrame.Status(status));
    }
}
