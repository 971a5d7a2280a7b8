package io.switchboard.conversation.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ConversationEventJsonTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void everyEventSurvivesARoundTripWithItsDottedType() throws Exception {
        UUID conversation = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-21T10:00:00.123456Z");
        CustomerSummary customer = new CustomerSummary(UUID.randomUUID(), "Ana Díaz", "ana", "Ana");
        MessageSnapshot message = new MessageSnapshot(UUID.randomUUID(), "INBOUND", "Hi <b>&amp; 👋 שלום", "RECEIVED", at, null, null, null, null);
        ActorSummary actor = new ActorSummary(UUID.randomUUID(), "Olga Operator");
        ConversationState assigned = new ConversationState("OPEN_ASSIGNED", actor.id(), "Blue Lion #84C2");
        ConversationState unclaimed = new ConversationState("OPEN_UNCLAIMED", null, "Blue Lion #84C2");
        ConversationState closed = new ConversationState("CLOSED", null, "Blue Lion #84C2");
        List<ConversationEvent> events = List.of(
                new ConversationOpened(UUID.randomUUID(), 1, at, conversation, "Blue Lion #84C2", "OPEN_UNCLAIMED", customer, "TELEGRAM"),
                new ConversationOpened(UUID.randomUUID(), 1, at, conversation, "Blue Lion #84C2", "OPEN_UNCLAIMED", customer, null),
                new MessageReceived(UUID.randomUUID(), 1, at, conversation, customer, message),
                new MessageQueued(UUID.randomUUID(), 1, at, conversation, UUID.randomUUID(), message),
                new MessageSent(UUID.randomUUID(), 1, at, conversation, message.id(), "SENT"),
                new MessageFailed(UUID.randomUUID(), 1, at, conversation, message.id(), "FAILED", "Forbidden: bot was blocked by the user"),
                new ConversationClaimed(UUID.randomUUID(), 1, at, conversation, assigned, actor),
                new ConversationAssigned(UUID.randomUUID(), 1, at, conversation, assigned, actor, UUID.randomUUID()),
                new ConversationUnassigned(UUID.randomUUID(), 1, at, conversation, unclaimed, actor, actor.id()),
                new ConversationClosed(UUID.randomUUID(), 1, at, conversation, closed, actor, "operator"),
                new ConversationClosed(UUID.randomUUID(), 1, at, conversation, closed, null, "auto_close"),
                new ConversationReopened(UUID.randomUUID(), 1, at, conversation, unclaimed, null, "Red Fox #0001"),
                new ConversationBlocked(UUID.randomUUID(), 1, at, conversation, new ConversationState("BLOCKED", null, "Blue Lion #84C2"), actor),
                new ConversationUnblocked(UUID.randomUUID(), 1, at, conversation, closed, actor),
                new ConversationStatusChanged(UUID.randomUUID(), 1, at, conversation,
                        new ConversationState("AWAITING_CUSTOMER", actor.id(), "Blue Lion #84C2"), actor, "OPEN_ASSIGNED"));

        TagSummary tag = new TagSummary(UUID.randomUUID(), "Billing", "#1a2b3c");
        List<ConversationEvent> toolEvents = List.of(
                new NoteAdded(UUID.randomUUID(), 1, at, conversation,
                        new NoteSnapshot(UUID.randomUUID(), actor.id(), actor.name(), "Called back — перезвонил 👍", at)),
                new ConversationTagged(UUID.randomUUID(), 1, at, conversation, tag, actor),
                new ConversationUntagged(UUID.randomUUID(), 1, at, conversation, tag, actor));
        events = java.util.stream.Stream.concat(events.stream(), toolEvents.stream()).toList();

        MessageSnapshot bubble = new MessageSnapshot(UUID.randomUUID(), "OUTBOUND", "Спасибо! We reply soon 👋", "PENDING", at,
                null, null, "welcome_message", null);
        List<ConversationEvent> systemMessages = List.of(
                new SystemMessagePosted(UUID.randomUUID(), 1, at, conversation, "welcome_message",
                        SystemMessagePosted.AUDIENCE_CUSTOMER, bubble, bubble.text(), true, true, false),
                new SystemMessagePosted(UUID.randomUUID(), 1, at, conversation, "unclaimed_reminder_15m_pin",
                        SystemMessagePosted.AUDIENCE_OPERATORS, null, "Unclaimed for 15 minutes", false, true, true));
        events = java.util.stream.Stream.concat(events.stream(), systemMessages.stream()).toList();

        List<ConversationEvent> deletions = java.util.stream.Stream.of(ConversationDeleted.BULK, ConversationDeleted.RETENTION,
                ConversationDeleted.ERASURE).map(reason -> (ConversationEvent) new ConversationDeleted(UUID.randomUUID(), 1, at,
                conversation, reason)).toList();
        events = java.util.stream.Stream.concat(events.stream(), deletions.stream()).toList();

        MessageSnapshot widgetMessage = new MessageSnapshot(UUID.randomUUID(), "INBOUND", "from the widget", "RECEIVED", at,
                null, null, null, "c-0123456789_ab");
        List<ConversationEvent> widgetEvents = List.of(
                new ConversationOpened(UUID.randomUUID(), 1, at, conversation, "Blue Lion #84C2", "OPEN_UNCLAIMED",
                        new CustomerSummary(UUID.randomUUID(), "Visitor 84C2", null, null), ConversationOpened.CHANNEL_WIDGET),
                new MessageReceived(UUID.randomUUID(), 1, at, conversation, customer, widgetMessage),
                new ConversationRead(UUID.randomUUID(), 1, at, conversation, at, actor),
                new CustomerUpdated(UUID.randomUUID(), 1, at, conversation, customer));
        events = java.util.stream.Stream.concat(events.stream(), widgetEvents.stream()).toList();

        for (ConversationEvent event : events) {
            String wire = json.writeValueAsString(event);
            JsonNode tree = json.readTree(wire);
            assertEquals(event.type(), tree.get("type").asText());
            assertEquals(conversation.toString(), tree.get("conversationId").asText());
            assertEquals("2026-11-21T10:00:00.123456Z", tree.get("occurredAt").asText());
            ConversationEvent back = json.readValue(wire, ConversationEvent.class);
            assertEquals(event, back);
        }
    }

    @Test
    void typesAreDottedAndDistinct() {
        assertEquals("conversation.opened", ConversationOpened.TYPE);
        assertEquals("message.received", MessageReceived.TYPE);
        assertEquals(5, java.util.Set.of(ConversationOpened.TYPE, MessageReceived.TYPE, MessageQueued.TYPE,
                MessageSent.TYPE, MessageFailed.TYPE).size());
        assertEquals("conversation.status_changed", ConversationStatusChanged.TYPE);
        assertEquals(8, java.util.Set.of(ConversationClaimed.TYPE, ConversationAssigned.TYPE, ConversationUnassigned.TYPE,
                ConversationClosed.TYPE, ConversationReopened.TYPE, ConversationBlocked.TYPE, ConversationUnblocked.TYPE,
                ConversationStatusChanged.TYPE).size());
    }

    @Test
    void lifecycleEventsCarryTheStateAndANullActorForSystemChanges() throws Exception {
        UUID conversation = UUID.randomUUID();
        String wire = json.writeValueAsString(new ConversationClosed(UUID.randomUUID(), 1, Instant.parse("2026-11-21T10:00:00Z"),
                conversation, new ConversationState("CLOSED", null, "Blue Lion #84C2"), null, "auto_close"));
        JsonNode tree = json.readTree(wire);
        assertEquals("conversation.closed", tree.get("type").asText());
        assertEquals("CLOSED", tree.at("/state/status").asText());
        assertEquals("Blue Lion #84C2", tree.at("/state/codename").asText());
        assertEquals("auto_close", tree.get("reason").asText());
        assertEquals(true, tree.get("actor").isNull());
    }

    @Test
    void conversationDeletedCarriesOnlyTheReason() throws Exception {
        assertEquals("conversation.deleted", ConversationDeleted.TYPE);
        UUID conversation = UUID.randomUUID();
        String wire = json.writeValueAsString(new ConversationDeleted(UUID.randomUUID(), 0, Instant.parse("2026-11-21T10:00:00Z"),
                conversation, ConversationDeleted.RETENTION));
        JsonNode tree = json.readTree(wire);
        assertEquals("conversation.deleted", tree.get("type").asText());
        assertEquals(1, tree.get("version").asInt());
        assertEquals("retention", tree.get("reason").asText());
        java.util.Set<String> fields = new java.util.HashSet<>();
        tree.fieldNames().forEachRemaining(fields::add);
        assertEquals(java.util.Set.of("type", "eventId", "version", "occurredAt", "conversationId", "reason"), fields);
        assertInstanceOf(ConversationDeleted.class, json.readValue(wire, ConversationEvent.class));
    }

    @Test
    void widgetAdditionsHaveTheirWireShapes() throws Exception {
        assertEquals("conversation.read", ConversationRead.TYPE);
        assertEquals("customer.updated", CustomerUpdated.TYPE);
        UUID conversation = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-21T10:00:00Z");
        ActorSummary actor = new ActorSummary(UUID.randomUUID(), "Anna");
        JsonNode read = json.readTree(json.writeValueAsString(new ConversationRead(UUID.randomUUID(), 0, at, conversation,
                Instant.parse("2026-11-21T10:00:01.5Z"), actor)));
        assertEquals("conversation.read", read.get("type").asText());
        assertEquals(1, read.get("version").asInt());
        assertEquals("2026-11-21T10:00:01.500Z", read.get("readAt").asText());
        assertEquals("Anna", read.at("/actor/name").asText());
        assertEquals(actor.id().toString(), read.at("/actor/id").asText());

        JsonNode updated = json.readTree(json.writeValueAsString(new CustomerUpdated(UUID.randomUUID(), 0, at, conversation,
                new CustomerSummary(UUID.randomUUID(), "Kate", null, "Kate"))));
        assertEquals("customer.updated", updated.get("type").asText());
        assertEquals("Kate", updated.at("/customer/nickname").asText());
        assertEquals("Kate", updated.at("/customer/displayName").asText());

        JsonNode received = json.readTree(json.writeValueAsString(new MessageReceived(UUID.randomUUID(), 1, at, conversation,
                new CustomerSummary(UUID.randomUUID(), "Kate", null, "Kate"),
                new MessageSnapshot(UUID.randomUUID(), "INBOUND", "hi", "RECEIVED", at, null, null, null, "abcdefgh"))));
        assertEquals("abcdefgh", received.at("/message/clientMessageId").asText());

        JsonNode opened = json.readTree(json.writeValueAsString(new ConversationOpened(UUID.randomUUID(), 1, at, conversation,
                "Blue Lion #84C2", "OPEN_UNCLAIMED", new CustomerSummary(UUID.randomUUID(), "Visitor 84C2", null, null), "WIDGET")));
        assertEquals("WIDGET", opened.get("channel").asText());

        // an event from a producer older than the widget: no channel, no clientMessageId
        String old = """
                {"type":"message.received","eventId":"%s","version":1,"occurredAt":"2026-11-21T10:00:00Z",
                 "conversationId":"%s","customer":{"id":"%s","displayName":"Ana"},
                 "message":{"id":"%s","direction":"INBOUND","text":"hi","status":"RECEIVED","createdAt":"2026-11-21T10:00:00Z"}}
                """.formatted(UUID.randomUUID(), conversation, UUID.randomUUID(), UUID.randomUUID());
        MessageReceived back = (MessageReceived) json.readValue(old, ConversationEvent.class);
        assertEquals(null, back.message().clientMessageId());
    }

    @Test
    void telegramAdditionsSurviveARoundTripWithTheirWireShapes() throws Exception {
        assertEquals("message.edited", MessageEdited.TYPE);
        assertEquals("message.deleted", MessageDeleted.TYPE);
        assertEquals("message.reactions_changed", MessageReactionsChanged.TYPE);
        UUID conversation = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-21T10:00:00.123456Z");
        ActorSummary actor = new ActorSummary(UUID.randomUUID(), "Olga");
        MessageAttachment photo = new MessageAttachment(UUID.randomUUID(), MessageAttachment.PHOTO, null, "image/jpeg",
                162061L, 1280, 1280, null, null, null, null, null, null);
        MessageAttachment location = new MessageAttachment(UUID.randomUUID(), MessageAttachment.LOCATION, null, null,
                null, null, null, null, null, 37.151873, -111.207452, null, null);
        MessageReaction reaction = new MessageReaction("🌭", 1, true);
        MessageSnapshot message = new MessageSnapshot(UUID.randomUUID(), "INBOUND", "www.example.com", "RECEIVED", at,
                null, null, null, null, List.of(photo, location), UUID.randomUUID(), "text @UserName", at,
                List.of(reaction), null, MessageSnapshot.SOURCE_TELEGRAM);
        Instant blocked = Instant.parse("2026-11-21T10:05:00Z");
        CustomerSummary blockedCustomer = new CustomerSummary(UUID.randomUUID(), "Ana", "ana", null, blocked);
        List<ConversationEvent> events = List.of(
                new MessageReceived(UUID.randomUUID(), 1, at, conversation, blockedCustomer, message),
                new MessageEdited(UUID.randomUUID(), 1, at, conversation, message.id(), "new", "old", at, null),
                new MessageEdited(UUID.randomUUID(), 1, at, conversation, message.id(), "new", "old", at, actor),
                new MessageDeleted(UUID.randomUUID(), 1, at, conversation, message.id(), actor),
                new MessageReactionsChanged(UUID.randomUUID(), 1, at, conversation, message.id(), List.of(reaction)),
                new MessageReactionsChanged(UUID.randomUUID(), 1, at, conversation, message.id(), List.of()),
                new MessageFailed(UUID.randomUUID(), 1, at, conversation, message.id(), "FAILED",
                        "Forbidden: bot was blocked by the user", "BLOCKED_BY_USER"),
                new CustomerUpdated(UUID.randomUUID(), 1, at, conversation, blockedCustomer, blocked),
                new CustomerUpdated(UUID.randomUUID(), 1, at, conversation, blockedCustomer, null, "TELEGRAM"));
        for (ConversationEvent event : events) {
            String wire = json.writeValueAsString(event);
            assertEquals(event.type(), json.readTree(wire).get("type").asText());
            assertEquals(event, json.readValue(wire, ConversationEvent.class));
        }

        JsonNode received = json.readTree(json.writeValueAsString(events.get(0)));
        assertEquals("PHOTO", received.at("/message/attachments/0/kind").asText());
        assertEquals(1280, received.at("/message/attachments/0/width").asInt());
        assertEquals(-111.207452, received.at("/message/attachments/1/longitude").asDouble());
        assertEquals("🌭", received.at("/message/reactions/0/emoji").asText());
        assertEquals(true, received.at("/message/reactions/0/byCustomer").asBoolean());
        assertEquals("TELEGRAM", received.at("/message/source").asText());
        assertEquals("text @UserName", received.at("/message/replyToText").asText());
        assertEquals("2026-11-21T10:05:00Z", received.at("/customer/botBlockedAt").asText());
        JsonNode edited = json.readTree(json.writeValueAsString(events.get(1)));
        assertEquals("old", edited.get("previousText").asText());
        assertEquals(true, edited.get("actor").isNull());
        assertEquals("BLOCKED_BY_USER", json.readTree(json.writeValueAsString(events.get(6))).get("failureKind").asText());
        assertEquals("2026-11-21T10:05:00Z", json.readTree(json.writeValueAsString(events.get(7))).get("botBlockedAt").asText());
        assertEquals("TELEGRAM", json.readTree(json.writeValueAsString(events.get(8))).get("channel").asText());
        assertEquals(null, ((CustomerUpdated) events.get(7)).channel(), "no change of channel");

        // the old constructors still exist and leave the new fields null
        MessageSnapshot old = new MessageSnapshot(UUID.randomUUID(), "OUTBOUND", "hi", "SENT", at, null, null, null, null);
        assertEquals(null, old.attachments());
        assertEquals(null, old.source());
        assertEquals(null, new MessageFailed(UUID.randomUUID(), 1, at, conversation, old.id(), "FAILED", "x").failureKind());
        assertEquals(null, new CustomerUpdated(UUID.randomUUID(), 1, at, conversation,
                new CustomerSummary(UUID.randomUUID(), "Kate", null, "Kate")).botBlockedAt());

        // an older producer's message.failed and customer.updated still read
        String oldFailed = """
                {"type":"message.failed","eventId":"%s","version":1,"occurredAt":"2026-11-21T10:00:00Z",
                 "conversationId":"%s","messageId":"%s","status":"FAILED","reason":"nope"}
                """.formatted(UUID.randomUUID(), conversation, UUID.randomUUID());
        assertEquals(null, ((MessageFailed) json.readValue(oldFailed, ConversationEvent.class)).failureKind());
    }

    @Test
    void unknownPropertiesFromANewerProducerAreIgnored() throws Exception {
        String wire = """
                {"type":"message.sent","eventId":"%s","version":1,"occurredAt":"2026-11-21T10:00:00Z",
                 "conversationId":"%s","messageId":"%s","status":"SENT","addedLater":42}
                """.formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        assertInstanceOf(MessageSent.class, json.readValue(wire, ConversationEvent.class));
    }

    @Test
    void toolEventsCarryTheNoteOrTheTagAndTheActor() throws Exception {
        assertEquals(3, java.util.Set.of(NoteAdded.TYPE, ConversationTagged.TYPE, ConversationUntagged.TYPE).size());
        assertEquals("note.added", NoteAdded.TYPE);
        assertEquals("conversation.tagged", ConversationTagged.TYPE);
        assertEquals("conversation.untagged", ConversationUntagged.TYPE);
        UUID conversation = UUID.randomUUID();
        UUID operator = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-21T10:00:00Z");
        JsonNode note = json.readTree(json.writeValueAsString(new NoteAdded(UUID.randomUUID(), 0, at, conversation,
                new NoteSnapshot(UUID.randomUUID(), operator, "Olga", "internal only", at))));
        assertEquals(1, note.get("version").asInt());
        assertEquals(operator.toString(), note.at("/note/operatorId").asText());
        assertEquals("Olga", note.at("/note/operatorName").asText());
        assertEquals("internal only", note.at("/note/text").asText());
        JsonNode tagged = json.readTree(json.writeValueAsString(new ConversationTagged(UUID.randomUUID(), 1, at, conversation,
                new TagSummary(UUID.randomUUID(), "VIP", "#ff0000"), new ActorSummary(operator, "Olga"))));
        assertEquals("VIP", tagged.at("/tag/name").asText());
        assertEquals("#ff0000", tagged.at("/tag/color").asText());
        assertEquals("Olga", tagged.at("/actor/name").asText());
    }

    @Test
    void systemMessagePostedCarriesKeyAudienceFlagsAndANullableBubble() throws Exception {
        assertEquals("system_message.posted", SystemMessagePosted.TYPE);
        UUID conversation = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-21T10:00:00Z");
        JsonNode tree = json.readTree(json.writeValueAsString(new SystemMessagePosted(UUID.randomUUID(), 0, at, conversation,
                "unclaimed_reminder_15m_pin", SystemMessagePosted.AUDIENCE_OPERATORS, null, "Still unclaimed", false, true, true)));
        assertEquals("system_message.posted", tree.get("type").asText());
        assertEquals(1, tree.get("version").asInt());
        assertEquals("unclaimed_reminder_15m_pin", tree.get("key").asText());
        assertEquals("operators", tree.get("audience").asText());
        assertEquals(true, tree.get("message").isNull());
        assertEquals("Still unclaimed", tree.get("text").asText());
        assertEquals(false, tree.get("widgetBanner").asBoolean());
        assertEquals(true, tree.get("telegram").asBoolean());
        assertEquals(true, tree.get("pin").asBoolean());
    }
}
