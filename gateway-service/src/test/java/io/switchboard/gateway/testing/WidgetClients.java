package io.switchboard.gateway.testing;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import io.switchboard.testing.TestJwt;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/**
 * Plays widget customers against the gateway under test. Client addresses are random ones of the benchmarking range
 * 198.18.0.0/15, named with {@code X-Forwarded-For} (the loopback is a trusted proxy in {@link DefaultTestProfile}),
 * so that no two tests, nor two runs within a minute, share a rate-limit bucket in Redis.
 */
public final class WidgetClients {

    private WidgetClients() {
    }

    /** A widget conversation as {@code POST /api/widget/conversations} answered it. */
    public record Started(UUID conversationId, String token, String refreshToken, String codename) {
    }

    /** A fresh random client address of 198.18.0.0/15. */
    public static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198." + (18 + random.nextInt(2)) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    /** {@code POST /api/widget/conversations} from {@code address} with {@code body}. */
    public static Response postStart(String address, Map<String, ?> body) {
        return given().header("X-Forwarded-For", address).contentType(ContentType.JSON).body(body)
                .post("/api/widget/conversations");
    }

    /** Starts a conversation from a fresh address; fails unless the answer is 201. */
    public static Started start() {
        Response response = postStart(randomAddress(), Map.of("nickname", "Ada", "locale", "en"));
        response.then().statusCode(201);
        return new Started(UUID.fromString(response.path("conversationId")), response.path("token"),
                response.path("refreshToken"), response.path("codename"));
    }

    /** {@code POST /api/widget/conversations/{id}/messages} with {@code token} from {@code address}. */
    public static Response postMessage(String token, UUID conversationId, String address, String text,
                                       String clientMessageId) {
        return given().auth().oauth2(token).header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("text", text, "clientMessageId", clientMessageId))
                .post("/api/widget/conversations/" + conversationId + "/messages");
    }

    /** A fresh client message id as the widget makes them. */
    public static String clientMessageId() {
        return "cm_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A customer token signed with the test key, as the gateway would issue it (10 minutes). */
    public static String customerToken(UUID customerId, UUID conversationId) {
        return Jwt.issuer(TestJwt.ISSUER)
                .subject(customerId.toString())
                .groups(Set.of("customer"))
                .claim("conversation", conversationId.toString())
                .expiresIn(600)
                .sign(TestJwt.privateKey());
    }
}
