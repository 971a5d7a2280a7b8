package io.switchboard.gateway.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.switchboard.gateway.testing.DefaultTestProfile;
import io.switchboard.testing.TopicProbe;
import io.switchboard.gateway.testing.WidgetClients;
import io.switchboard.testing.TestJwt;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Posting widget messages: checks, then a WidgetMessagePosted record on widget.messages before the 202. */
@QuarkusTest
@TestProfile(DefaultTestProfile.class)
class WidgetMessageTest {

    private static final String TOPIC = "widget.messages";

    @Inject
    JWTParser parser;

    private TopicProbe probe;

    @BeforeEach
    void probe() {
        probe = TopicProbe.atEnd(TOPIC);
    }

    @AfterEach
    void close() {
        probe.close();
    }

    @Test
    void anAcceptedMessageIsOnKafkaKeyedByItsConversation() throws Exception {
        WidgetClients.Started started = WidgetClients.start();
        UUID customerId = UUID.fromString(parser.parse(started.token()).getSubject());
        String clientMessageId = WidgetClients.clientMessageId();
        Instant before = Instant.now();

        Response response = WidgetClients.postMessage(started.token(), started.conversationId(),
                WidgetClients.randomAddress(), "  Hello <b>there</b>,\r\nmy order 42?\u0000  ", clientMessageId);
        response.then().statusCode(202)
                .contentType(ContentType.JSON)
                .body("clientMessageId", equalTo(clientMessageId));
        Instant acceptedAt = Instant.parse(response.path("acceptedAt"));
        assertTrue(!acceptedAt.isBefore(before.minusSeconds(1)), "acceptedAt is now");

        // answered only after the broker acknowledged: the record is there already
        ConsumerRecord<String, byte[]> record = probe.await(r -> text(r).contains(clientMessageId),
                Duration.ofSeconds(5));
        assertEquals(started.conversationId().toString(), record.key());
        JsonObject value = new JsonObject(text(record));
        assertEquals("widget.message_posted", value.getString("type"));
        assertEquals(1, text(record).indexOf("\"type\""), "type comes first on the wire");
        assertEquals(1, value.getInteger("version"));
        assertEquals(started.conversationId().toString(), value.getString("conversationId"));
        assertEquals(customerId.toString(), value.getString("customerId"));
        assertEquals(clientMessageId, value.getString("clientMessageId"));
        // trimmed, line breaks normalised, control characters dropped, HTML kept as typed (clients render text)
        assertEquals("Hello <b>there</b>,\nmy order 42?", value.getString("text"));
        assertEquals(acceptedAt, Instant.parse(value.getString("occurredAt")));
        UUID.fromString(value.getString("eventId"));
    }

    @Test
    void aMessageOfExactlyTheLimitIsAcceptedAndOneMoreCharacterIs413() {
        WidgetClients.Started started = WidgetClients.start();
        String address = WidgetClients.randomAddress();
        // 4000 characters, counted as code points: an emoji is one character
        String longest = "\uD83D\uDE00".repeat(10) + "a".repeat(3990);
        WidgetClients.postMessage(started.token(), started.conversationId(), address, longest,
                WidgetClients.clientMessageId()).then().statusCode(202);
        WidgetClients.postMessage(started.token(), started.conversationId(), address, longest + "b",
                WidgetClients.clientMessageId())
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("title", equalTo("Content Too Large"));
    }

    @Test
    void invalidMessagesAre422Or400AndNothingIsPublished() {
        WidgetClients.Started started = WidgetClients.start();
        String address = WidgetClients.randomAddress();
        for (String id : new String[] {"short", "has space in it", "x".repeat(65), "ünïcode-id", ""}) {
            WidgetClients.postMessage(started.token(), started.conversationId(), address, "hello", id)
                    .then().statusCode(422).contentType("application/problem+json");
        }
        for (String text : new String[] {"", "   \n\t ", "\u0000\u0007"}) {
            WidgetClients.postMessage(started.token(), started.conversationId(), address, text,
                    WidgetClients.clientMessageId())
                    .then().statusCode(422).contentType("application/problem+json");
        }
        // an unpaired surrogate cannot be stored as text
        given().auth().oauth2(started.token()).contentType(ContentType.JSON)
                .body("{\"text\":\"bad \\ud800 half\",\"clientMessageId\":\"" + WidgetClients.clientMessageId() + "\"}")
                .post("/api/widget/conversations/" + started.conversationId() + "/messages")
                .then().statusCode(422);
        given().auth().oauth2(started.token()).contentType(ContentType.JSON)
                .body(Map.of("clientMessageId", WidgetClients.clientMessageId()))
                .post("/api/widget/conversations/" + started.conversationId() + "/messages")
                .then().statusCode(422);
        given().auth().oauth2(started.token()).contentType(ContentType.JSON)
                .post("/api/widget/conversations/" + started.conversationId() + "/messages")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(started.token()).contentType(ContentType.JSON).body("{\"text\": ")
                .post("/api/widget/conversations/" + started.conversationId() + "/messages")
                .then().statusCode(400).contentType("application/problem+json");
        List<ConsumerRecord<String, byte[]>> published = probe.drain(Duration.ofMillis(500));
        assertTrue(published.stream().noneMatch(r -> r.key().equals(started.conversationId().toString())),
                "nothing was published for a refused message");
    }

    @Test
    void onlyTheConversationsOwnCustomerTokenMayPost() {
        WidgetClients.Started started = WidgetClients.start();
        WidgetClients.Started other = WidgetClients.start();
        String address = WidgetClients.randomAddress();
        String path = "/api/widget/conversations/" + started.conversationId() + "/messages";
        Map<String, String> body = Map.of("text", "hi", "clientMessageId", WidgetClients.clientMessageId());

        given().contentType(ContentType.JSON).body(body).post(path)
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        given().auth().oauth2("not-a-jwt").contentType(ContentType.JSON).body(body).post(path)
                .then().statusCode(401);
        // another conversation's customer
        WidgetClients.postMessage(other.token(), started.conversationId(), address, "hi",
                WidgetClients.clientMessageId())
                .then().statusCode(403).contentType("application/problem+json");
        // operators and admins are not widget customers
        for (String token : List.of(TestJwt.operator(UUID.randomUUID(), "olga"),
                TestJwt.admin(UUID.randomUUID(), "root"))) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(path)
                    .then().statusCode(403).contentType("application/problem+json");
        }
        // an expired customer token
        String expired = io.smallrye.jwt.build.Jwt.issuer(TestJwt.ISSUER).subject(UUID.randomUUID().toString())
                .groups("customer").claim("conversation", started.conversationId().toString())
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(60))
                .sign(TestJwt.privateKey());
        given().auth().oauth2(expired).contentType(ContentType.JSON).body(body).post(path)
                .then().statusCode(401);
        List<ConsumerRecord<String, byte[]>> published = probe.drain(Duration.ofMillis(500));
        assertTrue(published.stream().noneMatch(r -> r.key().equals(started.conversationId().toString())),
                "nothing was published: " + published);
    }

    private static String text(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
