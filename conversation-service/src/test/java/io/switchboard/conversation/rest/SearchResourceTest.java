package io.switchboard.conversation.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.quarkus.vertx.VertxContextSupport;
import io.switchboard.conversation.TestDatabase;
import io.switchboard.conversation.repository.SearchRepository;
import jakarta.inject.Inject;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/search: customers by name, username, nickname; messages by words in any script; never BLOCKED ones. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestJwt.class, restrictToAnnotatedClass = false)
class SearchResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String TOKEN = TestJwt.operator(UUID.randomUUID(), "sam");

    @Inject
    SearchRepository search;

    @Test
    void findsCustomersByUsernameNicknameAndPartOfTheirName() {
        String word = ToolsFixtures.token(8);
        UUID byName = ToolsFixtures.customer("Gwendolyn " + word + "son", "gw" + ToolsFixtures.token(6), null);
        UUID byUsername = ToolsFixtures.customer("Someone", "user_" + word, null);
        UUID byNickname = ToolsFixtures.customer("Anonymous", null, "Captain" + word.toUpperCase());
        UUID conversation = ToolsFixtures.conversation(byName, "CLOSED", null, Instant.now().minusSeconds(60));
        UUID latest = ToolsFixtures.conversation(byName, "OPEN_UNCLAIMED", null, Instant.now());

        JsonPath all = search(word);
        List<String> ids = all.getList("customers.id");
        assertTrue(ids.containsAll(List.of(byName.toString(), byUsername.toString(), byNickname.toString())), ids.toString());
        Map<String, Object> hit = all.getMap("customers.find { it.id == '" + byName + "' }");
        assertEquals("Gwendolyn " + word + "son", hit.get("displayName"));
        assertEquals(latest.toString(), hit.get("conversationId"), "their latest conversation");
        assertFalse(latest.equals(conversation));
        assertEquals(null, all.getMap("customers.find { it.id == '" + byUsername + "' }").get("conversationId"));

        assertEquals(List.of(byUsername.toString()), search("@user_" + word).getList("customers.id"), "a leading @ is ignored");
        assertEquals(List.of(byNickname.toString()), search("captain" + word).getList("customers.id"), "nickname ignoring case");
        assertTrue(search("Gwendolyn " + word.substring(0, 5)).getList("customers.id").contains(byName.toString()), "partial name");
        assertTrue(search("Gwendolin " + word + "son").getList("customers.id").contains(byName.toString()), "a typo (similarity)");
    }

    @Test
    void findsMessagesByAWordInRussianPersianOrEnglishTextNewestFirst() {
        UUID customer = ToolsFixtures.customer("Ирина", null, null);
        UUID conversation = ToolsFixtures.conversation(customer, "OPEN_UNCLAIMED", null, Instant.now());
        String ru = ToolsFixtures.cyrillicToken(7);
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID older = ToolsFixtures.message(conversation, "INBOUND", "RECEIVED",
                "Здравствуйте! Мой заказ " + ru + "а до сих пор не пришёл, помогите пожалуйста.", t.minusSeconds(30));
        UUID newer = ToolsFixtures.message(conversation, "OUTBOUND", "SENT", "Ваш " + ru.toUpperCase() + " уже в пути.", t);

        JsonPath result = search(ru);
        assertEquals(List.of(newer.toString(), older.toString()), result.getList("messages.messageId"), "prefix match, newest first");
        assertEquals(conversation.toString(), result.getString("messages[0].conversationId"));
        assertEquals(ToolsFixtures.codename(conversation), result.getString("messages[0].codename"));
        assertEquals(t, Instant.parse(result.getString("messages[0].createdAt")));
        String snippet = result.getString("messages[1].snippet");
        assertTrue(snippet.contains(ru + "а") && !snippet.contains("<b>"), snippet);

        assertEquals(List.of(older.toString()), search("заказ " + ru).getList("messages.messageId"), "every word must match");
        assertEquals(List.of(), search("посылка " + ru).getList("messages.messageId"));

        String fa = "سفارش" + ToolsFixtures.token(4);
        UUID persian = ToolsFixtures.message(conversation, "INBOUND", "RECEIVED", "سلام، " + fa + " من کجاست؟ می‌خواهم بدانم", t);
        assertEquals(List.of(persian.toString()), search(fa).getList("messages.messageId"));
        String en = ToolsFixtures.token(10);
        UUID english = ToolsFixtures.message(conversation, "INBOUND", "RECEIVED", "Where is my ORDER-" + en.toUpperCase() + "?", t);
        assertEquals(List.of(english.toString()), search("order-" + en).getList("messages.messageId"));
    }

    @Test
    void blockedAndSystemMessagesNeverAppear() {
        UUID conversation = ToolsFixtures.conversation(ToolsFixtures.customer("Blocky", null, null), "BLOCKED", null, Instant.now());
        String word = ToolsFixtures.token(10);
        UUID visible = ToolsFixtures.message(conversation, "INBOUND", "RECEIVED", "before the block " + word, Instant.now().minusSeconds(5));
        ToolsFixtures.message(conversation, "INBOUND", "BLOCKED", "spam spam " + word, Instant.now());
        UUID system = ToolsFixtures.message(conversation, "OUTBOUND", "RECORDED", "system note " + word, Instant.now());
        TestDatabase.update("update message set system_key = 'waiting_for_agent' where id = ?", system);
        assertEquals(List.of(visible.toString()), search(word).getList("messages.messageId"));
    }

    @Test
    void answersAtMost20OfEach() {
        String word = ToolsFixtures.token(10);
        UUID conversation = ToolsFixtures.conversation(ToolsFixtures.customer("Many " + word, null, null), "OPEN_UNCLAIMED", null, Instant.now());
        for (int i = 0; i < 22; i++) {
            ToolsFixtures.customer("Many " + word + " " + i, null, null);
            ToolsFixtures.message(conversation, "INBOUND", "RECEIVED", word + " number " + i, Instant.now().plusMillis(i));
        }
        JsonPath result = search(word);
        assertEquals(20, result.getList("customers").size());
        assertEquals(20, result.getList("messages").size());
        assertTrue(result.getString("messages[0].snippet").contains("number 21"));
    }

    @Test
    void matchesOutsideTheNewestWindowAreFoundThroughTheFullTextIndex() throws Throwable {
        UUID conversation = ToolsFixtures.conversation(ToolsFixtures.customer("Window", null, null), "OPEN_UNCLAIMED", null, Instant.now());
        String word = ToolsFixtures.token(10);
        UUID old = ToolsFixtures.message(conversation, "INBOUND", "RECEIVED", "an old " + word, Instant.now().minus(1, ChronoUnit.DAYS));
        // later than every message so far, whatever clocks other tests moved
        Instant latest = ((java.sql.Timestamp) TestDatabase.query("select max(created_at) as t from message").get(0).get("t")).toInstant();
        Instant future = (latest.isAfter(Instant.now()) ? latest : Instant.now()).plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        UUID recent = ToolsFixtures.message(conversation, "INBOUND", "RECEIVED", "a recent " + word, future);
        ToolsFixtures.message(conversation, "INBOUND", "RECEIVED", "the newest of all", future.plusMillis(1));
        String query = VertxContextSupport.subscribeAndAwait(() -> search.prefixQuery(word));

        List<SearchRepository.MessageHit> newest = VertxContextSupport.subscribeAndAwait(() -> search.newestMessages(query, 2, 20));
        assertEquals(List.of(recent), newest.stream().map(SearchRepository.MessageHit::messageId).toList(),
                "only the 2 newest messages of all are looked at");
        List<SearchRepository.MessageHit> all = VertxContextSupport.subscribeAndAwait(() -> search.allMessages(query, 20));
        assertEquals(List.of(recent, old), all.stream().map(SearchRepository.MessageHit::messageId).toList());
        assertEquals(List.of(recent.toString(), old.toString()), search(word).getList("messages.messageId"));
    }

    @Test
    void queriesShorterThanTwoCharactersAre400() {
        for (String q : List.of("", " a ", "x")) {
            given().auth().oauth2(TOKEN).queryParam("q", q).when().get("/api/search")
                    .then().statusCode(400).contentType(PROBLEM).body("status", equalTo(400));
        }
        given().auth().oauth2(TOKEN).when().get("/api/search").then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(TOKEN).queryParam("q", "x".repeat(201)).when().get("/api/search").then().statusCode(400);
        given().auth().oauth2(TOKEN).queryParam("q", "?!").when().get("/api/search").then().statusCode(200)
                .body("messages", equalTo(List.of()));
        given().queryParam("q", "abc").when().get("/api/search").then().statusCode(401).contentType(PROBLEM);
    }

    private static JsonPath search(String q) {
        return given().auth().oauth2(TOKEN).queryParam("q", q).when().get("/api/search")
                .then().statusCode(200).extract().jsonPath();
    }
}
