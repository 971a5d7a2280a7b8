package io.switchboard.conversation.domain;

import java.util.Objects;
import java.util.UUID;

import static io.switchboard.conversation.domain.ConversationStatus.AWAITING_CUSTOMER;
import static io.switchboard.conversation.domain.ConversationStatus.BLOCKED;
import static io.switchboard.conversation.domain.ConversationStatus.CLOSED;
import static io.switchboard.conversation.domain.ConversationStatus.OPEN_ASSIGNED;
import static io.switchboard.conversation.domain.ConversationStatus.OPEN_UNCLAIMED;

/**
 * The conversation state machine (docs/LIFECYCLE.md): for a conversation's current {@link State}, an
 * {@link Action} and who performs it, either the next state ({@link Allowed}) or a {@link Refused refusal} with a
 * reason and a {@link RefusalKind} ({@code NOT_ALLOWED} → HTTP 403, {@code CONFLICT} → HTTP 409).
 *
 * <p>The state is checked before the permission: acting on a conversation in the wrong state is a conflict whoever
 * asks. Only an open conversation (OPEN_UNCLAIMED, OPEN_ASSIGNED, AWAITING_CUSTOMER) is "held": a CLOSED or BLOCKED
 * conversation keeps its last assignee for the record, but nobody holds it. Plain Java, no I/O.
 */
public final class ConversationLifecycle {

    private ConversationLifecycle() {
    }

    /** What happens to a conversation. */
    public enum Action {
        /** An operator takes an unclaimed conversation (any operator). */
        CLAIM,
        /** Hand it to {@code operatorId} (admin or the current assignee). */
        ASSIGN,
        /** Release it to the unclaimed queue (admin or the current assignee). */
        UNASSIGN,
        /** An operator replied (any operator; auto-claims an unclaimed conversation for the replier). */
        REPLY,
        /** The customer wrote (never refused). */
        CUSTOMER_WROTE,
        /** Close it (the assignee, an admin, or anyone while unassigned). */
        CLOSE,
        /** Reopen a closed conversation for the caller (any operator). */
        REOPEN,
        /** Block the customer (the assignee, an admin, or anyone while unassigned). */
        BLOCK,
        /** Unblock: the conversation becomes CLOSED (any operator). */
        UNBLOCK,
        /** The inactivity timer closes an open conversation (the system). */
        AUTO_CLOSE
    }

    /** Why an action is refused: who asks ({@code NOT_ALLOWED}, 403) or the state it is in ({@code CONFLICT}, 409). */
    public enum RefusalKind {
        NOT_ALLOWED,
        CONFLICT
    }

    /**
     * The lifecycle columns of a conversation.
     *
     * @param status     its status, never null
     * @param assigneeId the operator who holds it, or null
     */
    public record State(ConversationStatus status, UUID assigneeId) {
        public State {
            Objects.requireNonNull(status, "status");
        }

        /** The state of {@code conversation}. */
        public static State of(Conversation conversation) {
            return new State(conversation.status, conversation.assigneeId);
        }

        /** The operator holding an open conversation, or null (always null for CLOSED and BLOCKED). */
        public UUID holder() {
            return status.isOpen() ? assigneeId : null;
        }
    }

    /** The answer to an action: {@link Allowed} or {@link Refused}. */
    public sealed interface Decision permits Allowed, Refused {
    }

    /**
     * The action may happen.
     *
     * @param next the state after it
     * @param changed false when the action changes nothing (claiming what one holds, assigning to the assignee, a
     *               customer writing into an OPEN_* conversation, ...)
     */
    public record Allowed(State next, boolean changed) implements Decision {
    }

    /**
     * The action may not happen.
     *
     * @param kind   NOT_ALLOWED (403) or CONFLICT (409)
     * @param reason a sentence for the operator, e.g. "the conversation is CLOSED"
     */
    public record Refused(RefusalKind kind, String reason) implements Decision {
    }

