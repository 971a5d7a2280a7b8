package io.switchboard.conversation.domain;

import io.switchboard.conversation.domain.ConversationLifecycle.Action;
import io.switchboard.conversation.domain.ConversationLifecycle.Allowed;
import io.switchboard.conversation.domain.ConversationLifecycle.Decision;
import io.switchboard.conversation.domain.ConversationLifecycle.RefusalKind;
import io.switchboard.conversation.domain.ConversationLifecycle.Refused;
import io.switchboard.conversation.domain.ConversationLifecycle.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every action in every state, by every kind of caller, against the transition table of docs/LIFECYCLE.md written
 * out below (not derived from the implementation).
 */
class ConversationLifecycleTest {

    /** The assignee of the conversations below that have one. */
    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    /** The operator an ASSIGN hands the conversation to. */
    private static final UUID T = UUID.fromString("00000000-0000-0000-0000-0000000000ff");

    private static final Map<String, State> STATES = new LinkedHashMap<>();
    private static final Map<String, Actor> ACTORS = new LinkedHashMap<>();

    static {
        STATES.put("U", new State(ConversationStatus.OPEN_UNCLAIMED, null));
        STATES.put("AS", new State(ConversationStatus.OPEN_ASSIGNED, A));
        STATES.put("AW", new State(ConversationStatus.AWAITING_CUSTOMER, A));
        STATES.put("C", new State(ConversationStatus.CLOSED, A)); // closed, last assignee kept for the record
        STATES.put("C0", new State(ConversationStatus.CLOSED, null));
        STATES.put("B", new State(ConversationStatus.BLOCKED, A));
        ACTORS.put("admin", new Actor(UUID.fromString("00000000-0000-0000-0000-0000000000ad"), "Ada Admin", true));
        ACTORS.put("assignee", new Actor(A, "Asa Assignee", false));
        ACTORS.put("other", new Actor(UUID.fromString("00000000-0000-0000-0000-00000000000b"), "Otto Other", false));
        ACTORS.put("none", null); // the customer or the system
    }

