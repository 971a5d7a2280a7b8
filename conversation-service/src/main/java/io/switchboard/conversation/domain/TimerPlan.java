package io.switchboard.conversation.domain;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The due-time rules of the lifecycle timers, as a pure function of a conversation's state (unit-tested without a
 * database). For each {@link TimerKind} the conversation needs, a {@link Planned} timer: due at its anchor plus the
 * current value of its threshold, or never (due null) while that threshold is 0.
 * <ul>
 *   <li>CLOSED or BLOCKED: no timers.</li>
 *   <li>OPEN_UNCLAIMED: REMINDER_FIRST at unclaimedSince + firstReminderSeconds and REMINDER_SECOND at
 *   unclaimedSince + secondReminderSeconds. unclaimedSince is the anchor of the reminder rows of the current
 *   unclaimed period when they exist (the period goes on: a new customer message does not push the reminders
 *   back), else the time of this planning: the lifecycle re-plans in the transaction of every transition, so that
 *   is the moment it became unclaimed (opened, reopened by the customer, unassigned). Leaving OPEN_UNCLAIMED ends
 *   the period and drops the rows, so the next unclaimed period starts over.</li>
 *   <li>Any open state: AUTO_CLOSE. When an operator replied after the customer's last message
 *   (lastOutboundAt ≥ lastInboundAt): at lastOutboundAt + autoCloseAfterReplySeconds. Otherwise (the customer
 *   wrote last, or nobody replied yet): at lastInboundAt (createdAt when unknown) + autoCloseUnansweredSeconds.</li>
 * </ul>
 */
public final class TimerPlan {

    private TimerPlan() {
    }

    /**
     * A wanted timer.
     *
     * @param anchorAt  when its threshold starts counting
     * @param threshold the {@link TimerSettings} field giving the delay
     * @param dueAt     anchorAt + that delay, or null when the threshold is 0 (disabled)
     */
    public record Planned(TimerKind kind, Instant anchorAt, String threshold, Instant dueAt) {
    }

    /**
     * The timers a conversation needs now.
     *
     * @param existingUnclaimedSince anchor of the reminder rows of the current unclaimed period, or null when there
     *                               are none
     * @param now                    the time of this planning
     * @return kind → planned timer; kinds absent from the map are not wanted (their rows go)
     */
    public static Map<TimerKind, Planned> plan(ConversationStatus status, Instant createdAt, Instant lastInboundAt,
                                               Instant lastOutboundAt, Instant existingUnclaimedSince, Instant now,
                                               TimerSettings settings) {
        Map<TimerKind, Planned> plan = new EnumMap<>(TimerKind.class);
        if (status == null || !status.isOpen()) {
            return plan;
        }
        if (status == ConversationStatus.OPEN_UNCLAIMED) {
            Instant since = existingUnclaimedSince != null ? existingUnclaimedSince : now;
            plan.put(TimerKind.REMINDER_FIRST, planned(TimerKind.REMINDER_FIRST, since, TimerSettings.FIRST_REMINDER, settings));
            plan.put(TimerKind.REMINDER_SECOND, planned(TimerKind.REMINDER_SECOND, since, TimerSettings.SECOND_REMINDER, settings));
        }
        if (operatorRepliedLast(lastInboundAt, lastOutboundAt)) {
            plan.put(TimerKind.AUTO_CLOSE, planned(TimerKind.AUTO_CLOSE, lastOutboundAt,
                    TimerSettings.AUTO_CLOSE_AFTER_REPLY, settings));
        } else {
            Instant since = lastInboundAt != null ? lastInboundAt : createdAt != null ? createdAt : now;
            plan.put(TimerKind.AUTO_CLOSE, planned(TimerKind.AUTO_CLOSE, since, TimerSettings.AUTO_CLOSE_UNANSWERED, settings));
        }
        return plan;
    }

    /** {@link #plan} for an entity. */
    public static Map<TimerKind, Planned> plan(Conversation conversation, Instant existingUnclaimedSince, Instant now,
                                               TimerSettings settings) {
        return plan(conversation.status, conversation.createdAt, conversation.lastInboundAt,
                conversation.lastOutboundAt, existingUnclaimedSince, now, settings);
    }

    /** Whether an operator's reply is the latest message (none from the customer after it). */
    public static boolean operatorRepliedLast(Instant lastInboundAt, Instant lastOutboundAt) {
        return lastOutboundAt != null && (lastInboundAt == null || !lastOutboundAt.isBefore(lastInboundAt));
    }

    /** anchorAt + the threshold's seconds, or null when it is 0. */
    public static Instant due(Instant anchorAt, String threshold, TimerSettings settings) {
        int seconds = settings.seconds(threshold);
        return seconds <= 0 ? null : anchorAt.plusSeconds(seconds);
    }

    private static Planned planned(TimerKind kind, Instant anchor, String threshold, TimerSettings settings) {
        return new Planned(kind, anchor, threshold, due(anchor, threshold, settings));
    }
}
