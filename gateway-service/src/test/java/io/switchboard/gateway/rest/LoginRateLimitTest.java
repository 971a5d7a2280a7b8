package io.switchboard.gateway.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

@QuarkusTest
@TestProfile(LoginRateLimitTest.ThreePerMinute.class)
class LoginRateLimitTest {

    /** Three login attempts per client address and minute. */
    public static class ThreePerMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "switchboard.identity.login-rate-limit.capacity", "3",
                    "switchboard.identity.login-rate-limit.period", "PT1M");
        }
    }

    @Test
    void aClientThatTriesTooOftenIsToldToWait() {
        for (int attempt = 1; attempt <= 3; attempt++) {
            AuthResourceTest.login("nobody", "guess " + attempt).then().statusCode(401);
        }
        AuthResourceTest.login("nobody", "guess 4").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", Integer::parseInt, allOf(greaterThanOrEqualTo(1), lessThanOrEqualTo(20)))
                .body("status", equalTo(429))
                .body("instance", equalTo("/api/auth/login"));
        // only the login is limited
        AuthResourceTest.refresh("bm90LWEtcmVhbC10b2tlbi1ub3QtYS1yZWFsLXRva2VuLXh4").then().statusCode(401);
    }
}
