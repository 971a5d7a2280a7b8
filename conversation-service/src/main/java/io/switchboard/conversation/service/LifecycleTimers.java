package io.switchboard.conversation.service;

import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.ConversationTimer;
import io.switchboard.conversation.domain.TimerKind;
import io.switchboard.conversation.domain.TimerPlan;
import io.switchboard.conversation.domain.TimerSettings;
import io.switchboard.conversation.repository.TimerRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps a conversation's rows in {@code conversation_timer} in line with its state ({@link TimerPlan} has the
 * rules): upserts the wanted timers' due times, deletes the others, never re-arms a reminder that fired in the same
 * unclaimed period. The lifecycle calls {@link #reschedule} in the transaction of every change (state, message).
 */
@ApplicationScoped
public class LifecycleTimers {

    private final TimerRepository timers;
    private final TimerSettingsStore settings;

    public LifecycleTimers(TimerRepository timers, TimerSettingsStore settings) {
        this.timers = timers;
        this.settings = settings;
    }

    /**
     * Re-derives the conversation's timers from its current status, {@code lastInboundAt} and
     * {@code lastOutboundAt}, inside the caller's transaction (no transaction of its own). Call it after every
     * change of those fields; CLOSED and BLOCKED conversations end with no timer rows.
     *
     * @param now the time of the change (from the service's Clock): starts a new unclaimed period
     */
    public Uni<Void> reschedule(Conversation conversation, Instant now) {
        return settings.current().chain(current -> reschedule(conversation, now, current));
    }

    /** {@link #reschedule(Conversation, Instant)} with given thresholds. */
    public Uni<Void> reschedule(Conversation conversation, Instant now, TimerSettings current) {
        return timers.listFor(conversation.id).chain(rows -> {
            Map<TimerKind, TimerPlan.Planned> plan = plan(conversation, rows, now, current);
            boolean unwanted = rows.stream().anyMatch(row -> !plan.containsKey(row.kind));
            List<TimerPlan.Planned> changed = plan.values().stream().filter(planned -> !stored(planned, rows)).toList();
            return (unwanted ? timers.deleteOthers(conversation.id, plan.keySet()) : Uni.createFrom().item(0))
                    .chain(() -> Multi.createFrom().iterable(changed)
                            .onItem().transformToUniAndConcatenate(planned -> timers.upsert(conversation.id, planned))
                            .collect().last())
                    .replaceWithVoid();
        });
    }

    /** Whether a row already holds exactly {@code planned} (then there is nothing to write). */
    private static boolean stored(TimerPlan.Planned planned, List<ConversationTimer> rows) {
        return rows.stream().anyMatch(row -> row.kind == planned.kind()
                && Objects.equals(row.anchorAt, planned.anchorAt())
                && Objects.equals(row.threshold, planned.threshold())
                && Objects.equals(row.dueAt, planned.dueAt()));
    }

    /** The timers the conversation needs, given its existing rows (their unclaimed-period anchor). */
    public static Map<TimerKind, TimerPlan.Planned> plan(Conversation conversation, List<ConversationTimer> rows,
                                                        Instant now, TimerSettings current) {
        return TimerPlan.plan(conversation, unclaimedSince(rows), now, current);
    }

    /** Anchor of the existing reminder rows (the start of the current unclaimed period), or null. */
    static Instant unclaimedSince(List<ConversationTimer> rows) {
        Instant since = null;
        for (ConversationTimer row : rows) {
            if ((row.kind == TimerKind.REMINDER_FIRST || row.kind == TimerKind.REMINDER_SECOND) && row.anchorAt != null
                    && (since == null || row.anchorAt.isBefore(since))) {
                since = row.anchorAt;
            }
        }
        return since;
    }
}
