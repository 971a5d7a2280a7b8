package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.ConversationStatus;
import io.switchboard.conversation.domain.ConversationTimer;
import io.switchboard.conversation.domain.SystemMessageKey;
import io.switchboard.conversation.domain.TimerKind;
import io.switchboard.conversation.domain.TimerPlan;
import io.switchboard.conversation.domain.TimerSettings;
import io.switchboard.conversation.repository.TimerRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fires due timers, one transaction per batch. The batch's rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so
 * replicas sweeping at the same moment split the due rows between them, and {@code fired_at} is set in the same
 * transaction as the action, so a timer fires exactly once (a rolled-back batch fires nothing and is retried).
 *
 * <p>Per claimed row: its conversation is locked too ({@code FOR UPDATE SKIP LOCKED}; a conversation another
 * transaction is changing is left for the next sweep), and the timer is re-planned from the conversation as it is
 * now, with the current thresholds ({@link TimerPlan}):
 * <ul>
 *   <li>no longer wanted (claimed, closed...) → the conversation's rows are re-derived (this one goes);</li>
 *   <li>not due any more (a threshold was raised, a message moved the anchor) → re-derived with the new due time;</li>
 *   <li>due → REMINDER_FIRST / REMINDER_SECOND post {@code unclaimed_reminder_5m} /
 *   {@code unclaimed_reminder_15m_pin}; AUTO_CLOSE posts the template closing message and closes the conversation
 *   through {@link ConversationWorkflow#autoClose}; then {@code fired_at} is set.</li>
 * </ul>
 */
@ApplicationScoped
public class TimerFiring {

    private static final Logger LOG = Logger.getLogger(TimerFiring.class);

    private final TimerRepository timers;
    private final TimerSettingsStore settings;
    private final LifecycleTimers lifecycleTimers;
    private final SystemMessages systemMessages;
    private final ConversationWorkflow workflow;
    private final Clock clock;

    public TimerFiring(TimerRepository timers, TimerSettingsStore settings, LifecycleTimers lifecycleTimers,
                       SystemMessages systemMessages, ConversationWorkflow workflow, Clock clock) {
        this.timers = timers;
        this.settings = settings;
        this.lifecycleTimers = lifecycleTimers;
        this.systemMessages = systemMessages;
        this.workflow = workflow;
        this.clock = clock;
    }

    /** What one batch did. */
    public record Batch(int claimed, int fired) {
    }

    /**
     * Claims up to {@code limit} due rows and acts on each, in one transaction.
     *
     * @return how many rows were claimed and how many of them fired
     */
    @WithTransaction
    public Uni<Batch> fireDue(int limit) {
        Instant now = now();
        return settings.current().chain(current -> timers.lockDue(now, limit)
                .chain(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(row -> handle(row, now, current))
                        .collect().asList()
                        .map(results -> new Batch(rows.size(), (int) results.stream().filter(Boolean::booleanValue).count()))));
    }

    /**
     * Acts on one timer in its own transaction, if it is still unfired and due (the fallback after a failed batch).
     *
     * @return true when it fired
     */
    @WithTransaction
    public Uni<Boolean> fireOne(UUID conversationId, TimerKind kind) {
        Instant now = now();
        return settings.current().chain(current -> timers.lockDue(conversationId, kind, now)
                .chain(row -> row == null ? Uni.createFrom().item(false) : handle(row, now, current)));
    }

    /**
     * Re-plans every pending timer when the thresholds (as this replica reads them, cache included) differ from
     * {@code lastApplied}, in its own transaction: so timers another replica planned with thresholds it had not
     * seen changing yet follow the change within {@code conversation.timers.settings-cache}.
     *
     * @param lastApplied the thresholds of the previous call's result, or null (first sweep after start)
     * @return the thresholds now applied
     */
    @WithTransaction
    public Uni<TimerSettings> replanIfChanged(TimerSettings lastApplied) {
        return settings.current().chain(current -> current.equals(lastApplied) ? Uni.createFrom().item(current)
                : timers.replanAll(current)
                .invoke(changed -> {
                    if (changed > 0) {
                        LOG.infof("Timer thresholds changed to %s: re-planned %d pending timers", current, changed);
                    }
                })
                .replaceWith(current));
    }

    /** Moves a timer that failed to fire to {@code dueAt} (own transaction). */
    @WithTransaction
    public Uni<Integer> postpone(UUID conversationId, TimerKind kind, Instant dueAt) {
        return timers.postpone(conversationId, kind, dueAt);
    }

    /** Due unfired rows (not locked), oldest first. */
    @WithTransaction
    public Uni<List<ConversationTimer>> listDue(int limit) {
        return timers.listDue(now(), limit);
    }

    /** The service's current time, truncated to micros. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Uni<Boolean> handle(ConversationTimer row, Instant now, TimerSettings current) {
        return lockConversation(row.conversationId).chain(conversation -> {
            if (conversation == null) {
                return Uni.createFrom().item(false); // busy (or gone: the row went with it); next sweep
            }
            return timers.listFor(conversation.id).chain(rows -> {
                Map<TimerKind, TimerPlan.Planned> plan = LifecycleTimers.plan(conversation, rows, now, current);
                TimerPlan.Planned planned = plan.get(row.kind);
                if (planned == null || planned.dueAt() == null || planned.dueAt().isAfter(now)) {
                    LOG.debugf("Timer %s of %s is no longer due; re-planned", row.kind, conversation.id);
                    return lifecycleTimers.reschedule(conversation, now, current).replaceWith(false);
                }
                return act(conversation, row.kind, now)
                        .chain(() -> timers.markFired(conversation.id, row.kind, now))
                        .invoke(() -> LOG.debugf("Timer %s of %s fired", row.kind, conversation.id))
                        .replaceWith(true);
            });
        });
    }

    private Uni<Void> act(Conversation conversation, TimerKind kind, Instant now) {
        return switch (kind) {
            case REMINDER_FIRST -> conversation.status == ConversationStatus.OPEN_UNCLAIMED
                    ? systemMessages.post(conversation, SystemMessageKey.UNCLAIMED_REMINDER_5M.key(), Map.of(), now).replaceWithVoid()
                    : Uni.createFrom().voidItem();
            case REMINDER_SECOND -> conversation.status == ConversationStatus.OPEN_UNCLAIMED
                    ? systemMessages.post(conversation, SystemMessageKey.UNCLAIMED_REMINDER_15M_PIN.key(), Map.of(), now).replaceWithVoid()
                    : Uni.createFrom().voidItem();
            case AUTO_CLOSE -> !conversation.status.isOpen() ? Uni.createFrom().voidItem()
                    : systemMessages.postClosingMessage(conversation, null, null, now)
                    .chain(() -> workflow.autoClose(conversation, now))
                    .replaceWithVoid();
        };
    }

    /** The conversation, locked {@code FOR UPDATE SKIP LOCKED} (managed); null when another transaction holds it. */
    private Uni<Conversation> lockConversation(UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select c.* from conversation c where c.id = :id for update skip locked", Conversation.class)
                .setParameter("id", id)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : rows.get(0)));
    }
}
