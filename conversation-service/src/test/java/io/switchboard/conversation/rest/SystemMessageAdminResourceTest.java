package io.switchboard.conversation.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Admins read and edit the system-message templates over HTTP; operators cannot. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class SystemMessageAdminResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final UUID ADMIN_ID = UUID.randomUUID();
    private static final String ADMIN = TestJwt.admin(ADMIN_ID, "root");
    private static final String OPERATOR = TestJwt.operator(UUID.randomUUID(), "olga");
    private static final String BASE = "/api/admin/system-messages";

    @Test
    void everyTemplateIsListedInAFixedOrderWithItsAudienceAndSeededTexts() {
        JsonPath list = given().auth().oauth2(ADMIN).when().get(BASE).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("welcome_message", "waiting_for_agent", "conversation_reopened", "unclaimed_reminder_5m",
                "unclaimed_reminder_15m_pin", "closed_history_note", "closing_message"), list.getList("key"));
        assertEquals(List.of("customer", "customer", "customer", "operators", "operators", "customer", "customer"),
                list.getList("audience"));
        for (int i = 0; i < 7; i++) {
            Map<String, String> texts = list.getMap("[" + i + "].texts");
            assertEquals(List.of("en", "fa", "ru"), texts.keySet().stream().sorted().toList(), list.getString("[" + i + "].key"));
            assertTrue(texts.values().stream().noneMatch(String::isBlank));
        }
        given().auth().oauth2(ADMIN).when().get(BASE + "/unclaimed_reminder_15m_pin").then().statusCode(200)
                .body("key", equalTo("unclaimed_reminder_15m_pin")).body("audience", equalTo("operators"))
                .body("pin", equalTo(true)).body("widgetBanner", equalTo(false)).body("transcriptBubble", equalTo(true))
                .body("telegram", equalTo(true)).body("rateLimitSeconds", equalTo(0))
                .body("texts.en", containsString("{codename}")).body("updatedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void anAdminReplacesATemplateAndTheChangeIsAudited() {
        Map<String, Object> original = given().auth().oauth2(ADMIN).when().get(BASE + "/closed_history_note")
                .then().statusCode(200).extract().jsonPath().getMap("$");
        try {
            Map<String, String> texts = new LinkedHashMap<>();
            texts.put("en", "Closed. Write again any time, {customerName}.");
            texts.put("pt-BR", "Encerrada. Escreva quando quiser, {customerName}.");
            Map<String, Object> body = new HashMap<>();
            body.put("texts", texts);
            body.put("widgetBanner", false);
            body.put("rateLimitSeconds", 30);
            JsonPath updated = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body)
                    .when().put(BASE + "/closed_history_note").then().statusCode(200).extract().jsonPath();
            assertEquals(texts, updated.getMap("texts"));
            assertEquals(false, updated.getBoolean("widgetBanner"));
            assertEquals(30, updated.getInt("rateLimitSeconds"));
            assertEquals(original.get("telegram"), updated.getBoolean("telegram"), "absent flags keep their value");
            assertEquals(original.get("transcriptBubble"), updated.getBoolean("transcriptBubble"));
            given().auth().oauth2(ADMIN).when().get(BASE + "/closed_history_note").then().statusCode(200)
                    .body("texts.'pt-BR'", equalTo(texts.get("pt-BR"))).body("texts.ru", equalTo(null));

            Map<String, Object> audit = TestDatabase.query("""
                    select actor_name, conversation_id, before_state ->> 'rateLimitSeconds' as before_limit,
                           after_state ->> 'rateLimitSeconds' as after_limit, after_state -> 'texts' ->> 'pt-BR' as after_pt
                    from audit_entry where action = 'system_message.updated' and actor_id = ?
                      and after_state ->> 'key' = 'closed_history_note' order by occurred_at desc limit 1""", ADMIN_ID).get(0);
            assertEquals("root", audit.get("actor_name"));
            assertEquals(null, audit.get("conversation_id"));
            assertEquals(String.valueOf(original.get("rateLimitSeconds")), audit.get("before_limit"));
            assertEquals("30", audit.get("after_limit"));
            assertEquals(texts.get("pt-BR"), audit.get("after_pt"));
        } finally {
            Map<String, Object> restore = new HashMap<>(original);
            restore.remove("key");
            restore.remove("audience");
            restore.remove("updatedAt");
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(restore)
                    .when().put(BASE + "/closed_history_note").then().statusCode(200);
        }
    }

    @Test
    void invalidTemplatesAre422AndUnknownKeys404() {
        put("welcome_message", Map.of("texts", Map.of())).then().statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("non-empty"));
        put("welcome_message", Map.of("texts", Map.of("ru", "Привет"))).then().statusCode(422)
                .body("detail", containsString("'en'"));
        put("welcome_message", Map.of("texts", Map.of("en", "Hi", "english", "Hi"))).then().statusCode(422)
                .body("detail", containsString("english"));
        put("welcome_message", Map.of("texts", Map.of("en", "Hi", "pt-br", "Oi"))).then().statusCode(422);
        put("welcome_message", Map.of("texts", Map.of("en", "x".repeat(4097)))).then().statusCode(422)
                .body("detail", containsString("4096"));
        put("welcome_message", Map.of("texts", Map.of("en", "Hi"), "rateLimitSeconds", -1)).then().statusCode(422)
                .body("detail", containsString("rateLimitSeconds"));
        put("unclaimed_reminder_5m", Map.of("texts", Map.of("en", "Hi"), "widgetBanner", true)).then().statusCode(422)
                .body("detail", containsString("operators only"));
        Map<String, Object> nullText = new HashMap<>();
        nullText.put("en", null);
        put("welcome_message", Map.of("texts", nullText)).then().statusCode(422);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"texts\": [1, 2]}")
                .when().put(BASE + "/welcome_message").then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(ADMIN).when().get(BASE + "/goodbye_forever").then().statusCode(404).contentType(PROBLEM);
        put("goodbye_forever", Map.of("texts", Map.of("en", "Hi"))).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(ADMIN).when().get(BASE + "/welcome_message").then().statusCode(200)
                .body("texts.en", containsString("{customerName}"));
        put("welcome_message", Map.of("texts", Map.of("en", "x".repeat(4096)))).then().statusCode(200);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("texts", Map.of(
                        "en", "Hello {customerName}! Thanks for writing to us. An agent will reply here shortly.",
                        "ru", "Здравствуйте, {customerName}! Спасибо, что написали нам. Оператор скоро ответит здесь.",
                        "fa", "سلام {customerName}! از پیام شما سپاسگزاریم. یکی از همکاران ما به‌زودی همین‌جا پاسخ می‌دهد.")))
                .when().put(BASE + "/welcome_message").then().statusCode(200);
    }

    @Test
    void operatorsAre403AndAnonymousCallers401() {
        given().auth().oauth2(OPERATOR).when().get(BASE).then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(OPERATOR).when().get(BASE + "/welcome_message").then().statusCode(403);
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(Map.of("texts", Map.of("en", "pwned")))
                .when().put(BASE + "/welcome_message").then().statusCode(403);
        given().when().get(BASE).then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(ADMIN).when().get(BASE + "/welcome_message").then().statusCode(200)
                .body("texts.en", org.hamcrest.Matchers.not(equalTo("pwned")));
    }

    private static io.restassured.response.Response put(String key, Map<String, ?> body) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).when().put(BASE + "/" + key);
    }
}