    /**
     * state, action | outcome for admin | assignee (A) | another operator | no actor.
     * Outcomes: {@code =} allowed without change; {@code 403}/{@code 409} refused NOT_ALLOWED/CONFLICT;
     * {@code STATUS/who} allowed, who = {@code me} (the caller), {@code A}, {@code T} (assign target) or {@code -}.
     */
    private static final String TABLE = """
            U  CLAIM          | OPEN_ASSIGNED/me     | OPEN_ASSIGNED/me     | OPEN_ASSIGNED/me     | 403
            AS CLAIM          | 409                  | =                    | 409                  | 403
            AW CLAIM          | 409                  | =                    | 409                  | 403
            C  CLAIM          | 409                  | 409                  | 409                  | 403
            C0 CLAIM          | 409                  | 409                  | 409                  | 403
            B  CLAIM          | 409                  | 409                  | 409                  | 403
            U  ASSIGN         | OPEN_ASSIGNED/T      | 403                  | 403                  | 403
            AS ASSIGN         | OPEN_ASSIGNED/T      | OPEN_ASSIGNED/T      | 403                  | 403
            AW ASSIGN         | AWAITING_CUSTOMER/T  | AWAITING_CUSTOMER/T  | 403                  | 403
            C  ASSIGN         | 409                  | 409                  | 409                  | 403
            C0 ASSIGN         | 409                  | 409                  | 409                  | 403
            B  ASSIGN         | 409                  | 409                  | 409                  | 403
            U  UNASSIGN       | 409                  | 409                  | 409                  | 403
            AS UNASSIGN       | OPEN_UNCLAIMED/-     | OPEN_UNCLAIMED/-     | 403                  | 403
            AW UNASSIGN       | OPEN_UNCLAIMED/-     | OPEN_UNCLAIMED/-     | 403                  | 403
            C  UNASSIGN       | 409                  | 409                  | 409                  | 403
            C0 UNASSIGN       | 409                  | 409                  | 409                  | 403
            B  UNASSIGN       | 409                  | 409                  | 409                  | 403
            U  REPLY          | AWAITING_CUSTOMER/me | AWAITING_CUSTOMER/me | AWAITING_CUSTOMER/me | 403
            AS REPLY          | AWAITING_CUSTOMER/A  | AWAITING_CUSTOMER/A  | AWAITING_CUSTOMER/A  | 403
            AW REPLY          | =                    | =                    | =                    | 403
            C  REPLY          | 409                  | 409                  | 409                  | 403
            C0 REPLY          | 409                  | 409                  | 409                  | 403
            B  REPLY          | 409                  | 409                  | 409                  | 403
            U  CUSTOMER_WROTE | =                    | =                    | =                    | =
            AS CUSTOMER_WROTE | =                    | =                    | =                    | =
            AW CUSTOMER_WROTE | OPEN_ASSIGNED/A      | OPEN_ASSIGNED/A      | OPEN_ASSIGNED/A      | OPEN_ASSIGNED/A
            C  CUSTOMER_WROTE | OPEN_UNCLAIMED/-     | OPEN_UNCLAIMED/-     | OPEN_UNCLAIMED/-     | OPEN_UNCLAIMED/-
            C0 CUSTOMER_WROTE | OPEN_UNCLAIMED/-     | OPEN_UNCLAIMED/-     | OPEN_UNCLAIMED/-     | OPEN_UNCLAIMED/-
            B  CUSTOMER_WROTE | =                    | =                    | =                    | =
            U  CLOSE          | CLOSED/-             | CLOSED/-             | CLOSED/-             | 403
            AS CLOSE          | CLOSED/A             | CLOSED/A             | 403                  | 403
            AW CLOSE          | CLOSED/A             | CLOSED/A             | 403                  | 403
            C  CLOSE          | 409                  | 409                  | 409                  | 403
            C0 CLOSE          | 409                  | 409                  | 409                  | 403
            B  CLOSE          | 409                  | 409                  | 409                  | 403
            U  REOPEN         | 409                  | 409                  | 409                  | 403
            AS REOPEN         | 409                  | 409                  | 409                  | 403
            AW REOPEN         | 409                  | 409                  | 409                  | 403
            C  REOPEN         | OPEN_ASSIGNED/me     | OPEN_ASSIGNED/me     | OPEN_ASSIGNED/me     | 403
            C0 REOPEN         | OPEN_ASSIGNED/me     | OPEN_ASSIGNED/me     | OPEN_ASSIGNED/me     | 403
            B  REOPEN         | 409                  | 409                  | 409                  | 403
            U  BLOCK          | BLOCKED/-            | BLOCKED/-            | BLOCKED/-            | 403
            AS BLOCK          | BLOCKED/A            | BLOCKED/A            | 403                  | 403
            AW BLOCK          | BLOCKED/A            | BLOCKED/A            | 403                  | 403
            C  BLOCK          | BLOCKED/A            | BLOCKED/A            | BLOCKED/A            | 403
            C0 BLOCK          | BLOCKED/-            | BLOCKED/-            | BLOCKED/-            | 403
            B  BLOCK          | 409                  | 409                  | 409                  | 403
            U  UNBLOCK        | 409                  | 409                  | 409                  | 403
            AS UNBLOCK        | 409                  | 409                  | 409                  | 403
            AW UNBLOCK        | 409                  | 409                  | 409                  | 403
            C  UNBLOCK        | 409                  | 409                  | 409                  | 403
            C0 UNBLOCK        | 409                  | 409                  | 409                  | 403
            B  UNBLOCK        | CLOSED/A             | CLOSED/A             | CLOSED/A             | 403
            U  AUTO_CLOSE     | CLOSED/-             | CLOSED/-             | CLOSED/-             | CLOSED/-
            AS AUTO_CLOSE     | CLOSED/A             | CLOSED/A             | CLOSED/A             | CLOSED/A
            AW AUTO_CLOSE     | CLOSED/A             | CLOSED/A             | CLOSED/A             | CLOSED/A
            C  AUTO_CLOSE     | 409                  | 409                  | 409                  | 409
            C0 AUTO_CLOSE     | 409                  | 409                  | 409                  | 409
            B  AUTO_CLOSE     | 409                  | 409                  | 409                  | 409
            """;

