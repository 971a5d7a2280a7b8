package io.switchboard.conversation.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The due-time rules of the lifecycle timers. */
class TimerPlanTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final TimerSettings DEFAULTS = TimerSettings.DEFAULTS;

    private static Map<TimerKind, TimerPlan.Planned> plan(ConversationStatus status, Instant lastIn, Instant lastOut,
                                                          Instant existingUnclaimedSince, Instant now, TimerSettings s) {
        return TimerPlan.plan(status, T0, lastIn, lastOut, existingUnclaimedSince, now, s);
    }

    @Test
    void aNewUnclaimedConversationGetsBothRemindersAndTheUnansweredAutoClose() {
        var plan = plan(ConversationStatus.OPEN_UNCLAIMED, T0, null, null, T0, DEFAULTS);
        assertEquals(EnumSet.allOf(TimerKind.class), plan.keySet());
        assertEquals(T0.plusSeconds(300), plan.get(TimerKind.REMINDER_FIRST).dueAt());
        assertEquals(T0.plusSeconds(900), plan.get(TimerKind.REMINDER_SECOND).dueAt());
        assertEquals(T0.plusSeconds(86_400), plan.get(TimerKind.AUTO_CLOSE).dueAt());
        assertEquals(TimerSettings.FIRST_REMINDER, plan.get(TimerKind.REMINDER_FIRST).threshold());
        assertEquals(TimerSettings.SECOND_REMINDER, plan.get(TimerKind.REMINDER_SECOND).threshold());
        assertEquals(TimerSettings.AUTO_CLOSE_UNANSWERED, plan.get(TimerKind.AUTO_CLOSE).threshold());
        assertEquals(T0, plan.get(TimerKind.REMINDER_FIRST).anchorAt());
    }

    @Test
    void remindersCountFromTheStartOfTheUnclaimedPeriodNotFromTheLatestMessage() {
        Instant later = T0.plusSeconds(200);
        var plan = plan(ConversationStatus.OPEN_UNCLAIMED, later, null, T0, later, DEFAULTS);
        assertEquals(T0.plusSeconds(300), plan.get(TimerKind.REMINDER_FIRST).dueAt(), "the period goes on");
        assertEquals(T0.plusSeconds(900), plan.get(TimerKind.REMINDER_SECOND).dueAt());
        assertEquals(later.plusSeconds(86_400), plan.get(TimerKind.AUTO_CLOSE).dueAt(), "silence counts from the last message");
    }

    @Test
    void aNewUnclaimedPeriodStartsAtThePlanningTime() {
        Instant unassignedAt = T0.plusSeconds(3_600);
        var plan = plan(ConversationStatus.OPEN_UNCLAIMED, T0, null, null, unassignedAt, DEFAULTS);
        assertEquals(unassignedAt.plusSeconds(300), plan.get(TimerKind.REMINDER_FIRST).dueAt());
        assertEquals(unassignedAt.plusSeconds(900), plan.get(TimerKind.REMINDER_SECOND).dueAt());
    }

    @Test
    void heldConversationsHaveNoReminders() {
        for (ConversationStatus held : EnumSet.of(ConversationStatus.OPEN_ASSIGNED, ConversationStatus.AWAITING_CUSTOMER)) {
            var plan = plan(held, T0, null, T0, T0.plusSeconds(10), DEFAULTS);
            assertEquals(Set.of(TimerKind.AUTO_CLOSE), plan.keySet(), held.name());
        }
    }

    @Test
    void closedAndBlockedConversationsHaveNoTimers() {
        assertTrue(plan(ConversationStatus.CLOSED, T0, T0, T0, T0, DEFAULTS).isEmpty());
        assertTrue(plan(ConversationStatus.BLOCKED, T0, null, T0, T0, DEFAULTS).isEmpty());
        assertTrue(plan(null, T0, null, null, T0, DEFAULTS).isEmpty());
    }

    @Test
    void afterAnOperatorsReplyTheAfterReplyThresholdCountsFromTheReply() {
        Instant reply = T0.plusSeconds(600);
        var plan = plan(ConversationStatus.AWAITING_CUSTOMER, T0, reply, null, reply, DEFAULTS);
        assertEquals(reply.plusSeconds(172_800), plan.get(TimerKind.AUTO_CLOSE).dueAt());
        assertEquals(TimerSettings.AUTO_CLOSE_AFTER_REPLY, plan.get(TimerKind.AUTO_CLOSE).threshold());
        assertEquals(reply, plan.get(TimerKind.AUTO_CLOSE).anchorAt());
    }

    @Test
    void aCustomerMessageAfterTheReplyBringsBackTheUnansweredThreshold() {
        Instant reply = T0.plusSeconds(600);
        Instant answer = reply.plusSeconds(60);
        var plan = plan(ConversationStatus.OPEN_ASSIGNED, answer, reply, null, answer, DEFAULTS);
        assertEquals(answer.plusSeconds(86_400), plan.get(TimerKind.AUTO_CLOSE).dueAt());
        assertEquals(TimerSettings.AUTO_CLOSE_UNANSWERED, plan.get(TimerKind.AUTO_CLOSE).threshold());
    }

    @Test
    void aReplyAtTheSameMicrosecondAsTheCustomersMessageCountsAsTheLatest() {
        assertTrue(TimerPlan.operatorRepliedLast(T0, T0));
        assertTrue(TimerPlan.operatorRepliedLast(null, T0));
        assertEquals(false, TimerPlan.operatorRepliedLast(T0.plusNanos(1000), T0));
        assertEquals(false, TimerPlan.operatorRepliedLast(T0, null));
    }

    @Test
    void withoutAnyMessageTheUnansweredThresholdCountsFromCreation() {
        var plan = TimerPlan.plan(ConversationStatus.OPEN_UNCLAIMED, T0, null, null, null, T0.plusSeconds(5), DEFAULTS);
        assertEquals(T0.plusSeconds(86_400), plan.get(TimerKind.AUTO_CLOSE).dueAt());
    }

    @Test
    void aZeroThresholdKeepsTheTimerButDisablesIt() {
        TimerSettings off = new TimerSettings(0, 900, 0, 0);
        var plan = plan(ConversationStatus.OPEN_UNCLAIMED, T0, null, null, T0, off);
        assertEquals(EnumSet.allOf(TimerKind.class), plan.keySet());
        assertNull(plan.get(TimerKind.REMINDER_FIRST).dueAt());
        assertEquals(T0.plusSeconds(900), plan.get(TimerKind.REMINDER_SECOND).dueAt());
        assertNull(plan.get(TimerKind.AUTO_CLOSE).dueAt());
        assertEquals(T0, plan.get(TimerKind.REMINDER_FIRST).anchorAt(), "the anchor is kept for when it is turned on again");
    }

    @Test
    void customThresholdsApply() {
        TimerSettings fast = new TimerSettings(2, 4, 10, 20);
        var unclaimed = plan(ConversationStatus.OPEN_UNCLAIMED, T0, null, null, T0, fast);
        assertEquals(T0.plusSeconds(2), unclaimed.get(TimerKind.REMINDER_FIRST).dueAt());
        assertEquals(T0.plusSeconds(4), unclaimed.get(TimerKind.REMINDER_SECOND).dueAt());
        assertEquals(T0.plusSeconds(10), unclaimed.get(TimerKind.AUTO_CLOSE).dueAt());
        var replied = plan(ConversationStatus.AWAITING_CUSTOMER, T0, T0.plusSeconds(1), null, T0, fast);
        assertEquals(T0.plusSeconds(21), replied.get(TimerKind.AUTO_CLOSE).dueAt());
    }

    @Test
    void settingsAreValidated() {
        assertTrue(TimerSettings.DEFAULTS.problems().isEmpty());
        assertTrue(new TimerSettings(0, 0, 0, 0).problems().isEmpty());
        assertTrue(new TimerSettings(0, 60, 1, 1).problems().isEmpty(), "second alone may be anything");
        assertTrue(new TimerSettings(60, 0, 1, 1).problems().isEmpty());
        assertTrue(new TimerSettings(60, 60, 1, 1).problems().isEmpty());
        assertEquals(1, new TimerSettings(900, 300, 1, 1).problems().size());
        assertEquals(1, new TimerSettings(-1, 300, 1, 1).problems().size());
        assertEquals(2, new TimerSettings(0, 0, -5, TimerSettings.MAX_SECONDS + 1).problems().size());
        assertEquals(300, TimerSettings.DEFAULTS.seconds(TimerSettings.FIRST_REMINDER));
        assertEquals(172_800, TimerSettings.DEFAULTS.seconds(TimerSettings.AUTO_CLOSE_AFTER_REPLY));
    }
}
