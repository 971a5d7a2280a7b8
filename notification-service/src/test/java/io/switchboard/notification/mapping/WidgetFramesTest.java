package io.switchboard.notification.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.switchboard.conversation.api.ActorSummary;
import io.switchboard.conversation.api.ConversationAssigned;
import io.switchboard.conversation.api.ConversationBlocked;
import io.switchboard.conversation.api.ConversationClaimed;
import io.switchboard.conversation.api.ConversationClosed;
import io.switchboard.conversation.api.ConversationDeleted;
import io.switchboard.conversation.api.ConversationEvent;
import io.switchboard.conversation.api.ConversationOpened;
import io.switchboard.conversation.api.ConversationRead;
import io.switchboard.conversation.api.ConversationReopened;
import io.switchboard.conversation.api.ConversationState;
import io.switchboard.conversation.api.ConversationStatusChanged;
import io.switchboard.conversation.api.ConversationTagged;
import io.switchboard.conversation.api.ConversationUnassigned;
import io.switchboard.conversation.api.ConversationUnblocked;
import io.switchboard.conversation.api.ConversationUntagged;
import io.switchboard.conversation.api.CustomerSummary;
import io.switchboard.conversation.api.CustomerUpdated;
import io.switchboard.conversation.api.MessageDeleted;
import io.switchboard.conversation.api.MessageEdited;
import io.switchboard.conversation.api.MessageFailed;
import io.switchboard.conversation.api.MessageReaction;
import io.switchboard.conversation.api.MessageReactionsChanged;
import io.switchboard.conversation.api.MessageQueued;
import io.switchboard.conversation.api.MessageReceived;
import io.switchboard.conversation.api.MessageSent;
import io.switchboard.conversation.api.MessageSnapshot;
import io.switchboard.conversation.api.NoteAdded;
import io.switchboard.conversation.api.NoteSnapshot;
import io.switchboard.conversation.api.SystemMessagePosted;
import io.switchboard.conversation.api.TagSummary;
import io.switchboard.notification.websocket.WidgetFrame;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WidgetFramesTest {

    private static final UUID CONVERSATION = UUID.randomUUID();
    private static final UUID ANNA_ID = UUID.randomUUID();
    private static final UUID BORIS_ID = UUID.randomUUID();
    private static final ActorSummary ANNA = new ActorSummary(ANNA_ID, "Anna");
    private static final ActorSummary ADMIN = new ActorSummary(UUID.randomUUID(), "Root Admin");
    private static final Instant AT = Instant.parse("2026-11-21T10:00:00.123456Z");
    private static final CustomerSummary CUSTOMER = new CustomerSummary(UUID.randomUUID(), "Visitor 84C2", null, null);

    /** Quarkus' ObjectMapper defaults that matter here: java.time as ISO-8601 strings, nulls written. */
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    // --- messages ---------------------------------------------------------------------------------------------

    @Test
    void aCustomerMessageIsAMessageOfKindCustomerWithItsClientMessageId() {
        MessageSnapshot m = new MessageSnapshot(UUID.randomUUID(), "INBOUND", "Hi <b>there</b>", "RECEIVED", AT,
                null, null, null, "cm_12345678");
        List<WidgetFrame> frames = project(new MessageReceived(id(), 1, AT, CONVERSATION, CUSTOMER, m));

        assertEquals(List.of(new WidgetFrame(WidgetFrame.MESSAGE, new WidgetFrame.Message(m.id(), "cm_12345678",
                "INBOUND", "customer", null, "Hi <b>there</b>", AT, null))), frames);
    }

    @Test
    void aCustomerMessageFromTelegramNeverReachesAWidgetAndMarksTheConversationAsLeft() {
        MessageSnapshot m = new MessageSnapshot(UUID.randomUUID(), "INBOUND", "my card number is …", "RECEIVED", AT,
                null, null, null, null, null, null, null, null, null, null, MessageSnapshot.SOURCE_TELEGRAM);
        MessageReceived received = new MessageReceived(id(), 1, AT, CONVERSATION, CUSTOMER, m);
        assertEquals(List.of(), project(received));
        assertTrue(WidgetFrames.leavesWidget(received));
        assertTrue(WidgetFrames.leavesWidget(new CustomerUpdated(id(), 1, AT, CONVERSATION, CUSTOMER, null, "TELEGRAM")));
        assertFalse(WidgetFrames.leavesWidget(new CustomerUpdated(id(), 1, AT, CONVERSATION, CUSTOMER)));
        MessageSnapshot fromWidget = new MessageSnapshot(UUID.randomUUID(), "INBOUND", "hi", "RECEIVED", AT,
                null, null, null, "cm_12345678", null, null, null, null, null, null, MessageSnapshot.SOURCE_WIDGET);
        assertFalse(WidgetFrames.leavesWidget(new MessageReceived(id(), 1, AT, CONVERSATION, CUSTOMER, fromWidget)));
        assertEquals(1, project(new MessageReceived(id(), 1, AT, CONVERSATION, CUSTOMER, fromWidget)).size());
    }

    @Test
    void aBlockedCustomerMessageLooksLikeAnyOtherToItsCustomer() {
        MessageSnapshot m = new MessageSnapshot(UUID.randomUUID(), "INBOUND", "spam", "BLOCKED", AT, null, null, null,
                "cm_12345678");
        assertEquals(List.of(new WidgetFrame(WidgetFrame.MESSAGE, new WidgetFrame.Message(m.id(), "cm_12345678",
                "INBOUND", "customer", null, "spam", AT, null))),
                project(new MessageReceived(id(), 1, AT, CONVERSATION, CUSTOMER, m)));
    }

    @Test
    void anOperatorReplyIsAMessageOfKindOperatorWithTheNameAndNoOperatorId() throws Exception {
        MessageSnapshot m = new MessageSnapshot(UUID.randomUUID(), "OUTBOUND", "How can I help?", "PENDING", AT,
                ANNA_ID, "Anna", null, null);
        List<WidgetFrame> frames = project(new MessageQueued(id(), 1, AT, CONVERSATION, ANNA_ID, m));

        assertEquals(List.of(new WidgetFrame(WidgetFrame.MESSAGE, new WidgetFrame.Message(m.id(), null, "OUTBOUND",
                "operator", "Anna", "How can I help?", AT, null))), frames);

        String text = JSON.writeValueAsString(frames.get(0));
        assertFalse(text.contains(ANNA_ID.toString()), text);
        JsonNode node = JSON.readTree(text);
        assertEquals(Set.of("type", "payload"), fieldNames(node));
        assertEquals(Set.of("id", "clientMessageId", "direction", "kind", "authorName", "text", "createdAt", "systemKey"),
                fieldNames(node.get("payload")));
        assertEquals("message", node.get("type").asText());
        assertEquals("2026-11-21T10:00:00.123456Z", node.at("/payload/createdAt").asText());
        assertTrue(node.at("/payload/clientMessageId").isNull());
        assertTrue(node.at("/payload/systemKey").isNull());
    }

    @Test
    void deliveryResultsProduceNothing() {
        assertEquals(List.of(), project(new MessageSent(id(), 1, AT, CONVERSATION, UUID.randomUUID(), "SENT")));
        assertEquals(List.of(), project(new MessageFailed(id(), 1, AT, CONVERSATION, UUID.randomUUID(), "FAILED",
                "Forbidden: bot was blocked by the user")));
    }

    // --- system messages --------------------------------------------------------------------------------------

    @Test
    void aCustomerFacingSystemMessageWithBubbleAndBannerIsAMessageThenABanner() {
        MessageSnapshot bubble = new MessageSnapshot(UUID.randomUUID(), "OUTBOUND", "Welcome! We reply soon.",
                "RECORDED", AT, null, null, "welcome_message", null);
        List<WidgetFrame> frames = project(new SystemMessagePosted(id(), 1, AT, CONVERSATION, "welcome_message",
                "customer", bubble, "Welcome! We reply soon.", true, true, false));

        assertEquals(List.of(
                new WidgetFrame(WidgetFrame.MESSAGE, new WidgetFrame.Message(bubble.id(), null, "OUTBOUND", "system",
                        null, "Welcome! We reply soon.", AT, "welcome_message")),
                new WidgetFrame(WidgetFrame.BANNER, new WidgetFrame.Banner("welcome_message", "Welcome! We reply soon."))),
                frames);
    }

    @Test
    void anOperatorsClosingMessageIsASystemMessageSignedByThem() {
        MessageSnapshot bubble = new MessageSnapshot(UUID.randomUUID(), "OUTBOUND", "Bye!", "SENT", AT, ANNA_ID,
                "Anna", "closing_message", null);
        List<WidgetFrame> frames = project(new SystemMessagePosted(id(), 1, AT, CONVERSATION, "closing_message",
                "customer", bubble, "Bye!", false, true, false));

        assertEquals(List.of(new WidgetFrame(WidgetFrame.MESSAGE, new WidgetFrame.Message(bubble.id(), null,
                "OUTBOUND", "system", "Anna", "Bye!", AT, "closing_message"))), frames);
    }

    @Test
    void aBannerWithoutBubbleIsOnlyABanner() {
        List<WidgetFrame> frames = project(new SystemMessagePosted(id(), 1, AT, CONVERSATION, "waiting_for_agent",
                "customer", null, "An operator will be with you shortly", true, false, false));

        assertEquals(List.of(new WidgetFrame(WidgetFrame.BANNER,
                new WidgetFrame.Banner("waiting_for_agent", "An operator will be with you shortly"))), frames);
    }

    @Test
    void aCustomerFacingSystemMessageWithNeitherBubbleNorBannerProducesNothing() {
        assertEquals(List.of(), project(new SystemMessagePosted(id(), 1, AT, CONVERSATION, "conversation_reopened",
                "customer", null, "Welcome back", false, true, false)));
    }

    @Test
    void operatorAudienceSystemMessagesSuchAsRemindersProduceNothing() {
        MessageSnapshot bubble = new MessageSnapshot(UUID.randomUUID(), "OUTBOUND", "Unclaimed for 5 minutes",
                "RECORDED", AT, null, null, "unclaimed_reminder_5m", null);
        assertEquals(List.of(), project(new SystemMessagePosted(id(), 1, AT, CONVERSATION, "unclaimed_reminder_5m",
                "operators", bubble, "Unclaimed for 5 minutes", false, true, false)));
        // even if a producer flagged it for the banner by mistake, the audience decides
        assertEquals(List.of(), project(new SystemMessagePosted(id(), 1, AT, CONVERSATION,
                "unclaimed_reminder_15m_pin", "operators", bubble, "Unclaimed for 15 minutes", true, true, true)));
        assertEquals(List.of(), project(new SystemMessagePosted(id(), 1, AT, CONVERSATION, "x", null, bubble, "x",
                true, false, false)));
    }

    // --- operators ---------------------------------------------------------------------------------------------

    @Test
    void aClaimIsOperatorJoinedWithTheClaimersName() {
        assertEquals(List.of(joined("Anna")), project(new ConversationClaimed(id(), 1, AT, CONVERSATION,
                new ConversationState("OPEN_ASSIGNED", ANNA_ID, "Blue Lion #84C2"), ANNA)));
    }

    @Test
    void aSelfAssignmentUsesTheActorsNameAndNeedsNoLookUp() {
        ConversationAssigned event = new ConversationAssigned(id(), 1, AT, CONVERSATION,
                new ConversationState("OPEN_ASSIGNED", ANNA_ID, "Blue Lion #84C2"), ANNA, null);
        assertNull(WidgetFrames.assigneeToLookUp(event));
        assertEquals(List.of(joined("Anna")), WidgetFrames.project(event, null));
    }

    @Test
    void aTransferByAnAdminNamesTheNewAssigneeNotTheAdmin() {
        ConversationAssigned event = new ConversationAssigned(id(), 1, AT, CONVERSATION,
                new ConversationState("AWAITING_CUSTOMER", BORIS_ID, "Blue Lion #84C2"), ADMIN, ANNA_ID);
        assertEquals(BORIS_ID, WidgetFrames.assigneeToLookUp(event));
        assertEquals(List.of(joined("Boris")), WidgetFrames.project(event, "Boris"));
        // the assignee is offline, so nobody knows the name: still "joined", without a name, never the admin's
        assertEquals(List.of(joined(null)), WidgetFrames.project(event, null));
    }

    @Test
    void lookUpIsOnlyForTransfers() {
        assertNull(WidgetFrames.assigneeToLookUp(new ConversationClaimed(id(), 1, AT, CONVERSATION,
                new ConversationState("OPEN_ASSIGNED", ANNA_ID, "c"), ANNA)));
        assertNull(WidgetFrames.assigneeToLookUp(new ConversationClosed(id(), 1, AT, CONVERSATION,
                new ConversationState("CLOSED", ANNA_ID, "c"), ANNA, "operator")));
    }

    @Test
    void unassigningProducesNothing() {
        assertEquals(List.of(), project(new ConversationUnassigned(id(), 1, AT, CONVERSATION,
                new ConversationState("OPEN_UNCLAIMED", null, "c"), ANNA, ANNA_ID)));
    }

    // --- status ------------------------------------------------------------------------------------------------

    @Test
    void closeAndAutoCloseAreStatusClosed() {
        assertEquals(List.of(status("CLOSED")), project(new ConversationClosed(id(), 1, AT, CONVERSATION,
                new ConversationState("CLOSED", ANNA_ID, "c"), ANNA, "operator")));
        assertEquals(List.of(status("CLOSED")), project(new ConversationClosed(id(), 1, AT, CONVERSATION,
                new ConversationState("CLOSED", null, "c"), null, "auto_close")));
    }

    @Test
    void aBlockLooksClosedToTheCustomer() {
        List<WidgetFrame> frames = project(new ConversationBlocked(id(), 1, AT, CONVERSATION,
                new ConversationState("BLOCKED", ANNA_ID, "c"), ANNA));
        assertEquals(List.of(status("CLOSED")), frames);
    }

    @Test
    void aReopenIsTheOpenStatus() {
        assertEquals(List.of(status("OPEN_UNCLAIMED")), project(new ConversationReopened(id(), 1, AT, CONVERSATION,
                new ConversationState("OPEN_UNCLAIMED", null, "c"), null, "c")));
        assertEquals(List.of(status("OPEN_ASSIGNED")), project(new ConversationReopened(id(), 1, AT, CONVERSATION,
                new ConversationState("OPEN_ASSIGNED", ANNA_ID, "c"), ANNA, "c")));
    }

    @Test
    void unblockAndStatusFlipsProduceNothing() {
        assertEquals(List.of(), project(new ConversationUnblocked(id(), 1, AT, CONVERSATION,
                new ConversationState("CLOSED", null, "c"), ANNA)));
        assertEquals(List.of(), project(new ConversationStatusChanged(id(), 1, AT, CONVERSATION,
                new ConversationState("AWAITING_CUSTOMER", ANNA_ID, "c"), ANNA, "OPEN_ASSIGNED")));
    }

    @Test
    void customerStatusMapsBlockedToClosedOnly() {
        assertEquals("CLOSED", WidgetFrames.customerStatus("BLOCKED"));
        assertEquals("CLOSED", WidgetFrames.customerStatus("CLOSED"));
        assertEquals("AWAITING_CUSTOMER", WidgetFrames.customerStatus("AWAITING_CUSTOMER"));
    }

    // --- read --------------------------------------------------------------------------------------------------

    @Test
    void aReadIsReadWithItsTimeAndNoOperator() throws Exception {
        Instant readAt = AT.plusSeconds(5);
        List<WidgetFrame> frames = project(new ConversationRead(id(), 1, AT, CONVERSATION, readAt, ANNA));
        assertEquals(List.of(new WidgetFrame(WidgetFrame.READ, new WidgetFrame.Read(readAt))), frames);
        String text = JSON.writeValueAsString(frames.get(0));
        assertEquals("{\"type\":\"read\",\"payload\":{\"readAt\":\"2026-11-21T10:00:05.123456Z\"}}", text);
    }

    // --- operators only ----------------------------------------------------------------------------------------

    @Test
    void notesProduceNothing() {
        assertEquals(List.of(), project(new NoteAdded(id(), 1, AT, CONVERSATION,
                new NoteSnapshot(UUID.randomUUID(), ANNA_ID, "Anna", "customer seems angry", AT))));
    }

    @Test
    void tagsProduceNothing() {
        TagSummary vip = new TagSummary(UUID.randomUUID(), "vip", "#ff0000");
        assertEquals(List.of(), project(new ConversationTagged(id(), 1, AT, CONVERSATION, vip, ANNA)));
        assertEquals(List.of(), project(new ConversationUntagged(id(), 1, AT, CONVERSATION, vip, ANNA)));
    }

    @Test
    void openedCustomerUpdatedAndDeletedProduceNothing() {
        assertEquals(List.of(), project(new ConversationOpened(id(), 1, AT, CONVERSATION, "Blue Lion #84C2",
                "OPEN_UNCLAIMED", CUSTOMER, "WIDGET")));
        assertEquals(List.of(), project(new CustomerUpdated(id(), 1, AT, CONVERSATION,
                new CustomerSummary(CUSTOMER.id(), "Kim", null, "Kim"))));
        assertEquals(List.of(), project(new ConversationDeleted(id(), 1, AT, CONVERSATION, ConversationDeleted.BULK)));
    }

    /**
     * Every event type has a sample here and a decided projection: a new event type in conversation-api fails this
     * test until someone decides what the customer sees of it.
     */
    @Test
    void everyEventTypeIsCoveredAndNoFrameEverCarriesAnOperatorIdOrANote() throws Exception {
        Map<Class<?>, ConversationEvent> samples = samples();
        Set<Class<?>> permitted = new HashSet<>(Arrays.asList(ConversationEvent.class.getPermittedSubclasses()));
        assertEquals(permitted, samples.keySet());

        for (ConversationEvent event : samples.values()) {
            for (WidgetFrame frame : WidgetFrames.project(event, "Boris")) {
                String text = JSON.writeValueAsString(frame);
                assertFalse(text.contains(ANNA_ID.toString()), event.type() + ": " + text);
                assertFalse(text.contains(BORIS_ID.toString()), event.type() + ": " + text);
                assertFalse(text.contains(ADMIN.id().toString()), event.type() + ": " + text);
                assertFalse(text.contains("secret note"), event.type() + ": " + text);
                assertFalse(text.contains("vip"), event.type() + ": " + text);
                assertFalse(text.contains("Root Admin"), event.type() + ": " + text);
            }
        }
    }

    private static Map<Class<?>, ConversationEvent> samples() {
        ConversationState assigned = new ConversationState("OPEN_ASSIGNED", ANNA_ID, "c");
        MessageSnapshot inbound = new MessageSnapshot(UUID.randomUUID(), "INBOUND", "hi", "RECEIVED", AT, null, null,
                null, "cm_12345678");
        MessageSnapshot reply = new MessageSnapshot(UUID.randomUUID(), "OUTBOUND", "hello", "PENDING", AT, ANNA_ID,
                "Anna", null, null);
        MessageSnapshot bubble = new MessageSnapshot(UUID.randomUUID(), "OUTBOUND", "welcome", "RECORDED", AT, null,
                null, "welcome_message", null);
        TagSummary vip = new TagSummary(UUID.randomUUID(), "vip", "#ff0000");
        List<ConversationEvent> events = List.of(
                new ConversationOpened(id(), 1, AT, CONVERSATION, "c", "OPEN_UNCLAIMED", CUSTOMER, "WIDGET"),
                new MessageReceived(id(), 1, AT, CONVERSATION, CUSTOMER, inbound),
                new MessageQueued(id(), 1, AT, CONVERSATION, ANNA_ID, reply),
                new MessageSent(id(), 1, AT, CONVERSATION, reply.id(), "SENT"),
                new MessageFailed(id(), 1, AT, CONVERSATION, reply.id(), "FAILED", "nope"),
                new SystemMessagePosted(id(), 1, AT, CONVERSATION, "welcome_message", "customer", bubble, "welcome",
                        true, true, false),
                new ConversationClaimed(id(), 1, AT, CONVERSATION, assigned, ANNA),
                new ConversationAssigned(id(), 1, AT, CONVERSATION,
                        new ConversationState("OPEN_ASSIGNED", BORIS_ID, "c"), ADMIN, ANNA_ID),
                new ConversationUnassigned(id(), 1, AT, CONVERSATION,
                        new ConversationState("OPEN_UNCLAIMED", null, "c"), ADMIN, BORIS_ID),
                new ConversationClosed(id(), 1, AT, CONVERSATION, new ConversationState("CLOSED", ANNA_ID, "c"), ANNA,
                        "operator"),
                new ConversationReopened(id(), 1, AT, CONVERSATION, assigned, ANNA, "c"),
                new ConversationBlocked(id(), 1, AT, CONVERSATION, new ConversationState("BLOCKED", ANNA_ID, "c"), ANNA),
                new ConversationUnblocked(id(), 1, AT, CONVERSATION, new ConversationState("CLOSED", ANNA_ID, "c"),
                        ANNA),
                new ConversationStatusChanged(id(), 1, AT, CONVERSATION,
                        new ConversationState("AWAITING_CUSTOMER", ANNA_ID, "c"), ANNA, "OPEN_ASSIGNED"),
                new NoteAdded(id(), 1, AT, CONVERSATION,
                        new NoteSnapshot(UUID.randomUUID(), ANNA_ID, "Anna", "secret note", AT)),
                new ConversationTagged(id(), 1, AT, CONVERSATION, vip, ANNA),
                new ConversationUntagged(id(), 1, AT, CONVERSATION, vip, ANNA),
                new ConversationDeleted(id(), 1, AT, CONVERSATION, ConversationDeleted.ERASURE),
                new ConversationRead(id(), 1, AT, CONVERSATION, AT, ANNA),
                new CustomerUpdated(id(), 1, AT, CONVERSATION, CUSTOMER),
                new MessageEdited(id(), 1, AT, CONVERSATION, reply.id(), "hello!", "hello", AT, ANNA),
                new MessageDeleted(id(), 1, AT, CONVERSATION, reply.id(), ANNA),
                new MessageReactionsChanged(id(), 1, AT, CONVERSATION, reply.id(),
                        List.of(new MessageReaction("👍", 1, true))));
        Map<Class<?>, ConversationEvent> samples = new LinkedHashMap<>();
        events.forEach(e -> samples.put(e.getClass(), e));
        return samples;
    }

    // --- edits, deletions, reactions ---------------------------------------------------------------------------

    @Test
    void anOperatorsEditOrDeletionOfAReplyReachesTheWidgetWithIdAndTextOnly() throws Exception {
        UUID reply = UUID.randomUUID();
        List<WidgetFrame> edited = project(new MessageEdited(id(), 1, AT, CONVERSATION, reply, "Fixed typo", "Fxied",
                AT, ANNA));
        assertEquals(List.of(new WidgetFrame(WidgetFrame.MESSAGE_EDITED, new WidgetFrame.MessageEdited(reply,
                "Fixed typo"))), edited);
        JsonNode payload = JSON.readTree(JSON.writeValueAsString(edited.get(0))).get("payload");
        assertEquals(Set.of("messageId", "text"), fieldNames(payload));
        assertEquals("message.edited", JSON.readTree(JSON.writeValueAsString(edited.get(0))).get("type").asText());

        List<WidgetFrame> deleted = project(new MessageDeleted(id(), 1, AT, CONVERSATION, reply, ANNA));
        assertEquals(List.of(new WidgetFrame(WidgetFrame.MESSAGE_DELETED, new WidgetFrame.MessageDeleted(reply))),
                deleted);
        assertEquals(Set.of("messageId"),
                fieldNames(JSON.readTree(JSON.writeValueAsString(deleted.get(0))).get("payload")));
    }

    @Test
    void theCustomersOwnEditsAndAllReactionsStayWithOperators() {
        assertEquals(List.of(), project(new MessageEdited(id(), 1, AT, CONVERSATION, UUID.randomUUID(), "new", "old",
                AT, null)));
        assertEquals(List.of(), project(new MessageReactionsChanged(id(), 1, AT, CONVERSATION, UUID.randomUUID(),
                List.of(new MessageReaction("👍", 1, true)))));
    }

    private static List<WidgetFrame> project(ConversationEvent event) {
        assertNull(WidgetFrames.assigneeToLookUp(event), "only a transfer needs a name look-up");
        return WidgetFrames.project(event, null);
    }

    private static WidgetFrame joined(String name) {
        return new WidgetFrame(WidgetFrame.OPERATOR_JOINED, new WidgetFrame.OperatorJoined(name));
    }

    private static WidgetFrame status(String status) {
        return new WidgetFrame(WidgetFrame.STATUS, new WidgetFrame.Status(status));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static UUID id() {
        return UUID.randomUUID();
    }
}
