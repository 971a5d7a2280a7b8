package io.switchboard.conversation.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.api.ActorSummary;
import io.switchboard.conversation.api.ConversationAssigned;
import io.switchboard.conversation.api.ConversationBlocked;
import io.switchboard.conversation.api.ConversationClaimed;
import io.switchboard.conversation.api.ConversationClosed;
import io.switchboard.conversation.api.ConversationEvent;
import io.switchboard.conversation.api.ConversationReopened;
import io.switchboard.conversation.api.ConversationState;
import io.switchboard.conversation.api.ConversationStatusChanged;
import io.switchboard.conversation.api.ConversationUnassigned;
import io.switchboard.conversation.api.ConversationUnblocked;
import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.ConversationLifecycle;
import io.switchboard.conversation.domain.ConversationLifecycle.Action;
import io.switchboard.conversation.domain.ConversationLifecycle.Allowed;
import io.switchboard.conversation.domain.ConversationLifecycle.Decision;
import io.switchboard.conversation.domain.ConversationLifecycle.RefusalKind;
import io.switchboard.conversation.domain.ConversationLifecycle.Refused;
import io.switchboard.conversation.domain.ConversationLifecycle.State;
import io.switchboard.conversation.domain.ConversationStatus;
import io.switchboard.conversation.domain.SystemMessageKey;
import io.switchboard.conversation.repository.AuditRepository;
import io.switchboard.conversation.repository.ConversationRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Operators' lifecycle actions on a conversation (claim, assign, unassign, close, reopen, block, unblock) and the
 * timer's auto-close, each decided by {@link ConversationLifecycle} and applied in one transaction: the state change,
 * an audit row ({@code before}/{@code after} = {@code {status, assigneeId}}), the event in the outbox, system
 * messages where the action has one, then {@link LifecycleTimers#reschedule}.
 *
 * <p><b>Concurrency.</b> An operator's action first locks the conversation ({@code SELECT … FOR UPDATE}, like the
 * intake and the reply endpoint), so actions, replies and customer messages on one conversation take turns: the
 * second waits for the first to commit and then decides on the state the first left (two operators claiming at once
 * get one 200 and one 409 "already claimed by …"; a close that waited for a customer's message dates its closing
 * message after it). The lifecycle columns are still written with one conditional update that names the state the
 * decision was made on ({@code ... where status = :before and assignee_id = :before}; for a claim exactly
 * {@code where assignee_id is null and status = 'OPEN_UNCLAIMED'}); if it matches no row (the timer's auto-close and
 * the reply run in their caller's transaction) the conversation is re-read and the action decided again.
 *
 * <p><b>Codenames.</b> Leaving CLOSED (reopen, block) needs a codename no other open conversation uses; it is checked
 * free ({@link Codenames#keepOrRedraw}). When another transaction takes it before this one commits, the transaction
 * fails with a unique violation ({@link Codenames#isClash}); the REST resource then runs the action again, which draws
 * a fresh codename, instead of answering 409.
 *
 * <p>Errors (as failed Unis): {@link UnknownConversationException} (404), {@link LifecycleRefusedException} (403 or
 * 409 as its kind says).
 */
@ApplicationScoped
public class ConversationWorkflow {

    /** {@code reason} of {@link ConversationClosed} when an operator closed it. */
    public static final String REASON_OPERATOR = "operator";
    /** {@code reason} of {@link ConversationClosed} when the inactivity timer closed it. */
    public static final String REASON_AUTO_CLOSE = "auto_close";

    /** How often an action re-reads and decides again after losing a race, before answering 409. */
    private static final int RACE_RETRIES = 2;

    private final ConversationRepository conversations;
    private final AuditRepository auditEntries;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final LifecycleTimers timers;
    private final SystemMessages systemMessages;
    private final Codenames codenames;
    private final Clock clock;

    public ConversationWorkflow(ConversationRepository conversations, AuditRepository auditEntries, AuditTrail audit,
                                Outbox outbox, LifecycleTimers timers, SystemMessages systemMessages, Codenames codenames,
                                Clock clock) {
        this.conversations = conversations;
        this.auditEntries = auditEntries;
        this.audit = audit;
        this.outbox = outbox;
        this.timers = timers;
        this.systemMessages = systemMessages;
        this.codenames = codenames;
        this.clock = clock;
    }

    /**
     * The caller takes an unclaimed conversation: OPEN_UNCLAIMED → OPEN_ASSIGNED (assignee = caller), through a
     * conditional update on {@code assignee_id is null and status = 'OPEN_UNCLAIMED'}. Claiming what one already
     * holds changes nothing. Audit {@code conversation.claimed}, event {@link ConversationClaimed}.
     *
     * @return the conversation after the action
     * @throws LifecycleRefusedException 409 when someone else holds it ("already claimed by &lt;name or id&gt;") or it
     *                                   is closed/blocked
     */
    @WithTransaction
    public Uni<Conversation> claim(UUID conversationId, Actor actor) {
        return perform(conversationId, Action.CLAIM, actor, null, (c, before, now) -> audit("conversation.claimed", c, actor, before, now)
                .call(() -> event(new ConversationClaimed(UUID.randomUUID(), 1, now, c.id, state(c), summary(actor)), now)));
    }

    /**
     * Hands the conversation to {@code operatorId} (a transfer): OPEN_UNCLAIMED/OPEN_ASSIGNED → OPEN_ASSIGNED,
     * AWAITING_CUSTOMER stays AWAITING_CUSTOMER. Assigning to the current assignee changes nothing. Audit
     * {@code conversation.assigned}, event {@link ConversationAssigned}. conversation-service does not know operators:
     * the id is stored as given.
     *
     * @throws LifecycleRefusedException 403 unless the caller is an admin or the current assignee; 409 when closed or
     *                                   blocked
     */
    @WithTransaction
    public Uni<Conversation> assign(UUID conversationId, Actor actor, UUID operatorId) {
        Objects.requireNonNull(operatorId, "operatorId");
        return perform(conversationId, Action.ASSIGN, actor, operatorId, (c, before, now) -> audit("conversation.assigned", c, actor, before, now)
                .call(() -> event(new ConversationAssigned(UUID.randomUUID(), 1, now, c.id, state(c), summary(actor),
                        before.assigneeId()), now)));
    }

    /**
     * Releases the conversation to the unclaimed queue: OPEN_ASSIGNED/AWAITING_CUSTOMER → OPEN_UNCLAIMED, assignee
     * cleared. Audit {@code conversation.unassigned}, event {@link ConversationUnassigned}.
     *
     * @throws LifecycleRefusedException 403 unless admin or current assignee; 409 when unassigned, closed or blocked
     */
    @WithTransaction
    public Uni<Conversation> unassign(UUID conversationId, Actor actor) {
        return perform(conversationId, Action.UNASSIGN, actor, null, (c, before, now) -> audit("conversation.unassigned", c, actor, before, now)
                .call(() -> event(new ConversationUnassigned(UUID.randomUUID(), 1, now, c.id, state(c), summary(actor),
                        before.assigneeId()), now)));
    }

    /**
     * Closes an open conversation (→ CLOSED; the assignee stays recorded). The closing message (the operator's text,
     * or the {@code closing_message} template when null) is stored in the transcript and queued for the channel
     * first, through {@link SystemMessages#postClosingMessage}, then {@link ConversationClosed} (reason
     * {@value #REASON_OPERATOR}), then the {@code closed_history_note} template (1 µs after the closing message; by
     * default a widget banner and a transcript bubble, not sent to Telegram). Audit {@code conversation.closed}.
     *
     * @param closingMessage the operator's closing text (already validated, ≤ 4096 chars), or null
     * @throws LifecycleRefusedException 403 when someone else holds it and the caller is not an admin; 409 when
     *                                   already closed or blocked
     */
    @WithTransaction
    public Uni<Conversation> close(UUID conversationId, Actor actor, String closingMessage) {
        return perform(conversationId, Action.CLOSE, actor, null, (c, before, now) -> systemMessages.postClosingMessage(c, actor, closingMessage, now)
                .chain(() -> closed(c, actor, before, REASON_OPERATOR, now)));
    }

    /**
     * Reopens a closed conversation for the caller: CLOSED → OPEN_ASSIGNED (assignee = caller). When another open
     * conversation took its codename meanwhile, a new one is drawn. Audit {@code conversation.reopened}, event
     * {@link ConversationReopened}.
     *
     * @throws LifecycleRefusedException 409 when not closed, or when the customer has a newer conversation (the
     *                                   customer's latest conversation is the only one that may be open)
     */
    @WithTransaction
    public Uni<Conversation> reopen(UUID conversationId, Actor actor) {
        return perform(conversationId, Action.REOPEN, actor, null, (c, before, now) -> audit("conversation.reopened", c, actor, before, now)
                .call(() -> event(new ConversationReopened(UUID.randomUUID(), 1, now, c.id, state(c), summary(actor),
                        before.codename()), now)));
    }

    /**
     * Blocks the customer: any state but BLOCKED → BLOCKED. From then on their messages are stored with status
     * {@code BLOCKED}, never shown and never announced. Audit {@code conversation.blocked}, event
     * {@link ConversationBlocked}.
     *
     * @throws LifecycleRefusedException 403 when someone else holds it and the caller is not an admin; 409 when
     *                                   already blocked, or when the customer has a newer conversation
     */
    @WithTransaction
    public Uni<Conversation> block(UUID conversationId, Actor actor) {
        return perform(conversationId, Action.BLOCK, actor, null, (c, before, now) -> audit("conversation.blocked", c, actor, before, now)
                .call(() -> event(new ConversationBlocked(UUID.randomUUID(), 1, now, c.id, state(c), summary(actor)), now)));
    }

    /**
     * Unblocks: BLOCKED → CLOSED; the customer's next message reopens it. Audit {@code conversation.unblocked}, event
     * {@link ConversationUnblocked}.
     *
     * @throws LifecycleRefusedException 409 when not blocked
     */
    @WithTransaction
    public Uni<Conversation> unblock(UUID conversationId, Actor actor) {
        return perform(conversationId, Action.UNBLOCK, actor, null, (c, before, now) -> audit("conversation.unblocked", c, actor, before, now)
                .call(() -> event(new ConversationUnblocked(UUID.randomUUID(), 1, now, c.id, state(c), summary(actor)), now)));
    }

    /**
     * The inactivity timer closes {@code conversation} (OPEN_UNCLAIMED, OPEN_ASSIGNED or AWAITING_CUSTOMER → CLOSED),
     * in the CALLER's transaction and session (the timer sweep owns them; no transaction of its own). Actor = the
     * system: audit {@code conversation.closed} with {@code after.reason = "auto_close"} and no actor, event
     * {@link ConversationClosed} with reason {@value #REASON_AUTO_CLOSE} and a null actor, the
     * {@code closed_history_note} template (1 µs after {@code now}); then timers are rescheduled. No closing message is
     * posted here (the timer posts it first, dated {@code now}).
     *
     * <p>When the conversation is no longer open (an operator closed or blocked it meanwhile) nothing happens and the
     * conversation is returned as it now is; never fails for that reason.
     *
     * @param conversation a conversation loaded in the caller's session
     * @param now          the sweep's time (truncated to micros)
     * @return the conversation after the action
     */
    public Uni<Conversation> autoClose(Conversation conversation, Instant now) {
        return attempt(conversation, Action.AUTO_CLOSE, null, null, now, RACE_RETRIES,
                (c, before, at) -> closed(c, null, before, REASON_AUTO_CLOSE, at))
                .onFailure(LifecycleRefusedException.class).recoverWithItem(conversation);
    }

    /**
     * The reply endpoint's transition, in the caller's transaction: an operator replied to {@code conversation}.
     * OPEN_UNCLAIMED → AWAITING_CUSTOMER with the replier as assignee (a conditional claim: audit
     * {@code conversation.claimed} and {@link ConversationClaimed} first); OPEN_ASSIGNED → AWAITING_CUSTOMER
     * ({@link ConversationStatusChanged}); AWAITING_CUSTOMER stays. Sets {@code last_outbound_at}. The caller stores
     * the message, writes the {@code message.sent} audit row and reschedules the timers.
     *
     * @param conversation the conversation, locked {@code FOR UPDATE} by the caller and read after the lock
     * @param foundStatus  its status as the reply request first found it (before waiting for the lock): a reply to a
     *                     conversation found OPEN_UNCLAIMED that someone else holds once locked (they claimed it or
     *                     replied meanwhile) is refused, so that two operators answering one unclaimed conversation
     *                     at once never both reach the customer
     * @return the state the reply itself started from (for the {@code message.sent} audit row; OPEN_ASSIGNED after
     *         an auto-claim)
     * @throws LifecycleRefusedException 409 when the conversation is closed or blocked, or when it was unclaimed and
     *                                   someone else claimed it meanwhile ("already claimed by …")
     */
    public Uni<Before> operatorReplied(Conversation conversation, ConversationStatus foundStatus, Actor actor, Instant now) {
        UUID holder = State.of(conversation).holder();
        if (foundStatus == ConversationStatus.OPEN_UNCLAIMED && holder != null && !holder.equals(actor.id())) {
            return claimedBy(conversation, holder);
        }
        AtomicReference<Before> replyBefore = new AtomicReference<>();
        return attempt(conversation, Action.REPLY, actor, null, now, RACE_RETRIES, (c, b, at) -> {
            if (b.status() != ConversationStatus.OPEN_UNCLAIMED) {
                replyBefore.set(b);
                return event(new ConversationStatusChanged(UUID.randomUUID(), 1, at, c.id, state(c), summary(actor),
                        b.status().name()), at);
            }
            // an auto-claim: recorded as a claim (OPEN_UNCLAIMED → OPEN_ASSIGNED) followed by the reply's flip
            Before claimed = Before.of(ConversationStatus.OPEN_ASSIGNED, c.assigneeId);
            replyBefore.set(claimed);
            return audit("conversation.claimed", b, claimed, c.id, actor, at)
                    .call(() -> event(new ConversationClaimed(UUID.randomUUID(), 1, at, c.id,
                            new ConversationState(claimed.status().name(), c.assigneeId, c.codename), summary(actor)), at))
                    .call(() -> event(new ConversationStatusChanged(UUID.randomUUID(), 1, at, c.id, state(c),
                            summary(actor), claimed.status().name()), at));
        }).map(c -> {
            c.lastOutboundAt = now;
            Before before = replyBefore.get();
            return before != null ? before : Before.of(c);
        });
    }

    /**
     * The lifecycle columns as they were, for audit rows: serialises to {@code {"status":…,"assigneeId":…}}.
     *
     * @param codename the codename (not serialised into audit rows)
     */
    public record Before(ConversationStatus status, UUID assigneeId, @JsonIgnore String codename) {
        static Before of(Conversation c) {
            return new Before(c.status, c.assigneeId, c.codename);
        }

        static Before of(ConversationStatus status, UUID assigneeId) {
            return new Before(status, assigneeId, null);
        }
    }

    /** What an action does once its state change has been written. */
    @FunctionalInterface
    private interface Effects {
        Uni<Void> apply(Conversation conversation, Before before, Instant now);
    }

    /**
     * Loads the conversation locked {@code FOR UPDATE} (as the intake does: a customer's message arriving meanwhile
     * waits for the action, or the action for it, so nothing the action writes is based on a state that changed under
     * it), dates the action once it holds the lock ({@link Conversation#nextMessageAt}: a closing message follows the
     * message stored while it waited) and runs it.
     */
    private Uni<Conversation> perform(UUID conversationId, Action action, Actor actor, UUID target, Effects effects) {
        return conversations.findById(conversationId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> new UnknownConversationException(conversationId))
                .chain(c -> attempt(c, action, actor, target, c.nextMessageAt(now()), RACE_RETRIES, effects));
    }

    /**
     * Decides, writes the change conditionally, applies the effects and reschedules the timers (except for a REPLY,
     * whose caller does it once the message is stored); on a lost race re-reads and decides again ({@code retries}
     * times).
     */
    private Uni<Conversation> attempt(Conversation c, Action action, Actor actor, UUID target, Instant now, int retries,
                                      Effects effects) {
        Before before = Before.of(c);
        Decision decision = ConversationLifecycle.decide(State.of(c), action, actor, target);
        if (decision instanceof Refused refused) {
            return refuse(c, action, refused);
        }
        Allowed allowed = (Allowed) decision;
        if (!allowed.changed()) {
            return Uni.createFrom().item(c);
        }
        State next = allowed.next();
        return preconditions(c, action, next)
                .chain(codename -> write(c, before, next, codename, now))
                .chain(won -> {
                    if (won) {
                        return effects.apply(c, before, now)
                                .chain(() -> action == Action.REPLY ? Uni.createFrom().voidItem() : timers.reschedule(c, now))
                                .replaceWith(c);
                    }
                    return refresh(c).chain(() -> {
                        UUID holder = State.of(c).holder();
                        if (action == Action.REPLY && before.status() == ConversationStatus.OPEN_UNCLAIMED
                                && holder != null && !holder.equals(actor.id())) {
                            // the replier saw it unclaimed; someone else claimed it first: their reply must not go out
                            return claimedBy(c, holder);
                        }
                        return retries > 0
                                ? attempt(c, action, actor, target, now, retries - 1, effects)
                                : Uni.createFrom().failure(new LifecycleRefusedException(c.id, RefusalKind.CONFLICT,
                                "the conversation changed meanwhile; try again"));
                    });
                });
    }

    /**
     * Checks what the state machine cannot see and picks the codename: leaving CLOSED needs a codename no open
     * conversation uses; reopening or blocking needs the customer's latest conversation.
     */
    private Uni<String> preconditions(Conversation c, Action action, State next) {
        Uni<Void> latest = action == Action.REOPEN || action == Action.BLOCK
                ? conversations.find("customerId = ?1 order by createdAt desc, id desc", c.customerId).firstResult()
                .chain(newest -> newest != null && !newest.id.equals(c.id)
                        ? Uni.createFrom().failure(new LifecycleRefusedException(c.id, RefusalKind.CONFLICT,
                        "the customer has a newer conversation"))
                        : Uni.createFrom().voidItem())
                : Uni.createFrom().voidItem();
        boolean leavesClosed = c.status == ConversationStatus.CLOSED && next.status() != ConversationStatus.CLOSED;
        return latest.chain(() -> leavesClosed ? codenames.keepOrRedraw(c.codename) : Uni.createFrom().item(c.codename));
    }

    /**
     * The conditional update: writes {@code next} only if the row still has the state {@code before} was read with.
     *
     * @return true when this transaction made the change (the entity then mirrors the row)
     */
    private Uni<Boolean> write(Conversation c, Before before, State next, String codename, Instant now) {
        boolean newAssignee = !Objects.equals(before.assigneeId(), next.assigneeId());
        Instant assignedAt = newAssignee ? (next.assigneeId() == null ? null : now) : c.assignedAt;
        Instant closedAt = switch (next.status()) {
            case CLOSED -> now;
            case BLOCKED -> c.closedAt;
            case OPEN_UNCLAIMED, OPEN_ASSIGNED, AWAITING_CUSTOMER -> null;
        };
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("status", next.status());
        params.put("assigneeId", next.assigneeId());
        params.put("assignedAt", assignedAt);
        params.put("closedAt", closedAt);
        params.put("codename", codename);
        params.put("id", c.id);
        params.put("beforeStatus", before.status());
        String assigneeCondition;
        if (before.assigneeId() == null) {
            assigneeCondition = "assigneeId is null";
        } else {
            assigneeCondition = "assigneeId = :beforeAssignee";
            params.put("beforeAssignee", before.assigneeId());
        }
        return conversations.update("status = :status, assigneeId = :assigneeId, assignedAt = :assignedAt, "
                        + "closedAt = :closedAt, codename = :codename where id = :id and status = :beforeStatus and "
                        + assigneeCondition, params)
                .map(rows -> {
                    if (rows == 0) {
                        return false;
                    }
                    c.status = next.status();
                    c.assigneeId = next.assigneeId();
                    c.assignedAt = assignedAt;
                    c.closedAt = closedAt;
                    c.codename = codename;
                    return true;
                });
    }

    private Uni<Void> refresh(Conversation c) {
        return conversations.getSession().chain(session -> session.refresh(c));
    }

    private Uni<Conversation> refuse(Conversation c, Action action, Refused refused) {
        UUID holder = State.of(c).holder();
        if (action == Action.CLAIM && refused.kind() == RefusalKind.CONFLICT && holder != null) {
            return claimedBy(c, holder);
        }
        return Uni.createFrom().failure(new LifecycleRefusedException(c.id, refused.kind(), refused.reason()));
    }

    /** 409 "the conversation is already claimed by &lt;name or id&gt;". */
    private <T> Uni<T> claimedBy(Conversation c, UUID holder) {
        return heldBy(holder).chain(name -> Uni.createFrom().failure(new LifecycleRefusedException(c.id,
                RefusalKind.CONFLICT, "the conversation is already claimed by " + name)));
    }

    /** The holder's display name as last seen in the audit log (conversation-service does not know operators), or the id. */
    private Uni<String> heldBy(UUID operatorId) {
        return auditEntries.find("actorId = ?1 and actorName is not null order by occurredAt desc", operatorId)
                .firstResult()
                .map(entry -> entry == null ? operatorId.toString() : entry.actorName);
    }

    private Uni<Void> closed(Conversation c, Actor actor, Before before, String reason, Instant now) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", c.status.name());
        after.put("assigneeId", c.assigneeId);
        after.put("reason", reason);
        return audit.record(c.id, actor, "conversation.closed", before, after, now)
                .call(() -> event(new ConversationClosed(UUID.randomUUID(), 1, now, c.id, state(c), summary(actor), reason), now))
                // 1 µs after the closing message (dated now), so the transcript shows it right under it
                .call(() -> systemMessages.post(c, SystemMessageKey.CLOSED_HISTORY_NOTE.key(),
                        actor == null ? null : Map.of("operatorName", actor.name() == null ? "" : actor.name()),
                        now.plus(1, ChronoUnit.MICROS)))
                .replaceWithVoid();
    }

    private Uni<Void> audit(String action, Conversation c, Actor actor, Before before, Instant now) {
        return audit(action, before, Before.of(c), c.id, actor, now);
    }

    private Uni<Void> audit(String action, Before before, Before after, UUID conversationId, Actor actor, Instant now) {
        return audit.record(conversationId, actor, action, before, after, now);
    }

    private Uni<Void> event(ConversationEvent event, Instant now) {
        return outbox.event(event, now);
    }

    /** The lifecycle part of {@code c} as events carry it. */
    public static ConversationState state(Conversation c) {
        return new ConversationState(c.status.name(), c.assigneeId, c.codename);
    }

    /** {@code actor} as events carry it; null for the customer or the system. */
    public static ActorSummary summary(Actor actor) {
        return actor == null ? null : new ActorSummary(actor.id(), actor.name());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
