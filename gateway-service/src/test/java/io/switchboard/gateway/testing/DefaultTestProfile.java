package io.switchboard.gateway.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The profile of most tests: a known first-admin password, and a login rate limit loose enough for the many logins
 * the tests make from one address.
 */
public class DefaultTestProfile implements QuarkusTestProfile {

    /** Username of the first admin in tests. */
    public static final String ADMIN_USERNAME = "admin";
    /** Password of the first admin in tests. */
    public static final String ADMIN_PASSWORD = "test-only-admin-password-7f3b";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "switchboard.identity.initial-admin.password", ADMIN_PASSWORD,
                "switchboard.identity.login-rate-limit.capacity", "1000");
    }
}
