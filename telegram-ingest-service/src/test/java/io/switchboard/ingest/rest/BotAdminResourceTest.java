package io.switchboard.ingest.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.ingest.domain.TokenCipher;
import io.switchboard.ingest.repository.AdvisoryLocks;
import io.switchboard.ingest.repository.BotSettingsRepository;
import io.switchboard.ingest.scheduler.WebhookMonitor;
import io.switchboard.ingest.service.ActiveBot;
import io.switchboard.ingest.testing.FakeBotApi;
import io.switchboard.ingest.testing.FakeBotApiResource;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.PostgresDatabaseResource;
import io.switchboard.testing.TestJwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(FakeBotApiResource.class)
class BotAdminResourceTest {

    static final String TOKEN = "7000001:AAEconsole-TOKEN_secret_part_xyz9";
    static final String ENV_SECRET = "test-secret_ABC-123";
    static final String HEADER = "X-Telegram-Bot-Api-Secret-Token";
    static final List<String> ALLOWED = List.of("message", "edited_message", "callback_query", "my_chat_member",
            "message_reaction");

    private final String admin = TestJwt.admin(UUID.randomUUID(), "root");
    private final String operator = TestJwt.operator(UUID.randomUUID(), "olga");

    @Inject
    TelegramClient telegramClient;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    WebhookMonitor monitor;

    @Inject
    BotSettingsRepository repository;

    @Inject
    TokenCipher cipher;

    @Inject
    ActiveBot activeBot;

    @Inject
    AdvisoryLocks locks;

    @AfterEach
    void backToTheEnvironmentToken() {
        given().auth().oauth2(admin).delete("/api/admin/telegram/bot").then().statusCode(204);
    }

    @Test
    void anAdminSetsATokenItIsValidatedStoredAndUsedAtOnceNeverShown() throws Exception {
        FakeBotApi api = FakeBotApi.current();
        String answer = given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("token", TOKEN))
                .put("/api/admin/telegram/bot")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("configured", equalTo(true))
                .body("botId", equalTo(6129457865L))
                .body("username", equalTo("sicheebot"))
                .body("firstName", equalTo("Бот Виталий"))
                .body("tokenHint", equalTo("7000001:…xyz9"))
                .body("mode", equalTo("webhook"))
                .body("webhookUrl", equalTo("https://switchboard.example/telegram/webhook"))
                .body("source", equalTo("console"))
                .body("webhookRegistered", equalTo(true))
                .body("webhookError", nullValue())
                .extract().asString();
        assertFalse(answer.contains(TOKEN) || answer.contains("secret_part"), answer);
        assertFalse(api.calls("getMe").stream().filter(c -> c.token().equals(TOKEN)).toList().isEmpty());

        // the webhook is registered for the new bot, with a generated secret and explicit allowed_updates
        FakeBotApi.Call setWebhook = lastSetWebhook(api, TOKEN);
        assertEquals("https://switchboard.example/telegram/webhook", setWebhook.params().getString("url"));
        String secret = setWebhook.params().getString("secret_token");
        assertTrue(secret.matches("[A-Za-z0-9_-]{32}"), secret);
        assertEquals(ALLOWED, setWebhook.params().getJsonArray("allowed_updates").getList());

        // Telegram's POSTs carry the generated secret: accepted; TELEGRAM_WEBHOOK_SECRET no longer is, since a
        // generated secret is stored (Telegram does not send it any more)
        postUpdate(secret).then().statusCode(200);
        postUpdate(ENV_SECRET).then().statusCode(401);
        postUpdate(secret.substring(1) + "x").then().statusCode(401);

        String read = given().auth().oauth2(admin).get("/api/admin/telegram/bot")
                .then().statusCode(200).body("source", equalTo("console")).body("tokenHint", equalTo("7000001:…xyz9"))
                .extract().asString();
        assertFalse(read.contains(TOKEN));
        given().get("/internal/telegram/bot").then().statusCode(200)
                .body("configured", equalTo(true)).body("username", equalTo("sicheebot"));

        // the telegrambots client other components inject follows the new token
        int before = api.calls("getMe").size();
        telegramClient.execute(new GetMe());
        assertEquals(TOKEN, api.calls("getMe").get(before).token());

        given().auth().oauth2(admin).get("/api/admin/telegram/webhook-info")
                .then().statusCode(200)
                .body("url", equalTo("https://switchboard.example/telegram/webhook"))
                .body("allowedUpdates", equalTo(ALLOWED))
                .body("pendingUpdateCount", equalTo(0))
                .body("lastErrorDate", nullValue());

