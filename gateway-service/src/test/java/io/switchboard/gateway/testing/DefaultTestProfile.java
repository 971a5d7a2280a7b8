package io.switchboard.gateway.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The profile of most tests: a known first-admin password, a login rate limit loose enough for the many logins the
 * tests make from one address, the loopback as a trusted proxy (so that a test names its client address with
 * {@code X-Forwarded-For}) and {@value #WIDGET_SITE} as a site allowed to use the widget API.
 */
public class DefaultTestProfile implements QuarkusTestProfile {

    /** Username of the first admin in tests. */
    public static final String ADMIN_USERNAME = "admin";
    /** Password of the first admin in tests. */
    public static final String ADMIN_PASSWORD = "test-only-admin-password-7f3b";
    /** The site allowed to use the widget API (besides the gateway's own host). */
    public static final String WIDGET_SITE = "https://shop.example.com";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "switchboard.identity.initial-admin.password", ADMIN_PASSWORD,
                "switchboard.identity.login-rate-limit.capacity", "1000",
                "switchboard.widget.trusted-proxies", "127.0.0.1,::1",
                "switchboard.widget.allowed-origins", WIDGET_SITE);
    }
}
