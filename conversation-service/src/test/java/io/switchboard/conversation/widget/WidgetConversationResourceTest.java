package io.switchboard.conversation.widget;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.switchboard.conversation.CustomerTokens;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.conversation.TestUpdates;
import io.switchboard.conversation.messaging.TelegramUpdateReader;
import io.switchboard.conversation.service.CustomerMessageIntake;
import io.switchboard.conversation.service.WidgetMessageIntake;
import io.switchboard.conversation.widget.WidgetFixtures.Visitor;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import io.switchboard.widget.api.WidgetMessagePosted;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The widget's customer API and the widget channel seen from operators, over a real database with real signed
 * customer and operator tokens.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class WidgetConversationResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final UUID OPERATOR = UUID.randomUUID();
    private static final String OPERATOR_TOKEN = TestJwt.operator(OPERATOR, "Anna");

    @Inject
    WidgetMessageIntake widgetIntake;

    @Inject
    CustomerMessageIntake telegramIntake;

    @Inject
    TelegramUpdateReader reader;

    @Test
    void openingCreatesTheCustomerAndTheConversationWithTheTokensIdsOnceEvenWhenRepeated() {
        UUID customer = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        String token = CustomerTokens.customer(customer, conversation);
        JsonPath first = given().auth().oauth2(token).contentType(ContentType.JSON).body("{}")
                .when().post("/api/widget/conversations")
                .then().statusCode(201).contentType(ContentType.JSON)
                .header("Location", containsString("/api/widget/conversations/" + conversation))
                .extract().jsonPath();
        assertEquals(conversation.toString(), first.getString("conversationId"));
        String codename = first.getString("codename");
        assertTrue(codename.matches("[A-Z][a-z]+ [A-Z][a-z]+ #[0-9A-F]{4}"), codename);

        Map<String, Object> customerRow = TestDatabase.query("select * from customer where id = ?", customer).get(0);
        assertEquals("WIDGET", customerRow.get("channel"));
        assertEquals("Visitor " + codename.substring(codename.indexOf('#') + 1), customerRow.get("display_name"));
        assertNull(customerRow.get("telegram_user_id"));
        assertNull(customerRow.get("telegram_chat_id"));
        assertNull(customerRow.get("nickname"));
        assertNull(customerRow.get("language_code"));
        Map<String, Object> row = TestDatabase.query("select * from conversation where id = ?", conversation).get(0);
        assertEquals("WIDGET", row.get("channel"));
        assertEquals("OPEN_UNCLAIMED", row.get("status"));
        assertEquals(customer, row.get("customer_id"));
        assertNull(row.get("telegram_chat_id"));

        List<Map<String, Object>> messages = WidgetFixtures.messages(conversation);
        assertEquals(1, messages.size(), "the welcome message only");
        assertEquals("welcome_message", messages.get(0).get("system_key"));
        assertEquals("SENT", messages.get(0).get("status"), "a widget bubble is delivered by being stored");
        assertTrue(((String) messages.get(0).get("text")).startsWith("Hello Visitor "), (String) messages.get(0).get("text"));
        List<String> opened = WidgetFixtures.events(conversation, "conversation.opened");
        assertEquals(1, opened.size());
        assertTrue(opened.get(0).contains("\"channel\":\"WIDGET\""), opened.get(0));
        assertEquals(1, WidgetFixtures.events(conversation, "system_message.posted").size());
        assertEquals(0, TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and payload like ?",
                "%" + conversation + "%"), "no Telegram command for a widget conversation");
        assertEquals(0, TestDatabase.scalar("select count(*) from audit_entry where conversation_id = ?", conversation),
                "opening is the customer's action, not an operator's");
        assertTrue(TestDatabase.scalar("select count(*) from conversation_timer where conversation_id = ? and fired_at is null",
                conversation) >= 1, "the unclaimed timers run");

        // the gateway retries (or two requests race): same answer, nothing new
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"nickname\":\"Other\"}")
                .when().post("/api/widget/conversations")
                .then().statusCode(201).body("conversationId", equalTo(conversation.toString()))
                .body("codename", equalTo(codename));
        assertEquals(1, WidgetFixtures.messages(conversation).size());
        assertEquals(1, WidgetFixtures.events(conversation, "conversation.opened").size());
        assertEquals(1, TestDatabase.scalar("select count(*) from customer where id = ?", customer));
    }

    @Test
    void nicknameAndLocaleGiveTheDisplayNameAndTheLanguageOfSystemMessages() {
        Visitor kate = WidgetFixtures.open("  Kate ", "fa");
        Map<String, Object> customerRow = TestDatabase.query("select * from customer where id = ?", kate.customerId()).get(0);
        assertEquals("Kate", customerRow.get("nickname"));
        assertEquals("Kate", customerRow.get("display_name"));
        assertEquals("fa", customerRow.get("language_code"));
        String welcome = (String) WidgetFixtures.messages(kate.conversationId()).get(0).get("text");
        assertTrue(welcome.startsWith("سلام Kate"), welcome);

        given().auth().oauth2(kate.token()).when().get("/api/widget/conversations/" + kate.conversationId())
                .then().statusCode(200)
                .body("conversationId", equalTo(kate.conversationId().toString()))
                .body("codename", equalTo(kate.codename()))
                .body("status", equalTo("OPEN_UNCLAIMED"))
                .body("nickname", equalTo("Kate"))
                .body("locale", equalTo("fa"))
                .body("operatorName", nullValue())
                .body("lastReadByOperatorAt", nullValue());

        UUID customer = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        String token = CustomerTokens.customer(customer, conversation);
        for (String body : List.of("{\"locale\":\"english\"}", "{\"locale\":\"EN\"}", "{\"nickname\":\"x\"}",
                "{\"nickname\":\"see www.spam.example\"}")) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                    .when().post("/api/widget/conversations")
                    .then().statusCode(422).contentType(PROBLEM);
        }
        assertEquals(0, TestDatabase.scalar("select count(*) from conversation where id = ?", conversation));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"locale\":\"pt-BR\"}")
                .when().post("/api/widget/conversations").then().statusCode(201);
    }

    @Test
    void aCustomerTokenOpensOnlyItsOwnConversationAndNoOperatorRoute() {
        Visitor ada = WidgetFixtures.open(null, "en");
        Visitor bo = WidgetFixtures.open(null, "en");
        for (String path : List.of("", "/messages")) {
            given().auth().oauth2(ada.token()).when().get("/api/widget/conversations/" + bo.conversationId() + path)
                    .then().statusCode(403).contentType(PROBLEM).body("status", equalTo(403));
        }
        given().auth().oauth2(ada.token()).contentType(ContentType.JSON).body("{\"nickname\":\"Hijack\"}")
                .when().patch("/api/widget/conversations/" + bo.conversationId())
                .then().statusCode(403).contentType(PROBLEM);
        // a token whose claim names Bo's conversation but whose subject is another customer
        String forged = CustomerTokens.customer(ada.customerId(), bo.conversationId());
        given().auth().oauth2(forged).when().get("/api/widget/conversations/" + bo.conversationId())
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(forged).contentType(ContentType.JSON).body("{}")
                .when().post("/api/widget/conversations")
                .then().statusCode(409).contentType(PROBLEM);
        // no usable claim
        String noClaim = CustomerTokens.token(UUID.randomUUID(), null, Set.of("customer"), Duration.ofMinutes(5));
        String badClaim = CustomerTokens.token(UUID.randomUUID(), "not-a-uuid", Set.of("customer"), Duration.ofMinutes(5));
        for (String token : List.of(noClaim, badClaim)) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{}").when().post("/api/widget/conversations")
                    .then().statusCode(403).contentType(PROBLEM);
            given().auth().oauth2(token).when().get("/api/widget/conversations/" + ada.conversationId())
                    .then().statusCode(403).contentType(PROBLEM);
        }
        // operators are not customers; customers are not operators
        given().auth().oauth2(OPERATOR_TOKEN).when().get("/api/widget/conversations/" + ada.conversationId())
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(OPERATOR_TOKEN).contentType(ContentType.JSON).body("{}").when().post("/api/widget/conversations")
                .then().statusCode(403).contentType(PROBLEM);
        for (String path : List.of("/api/conversations", "/api/conversations/" + ada.conversationId(),
                "/api/conversations/" + ada.conversationId() + "/messages", "/api/conversations/counts", "/api/tags",
                "/api/canned-responses", "/api/search?q=visitor")) {
            given().auth().oauth2(ada.token()).when().get(path).then().statusCode(403).contentType(PROBLEM);
        }
        given().auth().oauth2(ada.token()).contentType(ContentType.JSON).body("{\"text\":\"I am an operator now\"}")
                .when().post("/api/conversations/" + ada.conversationId() + "/messages")
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(ada.token()).when().post("/api/conversations/" + ada.conversationId() + "/claim")
                .then().statusCode(403).contentType(PROBLEM);
        // no token, an expired one
        given().when().get("/api/widget/conversations/" + ada.conversationId()).then().statusCode(401).contentType(PROBLEM);
        String expired = CustomerTokens.token(ada.customerId(), ada.conversationId().toString(), Set.of("customer"),
                Duration.ofMinutes(-5));
        given().auth().oauth2(expired).when().get("/api/widget/conversations/" + ada.conversationId())
                .then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(ada.token()).when().get("/api/widget/conversations/" + ada.conversationId())
                .then().statusCode(200);
    }

    @Test
    void nicknameChangesAreValidatedAndAnnouncedAsCustomerUpdated() {
        Visitor visitor = WidgetFixtures.open(null, null);
        String path = "/api/widget/conversations/" + visitor.conversationId();
        String tooLong = "x".repeat(33);
        for (String nickname : List.of("a", " b ", tooLong, "visit http://evil", "WWW.shop", "join t.me/spam",
                "shop.example/deal", "tab\there", "new\nline", "\u202Eevil", "   ")) {
            given().auth().oauth2(visitor.token()).contentType(ContentType.JSON)
                    .body(WidgetFixtures.JSON.createObjectNode().put("nickname", nickname).toString())
                    .when().patch(path)
                    .then().statusCode(422).contentType(PROBLEM).body("status", equalTo(422));
        }
        given().auth().oauth2(visitor.token()).contentType(ContentType.JSON).body("{}")
                .when().patch(path).then().statusCode(422).contentType(PROBLEM);
        assertEquals(0, WidgetFixtures.events(visitor.conversationId(), "customer.updated").size());

        given().auth().oauth2(visitor.token()).contentType(ContentType.JSON)
                .body("{\"nickname\":\"  Kate 🌸 Ivanova-Smith \"}")
                .when().patch(path)
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("nickname", equalTo("Kate 🌸 Ivanova-Smith"))
                .body("conversationId", equalTo(visitor.conversationId().toString()))
                .body("status", equalTo("OPEN_UNCLAIMED"));
        Map<String, Object> customer = TestDatabase.query("select * from customer where id = ?", visitor.customerId()).get(0);
        assertEquals("Kate 🌸 Ivanova-Smith", customer.get("nickname"));
        assertEquals("Kate 🌸 Ivanova-Smith", customer.get("display_name"));
        List<String> updated = WidgetFixtures.events(visitor.conversationId(), "customer.updated");
        assertEquals(1, updated.size());
        assertTrue(updated.get(0).contains("\"nickname\":\"Kate 🌸 Ivanova-Smith\""), updated.get(0));
        assertTrue(updated.get(0).contains("\"displayName\":\"Kate 🌸 Ivanova-Smith\""), updated.get(0));
        given().auth().oauth2(OPERATOR_TOKEN).when().get("/api/conversations/" + visitor.conversationId())
                .then().statusCode(200).body("customer.nickname", equalTo("Kate 🌸 Ivanova-Smith"))
                .body("customer.displayName", equalTo("Kate 🌸 Ivanova-Smith"));

        // the same nickname again: nothing to announce
        given().auth().oauth2(visitor.token()).contentType(ContentType.JSON).body("{\"nickname\":\"Kate 🌸 Ivanova-Smith\"}")
                .when().patch(path).then().statusCode(200);
        assertEquals(1, WidgetFixtures.events(visitor.conversationId(), "customer.updated").size());
        // 32 characters, counted as characters (not UTF-16 units)
        String longest = "🌸".repeat(32);
        given().auth().oauth2(visitor.token()).contentType(ContentType.JSON)
                .body(WidgetFixtures.JSON.createObjectNode().put("nickname", longest).toString())
                .when().patch(path).then().statusCode(200).body("nickname", equalTo(longest));
        given().auth().oauth2(visitor.token()).contentType(ContentType.JSON).body("{\"nickname\":\"Kate\"}")
                .when().patch("/api/widget/conversations/" + UUID.randomUUID()).then().statusCode(403);
    }

    @Test
    void anOperatorReplyInTheWidgetIsSentAtOnceWithoutAnyTelegramCommand() throws Throwable {
        Visitor visitor = WidgetFixtures.open("Lena", "en");
        accept(visitor.posted(WidgetFixtures.clientMessageId(), "Where is my order?"));

        JsonPath reply = given().auth().oauth2(OPERATOR_TOKEN).contentType(ContentType.JSON)
                .body("{\"text\":\"Let me check <b>that</b> 👀\"}")
                .when().post("/api/conversations/" + visitor.conversationId() + "/messages")
                .then().statusCode(201).extract().jsonPath();
        assertEquals("SENT", reply.getString("status"));
        assertEquals("OUTBOUND", reply.getString("direction"));
        String messageId = reply.getString("id");
        Map<String, Object> stored = TestDatabase.query("select * from message where id = ?::uuid", messageId).get(0);
        assertEquals("SENT", stored.get("status"));
        assertNull(stored.get("telegram_chat_id"));
        assertEquals(0, TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and payload like ?",
                "%" + visitor.conversationId() + "%"));
        List<String> queued = WidgetFixtures.events(visitor.conversationId(), "message.queued");
        List<String> sent = WidgetFixtures.events(visitor.conversationId(), "message.sent");
        assertEquals(1, queued.size());
        assertEquals(1, sent.size());
        assertTrue(queued.get(0).contains(messageId) && sent.get(0).contains(messageId));
        assertTrue(TestDatabase.scalar("select id from outbox where payload = ?", queued.get(0))
                < TestDatabase.scalar("select id from outbox where payload = ?", sent.get(0)), "queued, then sent");
        assertEquals("AWAITING_CUSTOMER", TestDatabase.query("select status from conversation where id = ?",
                visitor.conversationId()).get(0).get("status"));

        // the customer sees who answers; operators see the channel
        given().auth().oauth2(visitor.token()).when().get("/api/widget/conversations/" + visitor.conversationId())
                .then().statusCode(200).body("operatorName", equalTo("Anna")).body("status", equalTo("AWAITING_CUSTOMER"));
        given().auth().oauth2(OPERATOR_TOKEN).when().get("/api/conversations/" + visitor.conversationId())
                .then().statusCode(200).body("channel", equalTo("WIDGET"));

        // closing sends the closing message as a bubble in the widget, not to Telegram
        given().auth().oauth2(OPERATOR_TOKEN).contentType(ContentType.JSON).body("{\"closingMessage\":\"Bye Lena!\"}")
                .when().post("/api/conversations/" + visitor.conversationId() + "/close").then().statusCode(200);
        Map<String, Object> closing = TestDatabase.query("select * from message where conversation_id = ? and system_key = 'closing_message'",
                visitor.conversationId()).get(0);
        assertEquals("SENT", closing.get("status"));
        assertEquals(0, TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and payload like ?",
                "%" + visitor.conversationId() + "%"));
        given().auth().oauth2(visitor.token()).when().get("/api/widget/conversations/" + visitor.conversationId())
                .then().statusCode(200).body("status", equalTo("CLOSED"));
        // then the closed-history note: a bubble the widget shows under the history, flagged as a banner
        Map<String, Object> note = TestDatabase.query("select * from message where conversation_id = ? and system_key = 'closed_history_note'",
                visitor.conversationId()).get(0);
        assertEquals("SENT", note.get("status"));
        List<String> notes = WidgetFixtures.events(visitor.conversationId(), "system_message.posted").stream()
                .filter(e -> e.contains("\"key\":\"closed_history_note\"")).toList();
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("\"widgetBanner\":true") && notes.get(0).contains(note.get("id").toString()), notes.get(0));
        List<Map<String, Object>> history = given().auth().oauth2(visitor.token()).queryParam("limit", 200)
                .when().get("/api/widget/conversations/" + visitor.conversationId() + "/messages")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(List.of("closing_message", "closed_history_note"),
                history.subList(history.size() - 2, history.size()).stream().map(i -> i.get("systemKey")).toList());
        assertEquals("This conversation was closed. Write to us again any time and we will pick it up.",
                history.get(history.size() - 1).get("text"));
    }

    @Test
    void telegramConversationsKeepTheirChannelAndTheirCommands() throws Throwable {
        long user = TestUpdates.nextId();
        VertxContextSupport.subscribeAndAwait(() -> telegramIntake.accept(TestUpdates.BOT_ID,
                reader.read(TestUpdates.privateText(TestUpdates.nextId(), user, "Tom", "hi"))));
        UUID conversation = (UUID) TestDatabase.query("select c.id from conversation c join customer u on u.id = c.customer_id"
                + " where u.telegram_user_id = ?", user).get(0).get("id");
        assertEquals("TELEGRAM", TestDatabase.query("select channel from customer where telegram_user_id = ?", user)
                .get(0).get("channel"));
        given().auth().oauth2(OPERATOR_TOKEN).when().get("/api/conversations/" + conversation)
                .then().statusCode(200).body("channel", equalTo("TELEGRAM"));
        given().auth().oauth2(OPERATOR_TOKEN).contentType(ContentType.JSON).body("{\"text\":\"hello Tom\"}")
                .when().post("/api/conversations/" + conversation + "/messages")
                .then().statusCode(201).body("status", equalTo("PENDING"));
        assertEquals(1, TestDatabase.scalar("select count(*) from outbox where topic = 'telegram.commands' and payload like ?",
                "%hello Tom%"));
        assertTrue(WidgetFixtures.events(conversation, "conversation.opened").get(0).contains("\"channel\":\"TELEGRAM\""));
    }

    @Test
    void readingAConversationPublishesConversationReadWithTheOperator() {
        Visitor visitor = WidgetFixtures.open(null, null);
        given().auth().oauth2(OPERATOR_TOKEN).when().post("/api/conversations/" + visitor.conversationId() + "/read")
                .then().statusCode(204);
        List<String> read = WidgetFixtures.events(visitor.conversationId(), "conversation.read");
        assertEquals(1, read.size());
        assertTrue(read.get(0).contains("\"actor\":{\"id\":\"" + OPERATOR + "\",\"name\":\"Anna\"}"), read.get(0));
        String readAt = given().auth().oauth2(visitor.token()).when().get("/api/widget/conversations/" + visitor.conversationId())
                .then().statusCode(200).extract().path("lastReadByOperatorAt");
        assertNotNull(Instant.parse(readAt));
        assertTrue(read.get(0).contains("\"readAt\":\""), read.get(0));
        given().auth().oauth2(OPERATOR_TOKEN).when().post("/api/conversations/" + UUID.randomUUID() + "/read")
                .then().statusCode(404);
    }

    @Test
    void historyShowsTheCustomerTheirMessagesRepliesAndCustomerBubblesNeverNotesOrOperatorMessages() throws Throwable {
        Visitor visitor = WidgetFixtures.open("Mila", "en");
        UUID conversation = visitor.conversationId();
        String first = WidgetFixtures.clientMessageId();
        accept(visitor.posted(first, "Hello, anyone there?"));
        given().auth().oauth2(OPERATOR_TOKEN).contentType(ContentType.JSON).body("{\"text\":\"secret note about Mila\"}")
                .when().post("/api/conversations/" + conversation + "/notes").then().statusCode(201);
        given().auth().oauth2(OPERATOR_TOKEN).contentType(ContentType.JSON).body("{\"text\":\"Hi Mila, Anna here\"}")
                .when().post("/api/conversations/" + conversation + "/messages").then().statusCode(201);
        // an operator-facing bubble (as the unclaimed reminder timer stores it)
        TestDatabase.update("""
                insert into message (id, conversation_id, direction, status, text, system_key, created_at, updated_at)
                values (?, ?, 'OUTBOUND', 'RECORDED', 'still unclaimed (operators only)', 'unclaimed_reminder_5m', now(), now())""",
                UUID.randomUUID(), conversation);
        given().auth().oauth2(OPERATOR_TOKEN).when().post("/api/conversations/" + conversation + "/block").then().statusCode(200);
        String blocked = WidgetFixtures.clientMessageId();
        accept(visitor.posted(blocked, "written while blocked"));

        JsonPath page = given().auth().oauth2(visitor.token()).when()
                .get("/api/widget/conversations/" + conversation + "/messages")
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        assertNull(page.getString("nextCursor"));
        List<String> texts = items.stream().map(i -> (String) i.get("text")).toList();
        assertFalse(texts.contains("secret note about Mila"), "notes never");
        assertFalse(texts.contains("still unclaimed (operators only)"), "operator-facing bubbles never");
        assertEquals("welcome_message", items.get(0).get("systemKey"));
        assertEquals("system", items.get(0).get("kind"));
        assertEquals("OUTBOUND", items.get(0).get("direction"));
        assertNull(items.get(0).get("authorName"));
        assertNull(items.get(0).get("clientMessageId"));

        Map<String, Object> hello = items.get(1);
        assertEquals(Set.of("id", "clientMessageId", "direction", "kind", "authorName", "text", "createdAt", "systemKey"),
                hello.keySet());
        assertEquals(first, hello.get("clientMessageId"));
        assertEquals("INBOUND", hello.get("direction"));
        assertEquals("customer", hello.get("kind"));
        assertNull(hello.get("authorName"));
        assertNull(hello.get("systemKey"));
        assertEquals("Hello, anyone there?", hello.get("text"));
        assertNotNull(Instant.parse((String) hello.get("createdAt")));

        Map<String, Object> answer = items.stream().filter(i -> "Hi Mila, Anna here".equals(i.get("text"))).findFirst().orElseThrow();
        assertEquals("operator", answer.get("kind"));
        assertEquals("Anna", answer.get("authorName"));
        assertEquals("OUTBOUND", answer.get("direction"));

        Map<String, Object> last = items.get(items.size() - 1);
        assertEquals("written while blocked", last.get("text"), "the customer sees their message as sent");
        assertEquals(blocked, last.get("clientMessageId"));
        assertEquals("customer", last.get("kind"));
        assertFalse(page.prettify().contains("BLOCKED"), "nothing tells the customer they are blocked");
        given().auth().oauth2(visitor.token()).when().get("/api/widget/conversations/" + conversation)
                .then().statusCode(200).body("status", equalTo("CLOSED"));
        // operators never see it
        List<String> operatorTexts = given().auth().oauth2(OPERATOR_TOKEN).when().get("/api/conversations/" + conversation + "/messages")
                .then().statusCode(200).extract().jsonPath().getList("items.text");
        assertFalse(operatorTexts.contains("written while blocked"));

        // paging: oldest first, each item once
        List<Object> ids = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(visitor.token()).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath onePage = request.when().get("/api/widget/conversations/" + conversation + "/messages")
                    .then().statusCode(200).extract().jsonPath();
            ids.addAll(onePage.getList("items.id"));
            cursor = onePage.getString("nextCursor");
        } while (cursor != null);
        assertEquals(items.stream().map(i -> i.get("id")).toList(), ids);
        given().auth().oauth2(visitor.token()).when().get("/api/widget/conversations/" + conversation + "/messages?cursor=bad!")
                .then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(visitor.token()).when().get("/api/widget/conversations/" + conversation + "/messages?limit=0")
                .then().statusCode(400).contentType(PROBLEM);
    }

    private void accept(WidgetMessagePosted posted) throws Throwable {
        WidgetMessageIntake.Outcome outcome = VertxContextSupport.subscribeAndAwait(() -> widgetIntake.accept(posted));
        assertInstanceOf(WidgetMessageIntake.Outcome.Stored.class, outcome);
    }
}