        // DELETE: TELEGRAM_BOT_TOKEN applies again (and gets the webhook)
        given().auth().oauth2(admin).delete("/api/admin/telegram/bot").then().statusCode(204);
        given().auth().oauth2(admin).get("/api/admin/telegram/bot")
                .then().statusCode(200).body("source", equalTo("environment"))
                .body("tokenHint", equalTo("123456:…OKEN"));
        int getMeBefore = api.calls("getMe").size();
        telegramClient.execute(new GetMe());
        assertEquals("123456:TEST-TOKEN", api.calls("getMe").get(getMeBefore).token());
        postUpdate(secret).then().statusCode(401);
        postUpdate(lastSetWebhook(api, "123456:TEST-TOKEN").params().getString("secret_token")).then().statusCode(200);
    }

    @Test
    void switchingToAnotherBotRemovesThePreviousBotsWebhookOnlyWhenItPointsHere() {
        FakeBotApi api = FakeBotApi.current();
        String env = "123456:TEST-TOKEN";
        given().auth().oauth2(admin).post("/api/admin/telegram/webhook/register").then().statusCode(200);
        int before = api.calls("deleteWebhook").size();

        // the environment's bot had its webhook here: once the console bot is registered, the old one goes
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("token", TOKEN))
                .put("/api/admin/telegram/bot").then().statusCode(200).body("webhookRegistered", equalTo(true));
        assertEquals(List.of(env), deletedWebhooks(api, before));
        assertTrue(api.calls().indexOf(lastSetWebhook(api, TOKEN)) < api.calls().indexOf(
                api.calls("deleteWebhook").get(before)), "the new bot's webhook first, then the old one's removed");

        // the same bot again: nothing is removed
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("token", TOKEN))
                .put("/api/admin/telegram/bot").then().statusCode(200);
        assertEquals(List.of(env), deletedWebhooks(api, before));

        // back to the environment's bot: the console bot's webhook goes
        given().auth().oauth2(admin).delete("/api/admin/telegram/bot").then().statusCode(204);
        assertEquals(List.of(env, TOKEN), deletedWebhooks(api, before));

        // a previous bot whose webhook now points elsewhere (another deployment took it over) is left alone
        given().urlEncodingEnabled(false).baseUri("http://127.0.0.1:" + api.port()).contentType(ContentType.JSON)
                .body(Map.of("url", "https://elsewhere.example/hook", "secret_token", "theirs"))
                .post("/bot" + env + "/setwebhook").then().statusCode(200);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("token", TOKEN))
                .put("/api/admin/telegram/bot").then().statusCode(200);
        assertEquals(List.of(env, TOKEN), deletedWebhooks(api, before), () -> api.calls().stream()
                .filter(c -> c.method().contains("webhook")).map(c -> c.method() + " " + c.token() + " "
                        + c.params().getString("url")).toList().toString());
    }

    private static List<String> deletedWebhooks(FakeBotApi api, int from) {
        List<FakeBotApi.Call> calls = api.calls("deleteWebhook");
        return calls.subList(from, calls.size()).stream().map(FakeBotApi.Call::token).toList();
    }

    @Test
    void aTokenTelegramRefusesIs422AndNothingChanges() {
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("token", "7000002:AAEthisIsREFUSED"))
                .put("/api/admin/telegram/bot")
                .then().statusCode(422).contentType("application/problem+json")
                .body("status", equalTo(422)).body("detail", equalTo("Telegram refused this token"))
                .body("instance", equalTo("/api/admin/telegram/bot"));
        for (String malformed : List.of("", "abc", "123:has/slash", "123:has space")) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("token", malformed))
                    .put("/api/admin/telegram/bot")
                    .then().statusCode(422).contentType("application/problem+json");
        }
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"token\":")
                .put("/api/admin/telegram/bot")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).get("/api/admin/telegram/bot")
                .then().statusCode(200).body("source", equalTo("environment"));
    }

    @Test
    void onlyAdminsManageTheBot() {
        List<String[]> endpoints = List.of(new String[]{"GET", "/api/admin/telegram/bot"},
                new String[]{"PUT", "/api/admin/telegram/bot"}, new String[]{"DELETE", "/api/admin/telegram/bot"},
                new String[]{"GET", "/api/admin/telegram/webhook-info"},
                new String[]{"POST", "/api/admin/telegram/webhook/register"});
        for (String[] endpoint : endpoints) {
            given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("token", TOKEN))
                    .request(endpoint[0], endpoint[1])
                    .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
            given().contentType(ContentType.JSON).body(Map.of("token", TOKEN))
                    .request(endpoint[0], endpoint[1])
                    .then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer");
        }
        given().auth().oauth2(admin).get("/api/admin/telegram/bot")
                .then().statusCode(200).body("source", equalTo("environment"));
    }

    @Test
    void reRegisteringGeneratesANewSecretAndOnlyTheNewOneIsAccepted() {
        FakeBotApi api = FakeBotApi.current();
        given().auth().oauth2(admin).post("/api/admin/telegram/webhook/register")
                .then().statusCode(200).body("url", equalTo("https://switchboard.example/telegram/webhook"))
                .body("allowedUpdates", equalTo(ALLOWED));
        String first = lastSetWebhook(api, "123456:TEST-TOKEN").params().getString("secret_token");
        given().auth().oauth2(admin).post("/api/admin/telegram/webhook/register").then().statusCode(200);
        String second = lastSetWebhook(api, "123456:TEST-TOKEN").params().getString("secret_token");
        assertNotEquals(first, second);
        postUpdate(second).then().statusCode(200);
        // the replaced secret stays valid for a grace period (Telegram used it until setWebhook went through) ...
        postUpdate(first).then().statusCode(200);
        // ... and no longer
        expireTheGracePeriod();
        postUpdate(first).then().statusCode(401);
        postUpdate(second).then().statusCode(200);
    }

    @Test
    void aNewSecretIsStoredWithACompareAndSetSoTheFirstReplicaWins() {
        given().auth().oauth2(admin).post("/api/admin/telegram/webhook/register").then().statusCode(200);
        byte[] read = repository.find().orElseThrow().webhookSecretCiphertext();
        byte[] mine = cipher.encrypt("replica-A-secret_0123456789abcdef", ActiveBot.WEBHOOK_SECRET_PURPOSE);
        byte[] theirs = cipher.encrypt("replica-B-secret_0123456789abcdef", ActiveBot.WEBHOOK_SECRET_PURPOSE);
        assertTrue(repository.replaceWebhookSecret(read, theirs, java.time.Instant.now()), "B read the same, won");
        assertFalse(repository.replaceWebhookSecret(read, mine, java.time.Instant.now()), "A read a stale secret");
        assertArrayEquals(theirs, repository.find().orElseThrow().webhookSecretCiphertext());
        assertArrayEquals(read, repository.find().orElseThrow().previousWebhookSecretCiphertext());
        activeBot.reload();
    }

    @Test
    void concurrentRegistrationsLeaveTelegramWithTheStoredSecret() throws Exception {
        FakeBotApi api = FakeBotApi.current();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> given().auth().oauth2(admin)
                        .post("/api/admin/telegram/webhook/register").statusCode()));
            }
            for (java.util.concurrent.Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        expireTheGracePeriod();
        // whatever Telegram was told last is what the webhook accepts, on every replica (all read bot_settings)
        postUpdate(lastSetWebhook(api, "123456:TEST-TOKEN").params().getString("secret_token")).then().statusCode(200);
    }

    @Test
    void aFailedRegistrationStillStoresTheTokenAndSaysWhy() {
        FakeBotApi api = FakeBotApi.current();
        api.replyToNext("setWebhook", 400,
                "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: bad webhook: Failed to resolve host\"}");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("token", TOKEN))
                .put("/api/admin/telegram/bot")
                .then().statusCode(200)
                .body("source", equalTo("console"))
                .body("webhookRegistered", equalTo(false))
                .body("webhookError", containsString("Failed to resolve host"));
        // the refused secret was not kept: without a generated secret the environment's applies
        assertTrue(repository.find().orElseThrow().webhookSecretCiphertext() == null, "refused secret put back");
        given().auth().oauth2(admin).post("/api/admin/telegram/webhook/register").then().statusCode(200);
        given().auth().oauth2(admin).get("/api/admin/telegram/bot").then().statusCode(200)
                .body("webhookRegistered", equalTo(true)).body("webhookError", nullValue());
    }

    @Test
    void onlyOneReplicaChecksTheWebhookAtATime() {
        FakeBotApi api = FakeBotApi.current();
        try (AdvisoryLocks.Lease otherReplica = locks.tryAcquire(AdvisoryLocks.WEBHOOK_MONITOR).orElseThrow()) {
            int before = api.calls("getWebhookInfo").size();
            assertFalse(monitor.check(), "another replica holds the monitor lock");
            assertEquals(before, api.calls("getWebhookInfo").size());
        }
        assertTrue(monitor.check());
        assertTrue(monitor.check(), "the lock is released after each check");
    }

    private void expireTheGracePeriod() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update bot_settings set webhook_secret_rotated_at = now() - interval '2 minutes'");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        activeBot.reload();
    }

    @Test
    void aGrowingQueueAndANewErrorAreMeasured() {
        FakeBotApi api = FakeBotApi.current();
        api.webhookState(3, null);
        monitor.check();
        double errorsBefore = metric("telegram_webhook_errors_total");
        api.webhookState(5, 1_700_000_000L);
        monitor.check();
        assertEquals(5.0, metric("telegram_webhook_pending_updates"));
        assertEquals(errorsBefore + 1, metric("telegram_webhook_errors_total"));
        monitor.check(); // same error date: not counted again
        assertEquals(errorsBefore + 1, metric("telegram_webhook_errors_total"));
        given().auth().oauth2(admin).get("/api/admin/telegram/webhook-info")
                .then().statusCode(200).body("pendingUpdateCount", equalTo(5))
                .body("lastErrorDate", equalTo("2023-11-14T22:13:20Z"))
                .body("lastErrorMessage", equalTo("Connection refused"));
        api.webhookState(0, null);
    }

    @Test
    void theTokenNeverReachesALogLineARowOrAnAnswer() throws Exception {
        FakeBotApi api = FakeBotApi.current();
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLoggerName() != null && record.getLoggerName().startsWith("org.apache.http")) {
                    return; // the test's own HTTP client (rest-assured) writing the PUT body it sends
                }
                StringBuilder line = new StringBuilder(record.getLoggerName() + ": ");
                line.append(record.getMessage());
                if (record.getParameters() != null) {
                    for (Object p : record.getParameters()) {
                        line.append(' ').append(p);
                    }
                }
                for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                    line.append(' ').append(t);
                }
                synchronized (lines) {
                    lines.add(line.toString());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        java.util.logging.Level level = root.getLevel();
        root.addHandler(capture);
        root.setLevel(java.util.logging.Level.ALL);
        List<String> answers = new ArrayList<>();
        try {
            answers.add(given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("token", TOKEN))
                    .put("/api/admin/telegram/bot").then().statusCode(200).extract().asString());
            answers.add(given().auth().oauth2(admin).get("/api/admin/telegram/bot").asString());
            answers.add(given().auth().oauth2(admin).get("/api/admin/telegram/webhook-info").asString());
            answers.add(given().auth().oauth2(admin).post("/api/admin/telegram/webhook/register").asString());
            byte[] bytes = new byte[4096];
            ThreadLocalRandom.current().nextBytes(bytes);
            api.addFile("leak-check", bytes);
            given().get("/internal/telegram/files/leak-check").then().statusCode(200);
            answers.add(given().get("/internal/telegram/files/gone").then().statusCode(404).extract().asString());
            answers.add(given().get("/internal/telegram/bot").asString());
            answers.add(given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("token", "7000003:AAEnotTHISoneREFUSED")).put("/api/admin/telegram/bot").asString());
        } finally {
            root.removeHandler(capture);
            root.setLevel(level);
        }
        assertTrue(api.calls("file").stream().anyMatch(c -> c.token().equals(TOKEN)), "the file came from Telegram");
        String secretPart = TOKEN.substring(TOKEN.indexOf(':') + 1);
        synchronized (lines) {
            assertTrue(lines.stream().anyMatch(l -> l.contains("7000001:…xyz9")), "the service's lines were captured, "
                    + "with the token's hint only: " + lines);
            for (String line : lines) {
                assertFalse(line.contains(secretPart) || line.contains("REFUSED"), line);
            }
        }
        for (String answer : answers) {
            assertFalse(answer.contains(secretPart), answer);
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("select * from bot_settings")) {
            assertTrue(rows.next(), "a stored row");
            for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                byte[] raw = rows.getBytes(column);
                String asText = raw == null ? "" : new String(raw, StandardCharsets.ISO_8859_1);
                assertFalse(asText.contains(secretPart), rows.getMetaData().getColumnName(column));
                String text = rows.getString(column);
                assertFalse(text != null && text.contains(secretPart), rows.getMetaData().getColumnName(column));
            }
        }
    }

    private static FakeBotApi.Call lastSetWebhook(FakeBotApi api, String token) {
        List<FakeBotApi.Call> calls = api.calls("setWebhook").stream().filter(c -> c.token().equals(token)).toList();
        assertFalse(calls.isEmpty(), "setWebhook for " + token.substring(0, 6));
        return calls.get(calls.size() - 1);
    }

    private static io.restassured.response.Response postUpdate(String secret) {
        long id = ThreadLocalRandom.current().nextLong(1, 1L << 40);
        return given().header(HEADER, secret).contentType("application/json")
                .body("{\"update_id\":" + id + ",\"message\":{\"message_id\":1,\"date\":1,\"chat\":{\"id\":42,"
                        + "\"type\":\"private\"},\"text\":\"hi\"}}")
                .post("/telegram/webhook");
    }

    private static double metric(String name) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError(name + " missing from /q/metrics");
    }
}
