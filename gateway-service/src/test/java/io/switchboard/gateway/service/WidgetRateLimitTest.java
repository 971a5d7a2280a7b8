package io.switchboard.gateway.service;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.gateway.domain.RateLimit;
import io.switchboard.gateway.repository.RateLimitBuckets;
import io.switchboard.gateway.testing.DefaultTestProfile;
import io.switchboard.gateway.testing.OnVertxContext;
import io.switchboard.gateway.testing.WidgetClients;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The widget's rate limits on the real Redis: per client address (named by X-Forwarded-For from the trusted
 * loopback proxy; IPv6 per /64) for starts, messages, token refreshes and reads, per conversation for messages and
 * nickname changes (after the nickname rule), all answered 429 + Retry-After, and kept in Redis rather than in the
 * replica.
 */
@QuarkusTest
@TestProfile(DefaultTestProfile.class)
class WidgetRateLimitTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RateLimitBuckets buckets;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URI gateway;

    @Test
    void tenStartsAMinutePerAddressThenTooManyRequestsWhileAnotherAddressIsUnaffected() {
        String flooder = WidgetClients.randomAddress();
        for (int i = 0; i < 10; i++) {
            WidgetClients.postStart(flooder, Map.of()).then().statusCode(201);
        }
        Response refused = WidgetClients.postStart(flooder, Map.of());
        refused.then().statusCode(429)
                .contentType("application/problem+json")
                .body("status", equalTo(429))
                .body("title", equalTo("Too Many Requests"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 6, "one start regained every 6 s, got " + retryAfter);

        WidgetClients.postStart(WidgetClients.randomAddress(), Map.of()).then().statusCode(201);
        long ttl = redis.key().pttl("ratelimit:create-ip:" + flooder);
        assertTrue(ttl > 0 && ttl <= 60_000, "the bucket is in Redis and expires once full again: " + ttl);
    }

    @Test
    void aConversationGetsABurstOfTenMessagesThenTwentyAMinuteWhateverItsAddress() {
        WidgetClients.Started started = WidgetClients.start();
        for (int i = 0; i < 10; i++) {
            // a different address each time: only the conversation's bucket counts here
            WidgetClients.postMessage(started.token(), started.conversationId(), WidgetClients.randomAddress(),
                    "message " + i, WidgetClients.clientMessageId()).then().statusCode(202);
        }
        Response refused = WidgetClients.postMessage(started.token(), started.conversationId(),
                WidgetClients.randomAddress(), "one too many", WidgetClients.clientMessageId());
        refused.then().statusCode(429).contentType("application/problem+json");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 3, "one message regained every 3 s, got " + retryAfter);

        WidgetClients.Started other = WidgetClients.start();
        WidgetClients.postMessage(other.token(), other.conversationId(), WidgetClients.randomAddress(), "hello",
                WidgetClients.clientMessageId()).then().statusCode(202);
    }

    @Test
    void anAddressGetsThirtyMessagesAMinuteAcrossConversations() {
        String address = WidgetClients.randomAddress();
        List<WidgetClients.Started> conversations = List.of(WidgetClients.start(), WidgetClients.start(),
                WidgetClients.start(), WidgetClients.start());
        for (int i = 0; i < 30; i++) {
            WidgetClients.Started started = conversations.get(i % 4); // at most 8 each: under the burst of 10
            WidgetClients.postMessage(started.token(), started.conversationId(), address, "message " + i,
                    WidgetClients.clientMessageId()).then().statusCode(202);
        }
        WidgetClients.Started fresh = WidgetClients.start();
        Response refused = WidgetClients.postMessage(fresh.token(), fresh.conversationId(), address, "flood",
                WidgetClients.clientMessageId());
        refused.then().statusCode(429);
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "one message regained every 2 s, got " + retryAfter);

        // the same customer from another address (a phone changing networks) goes on
        WidgetClients.postMessage(fresh.token(), fresh.conversationId(), WidgetClients.randomAddress(), "hi",
                WidgetClients.clientMessageId()).then().statusCode(202);
    }

    @Test
    void theClientIsTheLastHopBeforeTheTrustedProxyNotWhatTheClientClaims() {
        String real = WidgetClients.randomAddress();
        for (int i = 0; i < 10; i++) {
            WidgetClients.postStart(real, Map.of()).then().statusCode(201);
        }
        // a client that puts a made-up address in front of the one the proxy appended gains nothing
        WidgetClients.postStart(WidgetClients.randomAddress() + ", " + real, Map.of()).then().statusCode(429);
        // and a chain of trusted proxies is walked back to the client
        WidgetClients.postStart(real + ", 127.0.0.1", Map.of()).then().statusCode(429);
        WidgetClients.postStart("not-an-ip, " + WidgetClients.randomAddress(), Map.of()).then().statusCode(201);
    }

    @Test
    void forwardedForFromAPeerThatIsNotATrustedProxyIsIgnored() throws Exception {
        // 127.0.0.2 is a loopback address too, but not a trusted proxy: its X-Forwarded-For is not believed, so
        // every request counts against 127.0.0.2 itself
        String untrusted = "127.0.0.2";
        redis.key().del("ratelimit:create-ip:" + untrusted);
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setLocalAddress(untrusted));
        try {
            for (int i = 0; i < 10; i++) {
                assertEquals(201, startFrom(client, WidgetClients.randomAddress()));
            }
            assertEquals(429, startFrom(client, WidgetClients.randomAddress()));
        } finally {
            client.close();
            redis.key().del("ratelimit:create-ip:" + untrusted);
        }
    }

    @Test
    void theNicknameMayChangeThreeTimesAnHour() {
        WidgetClients.Started started = WidgetClients.start();
        String path = "/api/widget/conversations/" + started.conversationId();
        int before = conversationServiceCount();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(started.token()).contentType(ContentType.JSON)
                    .body(Map.of("nickname", "Ada " + i))
                    .patch(path)
                    .then().statusCode(200)
                    .body("upstream", equalTo("conversation-service"))
                    .body("method", equalTo("PATCH"))
                    .body("body", equalTo("{\"nickname\":\"Ada " + i + "\"}"))
                    .body("headers.authorization", equalTo("Bearer " + started.token()));
        }
        Response refused = given().auth().oauth2(started.token()).contentType(ContentType.JSON)
                .body(Map.of("nickname", "Ada 4")).patch(path);
        refused.then().statusCode(429).contentType("application/problem+json");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter > 60 && retryAfter <= 1200, "one change regained every 20 min, got " + retryAfter);
        assertEquals(before + 3, conversationServiceCount(), "the refused change was not forwarded");

        WidgetClients.Started other = WidgetClients.start();
        given().auth().oauth2(other.token()).contentType(ContentType.JSON).body(Map.of("nickname", "Bo"))
                .patch("/api/widget/conversations/" + other.conversationId())
                .then().statusCode(200);
    }

    @Test
    void everyAddressOfAnIpv6Slash64SharesOneBucketForStartsAsForMessages() {
        String network = randomIpv6Network();
        for (int host = 1; host <= 10; host++) {
            WidgetClients.postStart(network + ":" + Integer.toHexString(host) + "::" + host, Map.of())
                    .then().statusCode(201);
        }
        // another host of the same /64 (a customer rotating privacy addresses) gets no more starts
        WidgetClients.postStart(network + ":ffff:ffff:ffff:fffe", Map.of()).then().statusCode(429);
        assertTrue(redis.key().pttl("ratelimit:create-ip:" + network + "::/64") > 0, "one bucket for the /64");
        // another /64 is another client
        WidgetClients.postStart(randomIpv6Network() + "::1", Map.of()).then().statusCode(201);

        // messages were keyed by the /64 already: both limits now name the client the same way
        WidgetClients.Started started = WidgetClients.start();
        WidgetClients.postMessage(started.token(), started.conversationId(), network + "::7", "hi",
                WidgetClients.clientMessageId()).then().statusCode(202);
        assertTrue(redis.key().pttl("ratelimit:message-ip:" + network + "::/64") > 0);
    }

    @Test
    void tokenRefreshesAreLimitedPerAddressBeforeTheTokenIsLookedAt() {
        String address = WidgetClients.randomAddress();
        long started = System.nanoTime();
        int answered = 0;
        Response refused = null;
        while (answered < 100) {
            Response response = refresh(address, "u" + UUID.randomUUID().toString().replace("-", "") + "0123456789");
            if (response.statusCode() == 429) {
                refused = response;
                break;
            }
            response.then().statusCode(401);
            answered++;
        }
        assertTrue(refused != null, "no 429 after 100 refreshes from one address");
        assertAllowed(answered, 30, 2_000, started);
        refused.then().contentType("application/problem+json").body("status", equalTo(429));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "one refresh regained every 2 s, got " + retryAfter);

        // a valid token presented from the limited address is not used up: it still works from elsewhere
        WidgetClients.Started conversation = WidgetClients.start();
        refresh(address, conversation.refreshToken()).then().statusCode(429);
        refresh(WidgetClients.randomAddress(), conversation.refreshToken()).then().statusCode(200);
    }

    @Test
    void widgetReadsAreLimitedPerAddress() {
        WidgetClients.Started conversation = WidgetClients.start();
        String address = WidgetClients.randomAddress();
        int before = conversationServiceCount();
        long started = System.nanoTime();
        int answered = 0;
        Response refused = null;
        while (answered < 400) {
            String path = "/api/widget/conversations/" + conversation.conversationId() + (answered % 2 == 0 ? ""
                    : "/messages?limit=50");
            Response response = given().auth().oauth2(conversation.token()).header("X-Forwarded-For", address)
                    .get(path);
            if (response.statusCode() == 429) {
                refused = response;
                break;
            }
            response.then().statusCode(200).body("upstream", equalTo("conversation-service"));
            answered++;
        }
        assertTrue(refused != null, "no 429 after 400 reads from one address");
        assertAllowed(answered, 120, 500, started);
        refused.then().contentType("application/problem+json").body("status", equalTo(429));
        assertEquals("1", refused.header("Retry-After"), "one read regained every 0.5 s");
        assertEquals(before + answered, conversationServiceCount(), "the refused read was not forwarded");

        // the same customer from another address reads on
        given().auth().oauth2(conversation.token()).header("X-Forwarded-For", WidgetClients.randomAddress())
                .get("/api/widget/conversations/" + conversation.conversationId())
                .then().statusCode(200);
    }

    @Test
    void aNicknameThatWouldBeRefusedIsAnsweredHereAndCostsNoChange() {
        WidgetClients.Started started = WidgetClients.start();
        String path = "/api/widget/conversations/" + started.conversationId();
        int before = conversationServiceCount();
        for (Object nickname : List.of("x", " y ", "z".repeat(33), "see www.shop", "shop.example/deal",
                "HTTP://evil", "t.me/spam", "\u202Eevil", "two\nlines", "")) {
            given().auth().oauth2(started.token()).contentType(ContentType.JSON)
                    .body(Map.of("nickname", nickname))
                    .patch(path)
                    .then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("status", equalTo(422));
        }
        given().auth().oauth2(started.token()).contentType(ContentType.JSON).body(Map.of("nickname", "a"))
                .patch(path)
                .then().statusCode(422).body("detail", equalTo("nickname must be 2 to 32 characters long"));
        given().auth().oauth2(started.token()).contentType(ContentType.JSON).body(Map.of())
                .patch(path)
                .then().statusCode(422).body("detail", equalTo("nickname is required"));
        given().auth().oauth2(started.token()).contentType(ContentType.JSON).body("{\"nickname\": ")
                .patch(path)
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(started.token()).contentType(ContentType.JSON)
                .body("{\"nickname\":\"" + "a".repeat(5000) + "\"}")
                .patch(path)
                .then().statusCode(413).contentType("application/problem+json");
        assertEquals(before, conversationServiceCount(), "nothing was forwarded");

        // all three changes of the hour are still there, and the body goes on exactly as sent
        for (int i = 0; i < 3; i++) {
            String body = "{ \"nickname\" : \"  Ada " + i + "\" }";
            given().auth().oauth2(started.token()).contentType(ContentType.JSON).body(body)
                    .patch(path)
                    .then().statusCode(200)
                    .body("body", equalTo(body));
        }
        given().auth().oauth2(started.token()).contentType(ContentType.JSON).body(Map.of("nickname", "Ada 4"))
                .patch(path)
                .then().statusCode(429);
    }

    @Test
    void aBucketAnotherReplicaEmptiedLimitsThisOneAndForgettingItInRedisFreesIt() {
        // another replica used up this address's ten starts: its state is only in Redis
        String address = WidgetClients.randomAddress();
        String key = "ratelimit:create-ip:" + address;
        long redisNow = redisMillis();
        redis.value(String.class).psetex(key, 60_000, Long.toString(redisNow + 60_000));
        WidgetClients.postStart(address, Map.of()).then().statusCode(429);

        // nothing is remembered in this replica: once Redis forgets the bucket, the address may start again
        redis.key().del(key);
        WidgetClients.postStart(address, Map.of()).then().statusCode(201);
    }

    @Test
    void theScriptTakesFromEveryBucketOrFromNone() {
        String scope = "test-" + UUID.randomUUID();
        RateLimit empty = RateLimit.of(scope, "a", 1, Duration.ofMinutes(1));
        RateLimit full = RateLimit.of(scope, "b", 2, Duration.ofMinutes(1));
        assertEquals(Duration.ZERO, take(List.of(empty)));

        Duration wait = take(List.of(full, empty));
        assertTrue(wait.compareTo(Duration.ofSeconds(50)) > 0 && wait.compareTo(Duration.ofSeconds(60)) <= 0,
                "the empty bucket refills in a minute: " + wait);
        // the refused call took nothing from the full bucket: it still holds both tokens
        assertEquals(Duration.ZERO, take(List.of(full)));
        assertEquals(Duration.ZERO, take(List.of(full)));
        assertTrue(take(List.of(full)).compareTo(Duration.ZERO) > 0);
        redis.key().del(empty.key(), full.key());
    }

    private Duration take(List<RateLimit> limits) {
        return OnVertxContext.await(vertx, () -> buckets.take(limits));
    }

    /**
     * {@code answered} requests went through before the 429: the bucket's {@code capacity}, plus at most the tokens
     * regained (one every {@code intervalMillis}) while the test was sending them.
     */
    private static void assertAllowed(int answered, int capacity, long intervalMillis, long startedNanos) {
        long elapsedMillis = (System.nanoTime() - startedNanos) / 1_000_000;
        long regained = elapsedMillis / intervalMillis + 1;
        assertTrue(answered >= capacity && answered <= capacity + regained,
                answered + " answered in " + elapsedMillis + " ms; capacity " + capacity);
    }

    private static Response refresh(String address, String refreshToken) {
        return given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("refreshToken", refreshToken)).post("/api/widget/token");
    }

    /** A random /64 of the documentation range 2001:db8::/32, as its first four groups. */
    private static String randomIpv6Network() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return "2001:db8:" + Integer.toHexString(1 + random.nextInt(0xfffe)) + ":"
                + Integer.toHexString(1 + random.nextInt(0xfffe));
    }

    private long redisMillis() {
        var time = redis.execute("TIME");
        return time.get(0).toLong() * 1000 + time.get(1).toLong() / 1000;
    }

    private int startFrom(HttpClient client, String forwardedFor) throws Exception {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setHost("127.0.0.1").setPort(gateway.getPort()).setURI("/api/widget/conversations")
                .putHeader("Content-Type", "application/json").putHeader("X-Forwarded-For", forwardedFor);
        return client.request(options)
                .compose(request -> request.send(new JsonObject().encode()))
                .map(response -> response.statusCode())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static int conversationServiceCount() {
        String base = ConfigProvider.getConfig().getValue("CONVERSATION_SERVICE_URL", String.class);
        return Integer.parseInt(given().baseUri(base).get("/__fake/count").asString());
    }
}
