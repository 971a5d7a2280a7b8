package io.switchboard.conversation.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The lifecycle timer thresholds an admin edits at run time (setting {@code timers}, JSON with these field names), in
 * seconds; 0 disables one.
 *
 * @param firstReminderSeconds       first unclaimed reminder, after the conversation became unclaimed (default 300)
 * @param secondReminderSeconds      second (pinned) unclaimed reminder, same start (default 900)
 * @param autoCloseUnansweredSeconds auto-close after the customer's last message when no operator answered it
 *                                   (default 86400 = 24 h)
 * @param autoCloseAfterReplySeconds auto-close after an operator's reply the customer did not answer
 *                                   (default 172800 = 48 h)
 */
public record TimerSettings(int firstReminderSeconds, int secondReminderSeconds, int autoCloseUnansweredSeconds,
                            int autoCloseAfterReplySeconds) {

    /** Threshold name of {@link #firstReminderSeconds()}. */
    public static final String FIRST_REMINDER = "firstReminderSeconds";
    /** Threshold name of {@link #secondReminderSeconds()}. */
    public static final String SECOND_REMINDER = "secondReminderSeconds";
    /** Threshold name of {@link #autoCloseUnansweredSeconds()}. */
    public static final String AUTO_CLOSE_UNANSWERED = "autoCloseUnansweredSeconds";
    /** Threshold name of {@link #autoCloseAfterReplySeconds()}. */
    public static final String AUTO_CLOSE_AFTER_REPLY = "autoCloseAfterReplySeconds";
    /** Every threshold name. */
    public static final List<String> NAMES = List.of(FIRST_REMINDER, SECOND_REMINDER, AUTO_CLOSE_UNANSWERED,
            AUTO_CLOSE_AFTER_REPLY);

    /** Largest accepted threshold: one year. */
    public static final int MAX_SECONDS = 365 * 24 * 3600;

    /** 300 / 900 / 86400 / 172800 seconds. */
    public static final TimerSettings DEFAULTS = new TimerSettings(300, 900, 86_400, 172_800);

    /**
     * The value of a threshold by name.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public int seconds(String threshold) {
        return switch (threshold) {
            case FIRST_REMINDER -> firstReminderSeconds;
            case SECOND_REMINDER -> secondReminderSeconds;
            case AUTO_CLOSE_UNANSWERED -> autoCloseUnansweredSeconds;
            case AUTO_CLOSE_AFTER_REPLY -> autoCloseAfterReplySeconds;
            default -> throw new IllegalArgumentException("unknown timer threshold " + threshold);
        };
    }

    /**
     * What is wrong with these values, empty when valid: each 0..{@value #MAX_SECONDS}, and the second reminder not
     * before the first when both are on.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (String name : NAMES) {
            int value = seconds(name);
            if (value < 0 || value > MAX_SECONDS) {
                problems.add(name + " must be between 0 and " + MAX_SECONDS + " seconds (0 disables it)");
            }
        }
        if (firstReminderSeconds > 0 && secondReminderSeconds > 0 && secondReminderSeconds < firstReminderSeconds) {
            problems.add(SECOND_REMINDER + " must not be less than " + FIRST_REMINDER + " when both are on");
        }
        return problems;
    }
}
