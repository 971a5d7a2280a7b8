package io.switchboard.notification.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.CloseReason;
import io.switchboard.conversation.api.ActorSummary;
import io.switchboard.conversation.api.ConversationAssigned;
import io.switchboard.conversation.api.ConversationClaimed;
import io.switchboard.conversation.api.ConversationClosed;
import io.switchboard.conversation.api.ConversationEvent;
import io.switchboard.conversation.api.ConversationOpened;
import io.switchboard.conversation.api.ConversationRead;
import io.switchboard.conversation.api.ConversationReopened;
import io.switchboard.conversation.api.ConversationState;
import io.switchboard.conversation.api.ConversationTagged;
import io.switchboard.conversation.api.CustomerSummary;
import io.switchboard.conversation.api.MessageQueued;
import io.switchboard.conversation.api.MessageReceived;
import io.switchboard.conversation.api.MessageSent;
import io.switchboard.conversation.api.MessageSnapshot;
import io.switchboard.conversation.api.NoteAdded;
import io.switchboard.conversation.api.NoteSnapshot;
import io.switchboard.conversation.api.SystemMessagePosted;
import io.switchboard.conversation.api.TagSummary;
import io.switchboard.notification.ConversationEventsTopic;
import io.switchboard.notification.OperatorClient;
import io.switchboard.notification.OtherReplica;
import io.switchboard.notification.Tokens;
import io.switchboard.notification.config.NotificationConfig;
import io.switchboard.notification.service.EphemeralSignals;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.TestJwt;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /ws/widget} against the real Kafka broker, the Redis on 127.0.0.1 and real RS256 tokens: what a customer's
 * socket receives, who may open it, and typing/read both ways, including through Redis from and to other replicas.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class WidgetSocketTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final UUID ANNA_ID = UUID.randomUUID();
    private static final ActorSummary ANNA = new ActorSummary(ANNA_ID, "Anna");
    private static final CustomerSummary CUSTOMER = new CustomerSummary(UUID.randomUUID(), "Visitor 84C2", null, null);

    @TestHTTPResource("/")
    URI baseUri;

    @Inject
    ObjectMapper mapper;

    @Inject
    Vertx vertx;

    @Inject
    NotificationConfig config;

    @Inject
    EphemeralSignals signals;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        closeables.clear();
    }

    // --- events → widget frames -------------------------------------------------------------------------------

    @Test
    void aCustomerSocketGetsItsConversationsReplyButNeverAnotherConversationsNorANote() {
        UUID mine = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        OperatorClient widget = widget(mine);
        OperatorClient otherWidget = widget(other);
        liveConsumer();

        publish(new NoteAdded(id(), 1, now(), mine,
                new NoteSnapshot(UUID.randomUUID(), ANNA_ID, "Anna", "secret note: refund abuser", now())));
        publish(new ConversationTagged(id(), 1, now(), mine, new TagSummary(UUID.randomUUID(), "vip-tag", "#ff0000"),
                ANNA));
        publish(new SystemMessagePosted(id(), 1, now(), mine, "unclaimed_reminder_5m", "operators",
                bubble("Unclaimed for 5 minutes", "unclaimed_reminder_5m", null), "Unclaimed for 5 minutes", false,
                true, false));
        publish(reply(other, "reply for the other conversation"));
        MessageQueued reply = reply(mine, "How can I help?");
        publish(reply);
        publish(reply); // an at-least-once redelivery
        publish(new ConversationClosed(id(), 1, now(), mine, new ConversationState("CLOSED", ANNA_ID, "c"), ANNA,
                "operator"));

        List<String> texts = textsUntil(widget, f -> "conversation.status".equals(f.path("type").asText()));
        List<JsonNode> frames = texts.stream().map(this::json).toList();
        assertEquals(List.of("message", "conversation.status"), frames.stream().map(f -> f.get("type").asText()).toList());
        JsonNode message = frames.get(0).get("payload");
        assertEquals(reply.message().id().toString(), message.get("id").asText());
        assertEquals("How can I help?", message.get("text").asText());
        assertEquals("OUTBOUND", message.get("direction").asText());
        assertEquals("operator", message.get("kind").asText());
        assertEquals("Anna", message.get("authorName").asText());
        assertTrue(message.get("clientMessageId").isNull());
        assertEquals(reply.message().createdAt(), Instant.parse(message.get("createdAt").asText()));
        assertEquals("CLOSED", frames.get(1).at("/payload/status").asText());
        for (String text : texts) {
            assertFalse(text.contains(ANNA_ID.toString()), text);
            assertFalse(text.contains("secret note"), text);
            assertFalse(text.contains("vip-tag"), text);
            assertFalse(text.contains("Unclaimed"), text);
            assertFalse(text.contains("other conversation"), text);
        }

        JsonNode otherFrame = otherWidget.awaitFrame(f -> true, WAIT);
        assertEquals("reply for the other conversation", otherFrame.at("/payload/text").asText());
        assertEquals(List.of(), otherWidget.textsWithin(Duration.ofMillis(300)));
    }

    @Test
    void aWidgetConversationFromTheCustomersFirstMessageToItsReopening() {
        UUID conversation = UUID.randomUUID();
        OperatorClient widget = widget(conversation);
        OperatorClient secondTab = widget(conversation);
        liveConsumer();

        MessageReceived mine = new MessageReceived(id(), 1, now(), conversation, CUSTOMER, new MessageSnapshot(
                UUID.randomUUID(), "INBOUND", "My order is late", "RECEIVED", now(), null, null, null, "cm-0001-abcd"));
        Instant readAt = now();
        List<ConversationEvent> events = List.of(
                new ConversationOpened(id(), 1, now(), conversation, "Blue Lion #84C2", "OPEN_UNCLAIMED", CUSTOMER,
                        "WIDGET"),
                mine,
                new SystemMessagePosted(id(), 1, now(), conversation, "welcome_message", "customer",
                        bubble("Welcome!", "welcome_message", null), "Welcome!", true, false, false),
                new ConversationClaimed(id(), 1, now(), conversation,
                        new ConversationState("OPEN_ASSIGNED", ANNA_ID, "Blue Lion #84C2"), ANNA),
                reply(conversation, "Let me check"),
                new MessageSent(id(), 1, now(), conversation, UUID.randomUUID(), "SENT"),
                new ConversationRead(id(), 1, now(), conversation, readAt, ANNA),
                new ConversationClosed(id(), 1, now(), conversation, new ConversationState("CLOSED", null, "c"), null,
                        "auto_close"),
                new ConversationReopened(id(), 1, now(), conversation,
                        new ConversationState("OPEN_UNCLAIMED", null, "c"), null, "c"));
        events.forEach(this::publish);

        for (OperatorClient tab : List.of(widget, secondTab)) {
            List<JsonNode> frames = textsUntil(tab, f -> "OPEN_UNCLAIMED".equals(f.at("/payload/status").asText()))
                    .stream().map(this::json).toList();
            assertEquals(List.of("message", "message", "banner", "operator.joined", "message", "read",
                    "conversation.status", "conversation.status"), frames.stream().map(f -> f.get("type").asText()).toList());
            assertEquals("cm-0001-abcd", frames.get(0).at("/payload/clientMessageId").asText());
            assertEquals("customer", frames.get(0).at("/payload/kind").asText());
            assertEquals("INBOUND", frames.get(0).at("/payload/direction").asText());
            assertEquals("system", frames.get(1).at("/payload/kind").asText());
            assertEquals("welcome_message", frames.get(1).at("/payload/systemKey").asText());
            assertEquals("welcome_message", frames.get(2).at("/payload/key").asText());
            assertEquals("Welcome!", frames.get(2).at("/payload/text").asText());
            assertEquals("Anna", frames.get(3).at("/payload/name").asText());
            assertEquals("Let me check", frames.get(4).at("/payload/text").asText());
            assertEquals(readAt, Instant.parse(frames.get(5).at("/payload/readAt").asText()));
            assertEquals("CLOSED", frames.get(6).at("/payload/status").asText());
        }
    }

    @Test
    void aTransferByAnAdminNamesTheOperatorItWentToFromPresence() {
        UUID conversation = UUID.randomUUID();
        OperatorClient widget = widget(conversation);
        liveConsumer();
        UUID borisId = UUID.randomUUID();
        operator(Tokens.operator(borisId, "boris", "Boris Bauer")); // online: presence knows the display name
        String reader = TestJwt.operator(UUID.randomUUID(), "reader");
        await().atMost(WAIT).until(() -> given().auth().oauth2(reader).get("/api/presence").then().statusCode(200)
                .extract().jsonPath().getList("displayName").contains("Boris Bauer"));

        publish(new ConversationAssigned(id(), 1, now(), conversation,
                new ConversationState("OPEN_ASSIGNED", borisId, "c"), new ActorSummary(UUID.randomUUID(), "Root"), null));

        JsonNode joined = widget.awaitFrame(f -> true, WAIT);
        assertEquals("operator.joined", joined.get("type").asText());
        assertEquals("Boris Bauer", joined.at("/payload/name").asText());
    }

    // --- who may open it ---------------------------------------------------------------------------------------

    @Test
    void anOperatorTokenIsRefusedOnTheWidgetSocket() {
        String token = Tokens.operatorWithConversation(UUID.randomUUID(), "anna", UUID.randomUUID());
        assertEquals(403, refusedStatus("/ws/widget", token));
        assertEquals(403, refusedStatus("/ws/widget", TestJwt.admin(UUID.randomUUID(), "root")));
    }

    @Test
    void aCustomerTokenIsRefusedOnTheOperatorSocket() {
        assertEquals(403, refusedStatus("/ws/operator", Tokens.customer(UUID.randomUUID(), UUID.randomUUID())));
    }

    @Test
    void noTokenOrAForgedOneIsRefusedWith401() {
        assertEquals(401, refusedStatus("/ws/widget", null));
        assertEquals(401, refusedStatus("/ws/widget", Tokens.signedByAnotherKey(UUID.randomUUID(), "mallory")));
    }

    @Test
    void aCustomerTokenWithoutAConversationIsClosedWithPolicyViolation() throws Exception {
        for (String claim : new String[] {null, "not-a-uuid", "1-1-1-1-1"}) {
            OperatorClient client = OperatorClient.connect(baseUri, "/ws/widget",
                    Tokens.customerWithClaim(UUID.randomUUID(), claim, Duration.ofMinutes(5)));
            closeables.add(client);
            CloseReason reason = client.closed().get(10, TimeUnit.SECONDS);
            assertEquals(1008, reason.getCode(), "claim " + claim);
        }
    }

    @Test
    void theWidgetSocketClosesWith1008WhenTheCustomerTokenExpires() throws Exception {
        OperatorClient client = OperatorClient.connect(baseUri, "/ws/widget",
                Tokens.customerWithClaim(UUID.randomUUID(), UUID.randomUUID().toString(), Duration.ofSeconds(2)));
        closeables.add(client);
        assertTrue(client.connection().isOpen());
        assertEquals(1008, client.closed().get(10, TimeUnit.SECONDS).getCode());
    }

    @Test
    void aConversationThatContinuesInTelegramClosesItsWidgetAndGetsNoMoreFrames() throws Exception {
        UUID conversation = UUID.randomUUID();
        OperatorClient widget = widget(conversation);
        liveConsumer();
        publish(new io.switchboard.conversation.api.CustomerUpdated(id(), 1, now(), conversation,
                new io.switchboard.conversation.api.CustomerSummary(UUID.randomUUID(), "Kate", null, "Kate"), null,
                "TELEGRAM"));
        assertEquals(1000, widget.closed().get(10, TimeUnit.SECONDS).getCode());

        // a new socket of that conversation is refused, and what the Telegram chat says never reaches a widget
        OperatorClient again = OperatorClient.connect(baseUri, "/ws/widget", Tokens.customer(UUID.randomUUID(), conversation));
        closeables.add(again);
        assertEquals(1008, again.closed().get(10, TimeUnit.SECONDS).getCode());
        publish(reply(conversation, "for the Telegram chat only"));
        assertEquals(List.of(), again.textsWithin(Duration.ofMillis(300)));
    }

    // --- typing and read -----------------------------------------------------------------------------------------

    @Test
    void customerTypingAndReadReachOperatorsHereAndArePublishedForTheOtherReplicas() {
        OtherReplica replica = otherReplica();
        UUID conversation = UUID.randomUUID();
        OperatorClient widget = widget(conversation);
        OperatorClient operator = operator(TestJwt.operator(UUID.randomUUID(), "olga"));

        widget.send("{\"type\":\"typing\",\"active\":true}");
        JsonNode typing = operator.awaitFrame(about(conversation, "customer.typing"), WAIT);
        assertEquals(true, typing.at("/payload/active").asBoolean());
        JsonNode published = replica.awaitMessage(m -> conversation.toString().equals(m.path("conversationId").asText()),
                WAIT);
        assertEquals("customer.typing", published.get("kind").asText());
        assertEquals(signals.origin(), published.get("origin").asText());
        assertTrue(published.get("active").asBoolean());

        Instant before = Instant.now();
        widget.send("{\"type\":\"read\"}");
        JsonNode read = operator.awaitFrame(about(conversation, "customer.read"), WAIT);
        Instant readAt = Instant.parse(read.at("/payload/readAt").asText());
        assertFalse(readAt.isBefore(before.minusSeconds(1)), readAt.toString());
        JsonNode publishedRead = replica.awaitMessage(m -> "customer.read".equals(m.path("kind").asText())
                && conversation.toString().equals(m.path("conversationId").asText()), WAIT);
        assertEquals(readAt, Instant.parse(publishedRead.get("at").asText()));
    }

    @Test
    void operatorTypingReachesOnlyThatConversationsWidgetWithTheOperatorsName() {
        OtherReplica replica = otherReplica();
        UUID conversation = UUID.randomUUID();
        OperatorClient widget = widget(conversation);
        OperatorClient otherWidget = widget(UUID.randomUUID());
        OperatorClient operator = operator(Tokens.operator(UUID.randomUUID(), "anna", "Anna Smith"));

        operator.send("{\"type\":\"typing\",\"conversationId\":\"" + conversation + "\",\"active\":true}");

        JsonNode typing = widget.awaitFrame(f -> true, WAIT);
        assertEquals(json("{\"type\":\"typing\",\"payload\":{\"name\":\"Anna Smith\",\"active\":true}}"), typing);
        JsonNode published = replica.awaitMessage(m -> conversation.toString().equals(m.path("conversationId").asText()),
                WAIT);
        assertEquals("operator.typing", published.get("kind").asText());
        assertEquals("Anna Smith", published.get("name").asText());
        assertEquals(List.of(), otherWidget.textsWithin(Duration.ofMillis(300)));
    }

    @Test
    void signalsAnotherReplicaPublishesReachThisReplicasSockets() {
        OtherReplica replica = otherReplica();
        UUID conversation = UUID.randomUUID();
        OperatorClient widget = widget(conversation);
        OperatorClient operator = operator(TestJwt.operator(UUID.randomUUID(), "petra"));

        replica.publish("not json");
        replica.publish("{\"kind\":\"operator.typing\",\"origin\":\"" + signals.origin() + "\",\"conversationId\":\""
                + conversation + "\",\"active\":true,\"name\":\"Echo\"}"); // this replica's own: delivered already
        replica.publish("{\"kind\":\"operator.typing\",\"origin\":\"replica-b\",\"conversationId\":\"" + conversation
                + "\",\"active\":true}"); // incomplete: no name
        replica.publish("{\"kind\":\"operator.typing\",\"origin\":\"replica-b\",\"conversationId\":\"" + conversation
                + "\",\"active\":true,\"name\":\"Olga\",\"at\":\"2026-11-21T10:00:00Z\"}");
        List<JsonNode> frames = textsUntil(widget, f -> true).stream().map(this::json).toList();
        assertEquals(List.of(json("{\"type\":\"typing\",\"payload\":{\"name\":\"Olga\",\"active\":true}}")), frames);

        replica.publish("{\"kind\":\"customer.typing\",\"origin\":\"replica-b\",\"conversationId\":\"" + conversation
                + "\",\"active\":true,\"at\":\"2026-11-21T10:00:00Z\"}");
        JsonNode typing = operator.awaitFrame(about(conversation, "customer.typing"), WAIT);
        assertEquals(json("{\"active\":true}"), typing.get("payload"));

        replica.publish("{\"kind\":\"customer.read\",\"origin\":\"replica-b\",\"conversationId\":\"" + conversation
                + "\",\"at\":\"2026-11-21T10:00:01Z\"}");
        JsonNode read = operator.awaitFrame(about(conversation, "customer.read"), WAIT);
        assertEquals(json("{\"readAt\":\"2026-11-21T10:00:01Z\"}"), read.get("payload"));
    }

    @Test
    void typingIsPublishedAtMostOncePerSecondAndTheStopIsNeverLost() {
        OtherReplica replica = otherReplica();
        UUID conversation = UUID.randomUUID();
        OperatorClient widget = widget(conversation);
        OperatorClient operator = operator(TestJwt.operator(UUID.randomUUID(), "quinn"));

        for (int i = 0; i < 5; i++) {
            widget.send("{\"type\":\"typing\",\"active\":true}");
        }
        widget.send("{\"type\":\"typing\",\"active\":false}");

        JsonNode start = operator.awaitFrame(about(conversation, "customer.typing"), WAIT);
        long startedAt = System.nanoTime();
        JsonNode stop = operator.awaitFrame(about(conversation, "customer.typing"), WAIT);
        long stopAfterMillis = (System.nanoTime() - startedAt) / 1_000_000;
        assertTrue(start.at("/payload/active").asBoolean());
        assertFalse(stop.at("/payload/active").asBoolean());
        assertTrue(stopAfterMillis >= 800, "the stop came " + stopAfterMillis + " ms after the start");
        assertEquals(List.of(), operator.framesWithin(Duration.ofMillis(1500)).stream()
                .filter(about(conversation, "customer.typing")).toList());

        List<Boolean> published = replica.messagesWithin(Duration.ofMillis(300)).stream()
                .filter(m -> conversation.toString().equals(m.path("conversationId").asText()))
                .map(m -> m.get("active").asBoolean()).toList();
        assertEquals(List.of(true, false), published);
    }

    @Test
    void aCustomerWhoClosesTheWidgetWhileTypingStopsTyping() {
        UUID conversation = UUID.randomUUID();
        OperatorClient widget = widget(conversation);
        OperatorClient operator = operator(TestJwt.operator(UUID.randomUUID(), "rita"));

        widget.send("{\"type\":\"typing\",\"active\":true}");
        assertTrue(operator.awaitFrame(about(conversation, "customer.typing"), WAIT).at("/payload/active").asBoolean());
        widget.close();

        assertFalse(operator.awaitFrame(about(conversation, "customer.typing"), WAIT).at("/payload/active").asBoolean());
    }

    @Test
    void malformedFramesAreIgnoredAndNeverCloseEitherSocket() {
        UUID conversation = UUID.randomUUID();
        OperatorClient widget = widget(conversation);
        OperatorClient operator = operator(TestJwt.operator(UUID.randomUUID(), "sam"));

        for (String frame : List.of("not json", "[1,2,3]", "42", "{}", "{\"type\":\"typing\"}",
                "{\"type\":\"typing\",\"active\":\"yes\"}", "{\"type\":\"message\",\"text\":\"hi\"}",
                "{\"type\":null}")) {
            widget.send(frame);
        }
        widget.send("{\"type\":\"ping\"}");
        assertEquals(json("{\"type\":\"pong\"}"), widget.awaitFrame(f -> true, WAIT));

        for (String frame : List.of("{\"type\":\"typing\",\"active\":true}",
                "{\"type\":\"typing\",\"conversationId\":\"nope\",\"active\":true}",
                "{\"type\":\"typing\",\"conversationId\":\"" + conversation + "\",\"active\":1}",
                "{\"type\":\"typing\",\"conversationId\":\"" + conversation + "\"}")) {
            operator.send(frame);
        }
        operator.send("{\"type\":\"ping\"}");
        assertEquals("pong", operator.awaitFrame(f -> "pong".equals(f.path("type").asText()), WAIT)
                .get("type").asText());

        assertTrue(widget.connection().isOpen());
        assertTrue(operator.connection().isOpen());
        assertEquals(List.of(), widget.textsWithin(Duration.ofMillis(300)));
        assertEquals(List.of(), operator.framesWithin(Duration.ofMillis(300)).stream()
                .filter(f -> f.path("type").asText().startsWith("customer.")).toList());
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private OperatorClient widget(UUID conversation) {
        OperatorClient client = OperatorClient.connect(baseUri, "/ws/widget",
                Tokens.customer(UUID.randomUUID(), conversation));
        closeables.add(client);
        assertEquals(OperatorClient.CARRIER, client.connection().subprotocol());
        return client;
    }

    private OperatorClient operator(String token) {
        OperatorClient client = OperatorClient.connect(baseUri, token);
        closeables.add(client);
        return client;
    }

    private OtherReplica otherReplica() {
        OtherReplica replica = OtherReplica.join(vertx, config.ephemeral().channel());
        closeables.add(replica);
        replica.awaitSubscribers(2); // this service's subscription and ours
        return replica;
    }

    /** Waits until the service's Kafka consumer reads new records (its group starts at the end of the topic). */
    private void liveConsumer() {
        OperatorClient probe = operator(TestJwt.operator(UUID.randomUUID(), "probe"));
        ConversationEventsTopic.awaitConsumerLive(mapper, probe);
    }

    /** Frames of {@code client} up to and including the first matching {@code last}, as raw text. */
    private List<String> textsUntil(OperatorClient client, Predicate<JsonNode> last) {
        List<String> texts = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String text : client.textsWithin(Duration.ofMillis(100))) {
                texts.add(text);
                if (last.test(json(text))) {
                    return texts;
                }
            }
        }
        throw new AssertionError("no final frame within " + WAIT + "; got " + texts);
    }

    private static Predicate<JsonNode> about(UUID conversation, String type) {
        return f -> type.equals(f.path("type").asText()) && conversation.toString().equals(f.path("conversationId").asText());
    }

    private void publish(ConversationEvent event) {
        ConversationEventsTopic.publish(mapper, event);
    }

    private static MessageQueued reply(UUID conversation, String text) {
        return new MessageQueued(id(), 1, now(), conversation, ANNA_ID, new MessageSnapshot(UUID.randomUUID(),
                "OUTBOUND", text, "PENDING", now(), ANNA_ID, "Anna", null, null));
    }

    private static MessageSnapshot bubble(String text, String key, String operatorName) {
        return new MessageSnapshot(UUID.randomUUID(), "OUTBOUND", text, "RECORDED", now(), null, operatorName, key, null);
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static UUID id() {
        return UUID.randomUUID();
    }

    /** Attempts an upgrade with the Vert.x client (token as the browser sends it) and returns the refusal status. */
    private int refusedStatus(String path, String token) {
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            List<String> subprotocols = token == null ? List.of(OperatorClient.CARRIER)
                    : List.of(OperatorClient.CARRIER, OperatorClient.tokenSubprotocol(token));
            WebSocketConnectOptions options = new WebSocketConnectOptions()
                    .setHost(baseUri.getHost()).setPort(baseUri.getPort()).setURI(path).setSubProtocols(subprotocols);
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> client.connect(options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
            UpgradeRejectedException rejected = assertInstanceOf(UpgradeRejectedException.class, failure.getCause());
            return rejected.getStatus();
        } finally {
            client.close();
        }
    }
}
