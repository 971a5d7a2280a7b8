package io.switchboard.notification.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.CloseReason;
import io.switchboard.conversation.api.CustomerSummary;
import io.switchboard.conversation.api.MessageReceived;
import io.switchboard.conversation.api.MessageSent;
import io.switchboard.conversation.api.MessageSnapshot;
import io.switchboard.notification.ConversationEventsTopic;
import io.switchboard.notification.OperatorClient;
import io.switchboard.notification.Tokens;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.TestJwt;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class OperatorSocketTest {

    @TestHTTPResource("/")
    URI baseUri;

    @Inject
    ObjectMapper mapper;

    @Inject
    Vertx vertx;

    private final List<OperatorClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(OperatorClient::close);
        clients.clear();
    }

    @Test
    void browserStyleSubprotocolsOpenTheSocketAndAMessageReceivedArrivesIntact() {
        OperatorClient client = connect(TestJwt.operator(UUID.randomUUID(), "alice"));
        assertEquals(OperatorClient.CARRIER, client.connection().subprotocol());
        ConversationEventsTopic.awaitConsumerLive(mapper, client);

        String text = "Hello \"there\" — привет 👋\nsecond line <b>&amp;</b> \\ end";
        MessageReceived event = messageReceived(text);
        ConversationEventsTopic.publish(mapper, event);

        JsonNode frame = client.awaitFrame(f -> event.conversationId().toString().equals(f.path("conversationId").asText()),
                Duration.ofSeconds(10));
        assertEquals("message.received", frame.get("type").asText());
        JsonNode payload = frame.get("payload");
        assertEquals(event.eventId().toString(), payload.get("eventId").asText());
        assertEquals("message.received", payload.get("type").asText());
        assertEquals(1, payload.get("version").asInt());
        assertEquals(event.conversationId().toString(), payload.get("conversationId").asText());
        assertEquals(text, payload.at("/message/text").asText());
        assertEquals("INBOUND", payload.at("/message/direction").asText());
        assertEquals("Ivan Petrov", payload.at("/customer/displayName").asText());
        assertEquals(event.occurredAt(), Instant.parse(payload.get("occurredAt").asText()));
    }

    @Test
    void everyConnectedOperatorReceivesEachEventOnce() {
        OperatorClient alice = connect(TestJwt.operator(UUID.randomUUID(), "alice"));
        OperatorClient bob = connect(TestJwt.admin(UUID.randomUUID(), "bob"));
        ConversationEventsTopic.awaitConsumerLive(mapper, alice);
        bob.clear();

        MessageReceived event = messageReceived("hi both");
        ConversationEventsTopic.publish(mapper, event);
        ConversationEventsTopic.publish(mapper, event); // an at-least-once redelivery
        MessageSent marker = new MessageSent(UUID.randomUUID(), 1, Instant.now(), event.conversationId(),
                UUID.randomUUID(), "SENT");
        ConversationEventsTopic.publish(mapper, marker);

        for (OperatorClient client : List.of(alice, bob)) {
            List<JsonNode> frames = new ArrayList<>();
            JsonNode last;
            do {
                last = client.awaitFrame(f -> event.conversationId().toString().equals(f.path("conversationId").asText()),
                        Duration.ofSeconds(10));
                frames.add(last);
            } while (!"message.sent".equals(last.get("type").asText()));
            assertEquals(List.of("message.received", "message.sent"), frames.stream().map(f -> f.get("type").asText()).toList());
        }
    }

    @Test
    void aRecordThatIsNotAKnownEventIsSkippedAndTheNextOneStillArrives() {
        OperatorClient client = connect(TestJwt.operator(UUID.randomUUID(), "carol"));
        ConversationEventsTopic.awaitConsumerLive(mapper, client);

        UUID conversation = UUID.randomUUID();
        ConversationEventsTopic.publishRaw(conversation.toString(), "not json at all");
        ConversationEventsTopic.publishRaw(conversation.toString(), "{\"type\":\"conversation.archived\",\"eventId\":\""
                + UUID.randomUUID() + "\",\"conversationId\":\"" + conversation + "\"}");
        MessageReceived event = new MessageReceived(UUID.randomUUID(), 1, Instant.now(), conversation,
                new CustomerSummary(UUID.randomUUID(), "Ivan Petrov", "ivan", null),
                new MessageSnapshot(UUID.randomUUID(), "INBOUND", "after the poison", "RECEIVED", Instant.now(), null, null, null, null));
        ConversationEventsTopic.publish(mapper, event);

        JsonNode frame = client.awaitFrame(f -> conversation.toString().equals(f.path("conversationId").asText()),
                Duration.ofSeconds(10));
        assertEquals("message.received", frame.get("type").asText());
        assertEquals("after the poison", frame.at("/payload/message/text").asText());
    }

    @Test
    void pingIsAnsweredWithPongAndOtherFramesAreIgnored() {
        OperatorClient client = connect(TestJwt.operator(UUID.randomUUID(), "dave"));

        client.send("{\"type\":\"subscribe\",\"topic\":\"x\"}");
        client.send("not json");
        client.send("[1,2,3]");
        client.send("{\"type\":\"ping\"}");

        JsonNode reply = client.awaitFrame(f -> true, Duration.ofSeconds(5));
        assertEquals("pong", reply.get("type").asText());
        assertEquals(1, reply.size());
        assertTrue(client.connection().isOpen());
        assertEquals(List.of(), client.framesWithin(Duration.ofMillis(300)));
    }

    @Test
    void theSocketClosesWith1008WhenTheAccessTokenExpires() throws Exception {
        UUID id = UUID.randomUUID();
        OperatorClient client = connect(TestJwt.token(id, "ivy", Set.of("operator"), Duration.ofSeconds(2)));
        assertTrue(client.connection().isOpen());

        CloseReason reason = client.closed().get(10, TimeUnit.SECONDS);
        assertEquals(1008, reason.getCode());
    }

    @Test
    void theGroupIdIsUniqueToThisProcess() {
        String groupId = ConfigProvider.getConfig()
                .getValue("mp.messaging.incoming.conversation-events.group.id", String.class);
        assertTrue(groupId.matches("notification-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), groupId);
    }

    @Test
    void anUpgradeWithoutATokenIsRefusedWith401() {
        assertEquals(401, refusedStatus("/ws/operator", List.of()));
        assertEquals(401, refusedStatus("/ws/operator", List.of(OperatorClient.CARRIER)));
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefusedWith401() {
        String token = Tokens.signedByAnotherKey(UUID.randomUUID(), "mallory");
        assertEquals(401, refusedStatus("/ws/operator",
                List.of(OperatorClient.CARRIER, OperatorClient.tokenSubprotocol(token))));
    }

    @Test
    void anExpiredTokenIsRefusedWith401() {
        String token = Tokens.expired(UUID.randomUUID(), "erin");
        assertEquals(401, refusedStatus("/ws/operator",
                List.of(OperatorClient.CARRIER, OperatorClient.tokenSubprotocol(token))));
    }

    @Test
    void aTokenInTheQueryStringIsIgnored() {
        String token = TestJwt.operator(UUID.randomUUID(), "frank");
        assertEquals(401, refusedStatus("/ws/operator?access_token=" + token, List.of(OperatorClient.CARRIER)));
        assertEquals(401, refusedStatus("/ws/operator?token=" + token + "&bearer=" + token, List.of()));
    }

    @Test
    void aTokenWithoutTheOperatorRoleIsRefusedWith403() {
        String token = Tokens.withoutOperatorRole(UUID.randomUUID(), "grace");
        assertEquals(403, refusedStatus("/ws/operator",
                List.of(OperatorClient.CARRIER, OperatorClient.tokenSubprotocol(token))));
    }

    @Test
    void theBasicWebSocketConnectorAlsoFailsWithoutAToken() {
        assertThrows(RuntimeException.class, () -> connect(Tokens.expired(UUID.randomUUID(), "heidi")));
    }

    private OperatorClient connect(String token) {
        OperatorClient client = OperatorClient.connect(baseUri, token);
        clients.add(client);
        return client;
    }

    private static MessageReceived messageReceived(String text) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new MessageReceived(UUID.randomUUID(), 1, now, UUID.randomUUID(),
                new CustomerSummary(UUID.randomUUID(), "Ivan Petrov", "ivan", null),
                new MessageSnapshot(UUID.randomUUID(), "INBOUND", text, "RECEIVED", now, null, null, null, null));
    }

    /** Attempts an upgrade with the Vert.x client and returns the HTTP status of the refusal. */
    private int refusedStatus(String uri, List<String> subprotocols) {
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            WebSocketConnectOptions options = new WebSocketConnectOptions()
                    .setHost(baseUri.getHost()).setPort(baseUri.getPort()).setURI(uri)
                    .setSubProtocols(subprotocols.isEmpty() ? null : subprotocols);
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> client.connect(options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
            UpgradeRejectedException rejected = assertInstanceOf(UpgradeRejectedException.class, failure.getCause());
            assertFalse(rejected.getStatus() == 101);
            return rejected.getStatus();
        } finally {
            client.close();
        }
    }
}
