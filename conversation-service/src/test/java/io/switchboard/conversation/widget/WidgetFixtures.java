package io.switchboard.conversation.widget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.restassured.http.ContentType;
import io.switchboard.conversation.CustomerTokens;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.widget.api.WidgetMessagePosted;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/** Widget customers and their conversations, opened through the REST API as the gateway does. */
final class WidgetFixtures {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private WidgetFixtures() {
    }

    /**
     * A widget customer and their conversation.
     *
     * @param token the customer token
     */
    record Visitor(UUID customerId, UUID conversationId, String token, String codename) {

        /** A widget.message_posted record of this visitor. */
        WidgetMessagePosted posted(String clientMessageId, String text) {
            return WidgetMessagePosted.of(conversationId, customerId, clientMessageId, text);
        }
    }

    /** Opens a widget conversation with optional nickname and locale (201 expected). */
    static Visitor open(String nickname, String locale) {
        UUID customer = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        String token = CustomerTokens.customer(customer, conversation);
        StringBuilder body = new StringBuilder("{");
        if (nickname != null) {
            body.append("\"nickname\":").append(quote(nickname));
        }
        if (locale != null) {
            body.append(body.length() > 1 ? "," : "").append("\"locale\":").append(quote(locale));
        }
        body.append('}');
        String codename = given().auth().oauth2(token).contentType(ContentType.JSON).body(body.toString())
                .when().post("/api/widget/conversations")
                .then().statusCode(201).extract().path("codename");
        return new Visitor(customer, conversation, token, codename);
    }

    /** A fresh client message id, e.g. {@code c-3f9a0b1c2d4e}. */
    static String clientMessageId() {
        return "c-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    /** The record as the gateway writes it to widget.messages. */
    static String wire(WidgetMessagePosted posted) {
        try {
            return JSON.writeValueAsString(posted);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Payloads of the conversation's outbox events of {@code type}, in outbox order. */
    static List<String> events(UUID conversation, String type) {
        return TestDatabase.query("select payload from outbox where topic = 'conversation.events' and message_key = ?"
                        + " and payload like ? order by id", conversation.toString(), "{\"type\":\"" + type + "\"%")
                .stream().map(row -> (String) row.get("payload")).toList();
    }

    /** The conversation's messages, in transcript order. */
    static List<Map<String, Object>> messages(UUID conversation) {
        return TestDatabase.query("select * from message where conversation_id = ? order by created_at, id", conversation);
    }

    private static String quote(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