    /**
     * Decides {@code action} on a conversation in state {@code current}.
     *
     * @param actor  who acts: the operator, or null for the customer ({@link Action#CUSTOMER_WROTE}) and the system
     *               ({@link Action#AUTO_CLOSE}); an operator action without an actor is NOT_ALLOWED
     * @param target the operator to assign to ({@link Action#ASSIGN} only; required there), else ignored
     */
    public static Decision decide(State current, Action action, Actor actor, UUID target) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(action, "action");
        return switch (action) {
            case CUSTOMER_WROTE -> customerWrote(current);
            case AUTO_CLOSE -> current.status().isOpen()
                    ? changed(CLOSED, current.assigneeId())
                    : conflict(current);
            default -> actor == null
                    ? new Refused(RefusalKind.NOT_ALLOWED, "only an operator may " + verb(action) + " a conversation")
                    : operatorAction(current, action, actor, target);
        };
    }

    /** Decides an action without a target ({@link Action#ASSIGN} needs {@link #decide(State, Action, Actor, UUID)}). */
    public static Decision decide(State current, Action action, Actor actor) {
        return decide(current, action, actor, null);
    }

    private static Decision operatorAction(State current, Action action, Actor actor, UUID target) {
        ConversationStatus status = current.status();
        UUID holder = current.holder();
        boolean holds = actor.id().equals(holder);
        return switch (action) {
            case CLAIM -> {
                if (!status.isOpen()) {
                    yield conflict(current);
                }
                if (holds) {
                    yield unchanged(current);
                }
                yield holder == null
                        ? changed(OPEN_ASSIGNED, actor.id())
                        : new Refused(RefusalKind.CONFLICT, "the conversation is already claimed by someone else");
            }
            case ASSIGN -> {
                if (target == null) {
                    throw new IllegalArgumentException("ASSIGN needs a target operator");
                }
                if (!status.isOpen()) {
                    yield conflict(current);
                }
                if (!actor.admin() && !holds) {
                    yield notAllowed(action);
                }
                if (target.equals(holder)) {
                    yield unchanged(current);
                }
                yield changed(status == AWAITING_CUSTOMER ? AWAITING_CUSTOMER : OPEN_ASSIGNED, target);
            }
            case UNASSIGN -> {
                if (!status.isOpen()) {
                    yield conflict(current);
                }
                if (holder == null) {
                    yield new Refused(RefusalKind.CONFLICT, "the conversation is not assigned");
                }
                if (!actor.admin() && !holds) {
                    yield notAllowed(action);
                }
                yield changed(OPEN_UNCLAIMED, null);
            }
            case REPLY -> {
                if (!status.isOpen()) {
                    yield conflict(current);
                }
                yield status == OPEN_UNCLAIMED && holder == null
                        ? changed(AWAITING_CUSTOMER, actor.id())
                        : new Allowed(new State(AWAITING_CUSTOMER, holder), status != AWAITING_CUSTOMER);
            }
            case CLOSE -> {
                if (!status.isOpen()) {
                    yield conflict(current);
                }
                if (holder != null && !actor.admin() && !holds) {
                    yield notAllowed(action);
                }
                yield changed(CLOSED, current.assigneeId());
            }
            case REOPEN -> status == CLOSED ? changed(OPEN_ASSIGNED, actor.id()) : conflict(current);
            case BLOCK -> {
                if (status == BLOCKED) {
                    yield conflict(current);
                }
                if (holder != null && !actor.admin() && !holds) {
                    yield notAllowed(action);
                }
                yield changed(BLOCKED, current.assigneeId());
            }
            case UNBLOCK -> status == BLOCKED ? changed(CLOSED, current.assigneeId()) : conflict(current);
            case CUSTOMER_WROTE, AUTO_CLOSE -> throw new IllegalStateException("not an operator action: " + action);
        };
    }

    private static Decision customerWrote(State current) {
        return switch (current.status()) {
            case OPEN_UNCLAIMED, OPEN_ASSIGNED, BLOCKED -> unchanged(current);
            case AWAITING_CUSTOMER -> changed(OPEN_ASSIGNED, current.assigneeId());
            case CLOSED -> changed(OPEN_UNCLAIMED, null);
        };
    }

    private static Allowed changed(ConversationStatus status, UUID assigneeId) {
        return new Allowed(new State(status, assigneeId), true);
    }

    private static Allowed unchanged(State current) {
        return new Allowed(current, false);
    }

    private static Refused conflict(State current) {
        return new Refused(RefusalKind.CONFLICT, "the conversation is " + current.status());
    }

    private static Refused notAllowed(Action action) {
        return new Refused(RefusalKind.NOT_ALLOWED, "only an admin or the current assignee may " + verb(action)
                + " this conversation");
    }

    private static String verb(Action action) {
        return switch (action) {
            case CUSTOMER_WROTE -> "write to";
            case AUTO_CLOSE -> "auto-close";
            default -> action.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
