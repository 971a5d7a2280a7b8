package io.switchboard.ingest.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.ingest.testing.FakeBotApi;
import io.switchboard.ingest.testing.FakeBotApiResource;
import io.switchboard.ingest.testing.Fixtures;
import io.switchboard.testing.TopicProbe;
import io.switchboard.telegram.api.Topics;
import io.switchboard.testing.KafkaBrokerResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(FakeBotApiResource.class)
class TelegramWebhookResourceTest {

    static final String SECRET = "test-secret_ABC-123";
    static final String HEADER = "X-Telegram-Bot-Api-Secret-Token";

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    @jakarta.inject.Inject
    io.switchboard.ingest.service.ActiveBot bot;

    /**
     * TELEGRAM_WEBHOOK_SECRET is accepted only while no generated secret is stored; other test classes of this
     * application (BotAdminResourceTest) leave one behind.
     */
    @org.junit.jupiter.api.BeforeEach
    void noGeneratedSecret() throws Exception {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("update bot_settings set webhook_secret_ciphertext = null, "
                    + "previous_webhook_secret_ciphertext = null, webhook_secret_rotated_at = null");
        }
        bot.reload();
    }

    @Test
    void everyFixtureUpdateIsPublishedByteForByteUnderItsChatKey() {
        List<Path> fixtures = Fixtures.updates();
        assertEquals(40, fixtures.size());
        String botId = String.valueOf(bot.token().orElseThrow().botId());
        try (TopicProbe probe = TopicProbe.atEnd(Topics.UPDATES)) {
            for (Path fixture : fixtures) {
                byte[] body = Fixtures.bytes(fixture);
                given().header(HEADER, SECRET).contentType("application/json").body(body)
                        .when().post("/telegram/webhook")
                        .then().statusCode(200).contentType("application/json").body(equalTo("{}"));
                ConsumerRecord<String, byte[]> record = probe.await(r -> Arrays.equals(body, r.value()),
                        Duration.ofSeconds(10));
                assertEquals(Fixtures.expectedKey(fixture), record.key(), fixture.toString());
                assertArrayEquals(body, record.value());
                assertEquals(List.of(botId), Fixtures.botIdHeaders(record), "the receiving bot, " + fixture);
            }
        }
    }

    @Test
    void aMissingOrWrongSecretIs401AndNothingIsPublished() {
        try (TopicProbe probe = TopicProbe.atEnd(Topics.UPDATES)) {
            String rejected = update(ThreadLocalRandom.current().nextLong(1, 1L << 40));
            given().contentType("application/json").body(rejected)
                    .when().post("/telegram/webhook")
                    .then().statusCode(401).contentType("application/problem+json")
                    .body("status", equalTo(401)).body("title", equalTo("Unauthorized"))
                    .body("instance", equalTo("/telegram/webhook"));
            for (String wrong : List.of("wrong", SECRET + "x", SECRET.substring(1), "", SECRET.toLowerCase())) {
                given().header(HEADER, wrong).contentType("application/json").body(rejected)
                        .when().post("/telegram/webhook")
                        .then().statusCode(401).contentType("application/problem+json");
            }
            assertOnlyTheMarkerIsPublished(probe);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"update_id\":1", "[]", "[{\"update_id\":1}]", "{}", "{\"message\":{}}",
            "{\"update_id\":\"12\"}", "{\"update_id\":1.5}", "{\"update_id\":1} trailing", ""})
    void aBodyThatIsNotAnUpdateIs400AndNothingIsPublished(String body) {
        try (TopicProbe probe = TopicProbe.atEnd(Topics.UPDATES)) {
            given().header(HEADER, SECRET).contentType("application/json").body(body)
                    .when().post("/telegram/webhook")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400)).body("type", equalTo("about:blank"))
                    .body("detail", startsWith("The "));
            assertOnlyTheMarkerIsPublished(probe);
        }
    }

    @Test
    void problemsNeverLeakInternals() {
        String body = given().header(HEADER, SECRET).contentType("application/json").body("{\"update_id\":")
                .when().post("/telegram/webhook")
                .then().statusCode(400).extract().asString();
        assertFalse(body.contains("Exception") || body.contains("at io."), body);
        given().when().get("/telegram/webhook")
                .then().statusCode(405).contentType("application/problem+json").body("status", equalTo(405));
    }

    @Test
    void readinessIncludesKafkaAndIsUp() {
        given().when().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem(
                        org.hamcrest.Matchers.containsString("Reactive Messaging")));
    }

    @Test
    void registersTheWebhookWithItsSecretAtStartUp() {
        FakeBotApi api = FakeBotApi.current();
        await().atMost(Duration.ofSeconds(10)).until(() -> !api.calls("setWebhook").isEmpty());
        FakeBotApi.Call call = api.calls("setWebhook").get(0);
        assertEquals("123456:TEST-TOKEN", call.token());
        assertEquals("https://switchboard.example/telegram/webhook", call.params().getString("url"));
        assertEquals(SECRET, call.params().getString("secret_token"));
    }

    /** Publishes a valid marker update and checks it is the only record the probe sees. */
    private static void assertOnlyTheMarkerIsPublished(TopicProbe probe) {
        String marker = update(ThreadLocalRandom.current().nextLong(1, 1L << 40));
        given().header(HEADER, SECRET).contentType("application/json").body(marker)
                .when().post("/telegram/webhook").then().statusCode(200);
        byte[] markerBytes = marker.getBytes(StandardCharsets.UTF_8);
        probe.await(r -> Arrays.equals(markerBytes, r.value()), Duration.ofSeconds(10));
        List<ConsumerRecord<String, byte[]>> seen = probe.drain(Duration.ofMillis(300));
        assertEquals(1, seen.size(), "only the marker was published");
    }

    private static String update(long updateId) {
        return "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":1,\"chat\":{\"id\":99,\"type\":\"private\"},"
                + "\"date\":1700000000,\"text\":\"hi\"}}";
    }
}
