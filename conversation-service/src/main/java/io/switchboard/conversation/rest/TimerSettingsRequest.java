package io.switchboard.conversation.rest;

/** Body of {@code PUT /api/admin/timers}: all four thresholds, in seconds (0 disables one). */
public record TimerSettingsRequest(Integer firstReminderSeconds, Integer secondReminderSeconds,
                                   Integer autoCloseUnansweredSeconds, Integer autoCloseAfterReplySeconds) {
}