    static Stream<Arguments> table() {
        List<Arguments> cases = new ArrayList<>();
        List<String> actors = List.copyOf(ACTORS.keySet());
        for (String line : TABLE.strip().split("\n")) {
            String[] cells = line.split("\\|");
            String[] key = cells[0].trim().split("\\s+");
            for (int i = 0; i < actors.size(); i++) {
                cases.add(Arguments.of(key[0], Action.valueOf(key[1]), actors.get(i), cells[i + 1].trim()));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} by {2} -> {3}")
    @MethodSource("table")
    void everyActionInEveryStateByEveryCaller(String stateName, Action action, String actorName, String expected) {
        State state = STATES.get(stateName);
        Actor actor = ACTORS.get(actorName);
        Decision decision = ConversationLifecycle.decide(state, action, actor, action == Action.ASSIGN ? T : null);
        switch (expected) {
            case "=" -> {
                Allowed allowed = assertInstanceOf(Allowed.class, decision);
                assertFalse(allowed.changed(), "nothing should change");
                assertEquals(state, allowed.next());
            }
            case "403", "409" -> {
                Refused refused = assertInstanceOf(Refused.class, decision);
                assertEquals(expected.equals("403") ? RefusalKind.NOT_ALLOWED : RefusalKind.CONFLICT, refused.kind(),
                        refused.reason());
                assertFalse(refused.reason().isBlank());
            }
            default -> {
                String[] parts = expected.split("/");
                UUID assignee = switch (parts[1]) {
                    case "me" -> actor.id();
                    case "A" -> A;
                    case "T" -> T;
                    case "-" -> null;
                    default -> throw new IllegalArgumentException(expected);
                };
                Allowed allowed = assertInstanceOf(Allowed.class, decision, () -> "refused: " + decision);
                assertTrue(allowed.changed());
                assertEquals(new State(ConversationStatus.valueOf(parts[0]), assignee), allowed.next());
            }
        }
    }

    @Test
    void theTableCoversEveryStatusAndEveryAction() {
        Set<String> covered = new HashSet<>();
        for (String line : TABLE.strip().split("\n")) {
            String[] key = line.split("\\|")[0].trim().split("\\s+");
            assertTrue(covered.add(key[0] + " " + key[1]), "duplicate row " + line);
        }
        Set<ConversationStatus> statuses = EnumSet.noneOf(ConversationStatus.class);
        STATES.values().forEach(s -> statuses.add(s.status()));
        assertEquals(EnumSet.allOf(ConversationStatus.class), statuses);
        for (String state : STATES.keySet()) {
            for (Action action : Action.values()) {
                assertTrue(covered.contains(state + " " + action), "no row for " + state + " " + action);
            }
        }
        assertEquals(STATES.size() * Action.values().length, covered.size());
    }

    @Test
    void assigningToTheCurrentAssigneeChangesNothing() {
        State assigned = new State(ConversationStatus.OPEN_ASSIGNED, A);
        Allowed allowed = assertInstanceOf(Allowed.class,
                ConversationLifecycle.decide(assigned, Action.ASSIGN, ACTORS.get("admin"), A));
        assertFalse(allowed.changed());
    }

    @Test
    void anAdminMayAssignAnUnclaimedConversationToThemselves() {
        Actor admin = ACTORS.get("admin");
        Allowed allowed = assertInstanceOf(Allowed.class, ConversationLifecycle.decide(
                new State(ConversationStatus.OPEN_UNCLAIMED, null), Action.ASSIGN, admin, admin.id()));
        assertEquals(new State(ConversationStatus.OPEN_ASSIGNED, admin.id()), allowed.next());
    }

    @Test
    void assignWithoutATargetIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> ConversationLifecycle.decide(
                new State(ConversationStatus.OPEN_ASSIGNED, A), Action.ASSIGN, ACTORS.get("admin"), null));
    }

    @Test
    void refusalsSayWhy() {
        Refused claimed = assertInstanceOf(Refused.class, ConversationLifecycle.decide(
                new State(ConversationStatus.OPEN_ASSIGNED, A), Action.CLAIM, ACTORS.get("other")));
        assertTrue(claimed.reason().contains("already claimed"), claimed.reason());
        Refused closed = assertInstanceOf(Refused.class, ConversationLifecycle.decide(
                new State(ConversationStatus.CLOSED, null), Action.CLOSE, ACTORS.get("admin")));
        assertEquals("the conversation is CLOSED", closed.reason());
        Refused blocked = assertInstanceOf(Refused.class, ConversationLifecycle.decide(
                new State(ConversationStatus.BLOCKED, null), Action.REPLY, ACTORS.get("admin")));
        assertEquals("the conversation is BLOCKED", blocked.reason());
        Refused forbidden = assertInstanceOf(Refused.class, ConversationLifecycle.decide(
                new State(ConversationStatus.OPEN_ASSIGNED, A), Action.UNASSIGN, ACTORS.get("other")));
        assertTrue(forbidden.reason().contains("admin or the current assignee"), forbidden.reason());
    }
}
