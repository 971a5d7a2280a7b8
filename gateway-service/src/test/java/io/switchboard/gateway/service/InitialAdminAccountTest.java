package io.switchboard.gateway.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.switchboard.gateway.testing.Operators;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(InitialAdminAccountTest.NoAdminPassword.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InitialAdminAccountTest {

    private static final Pattern BANNER = Pattern.compile(
            "Initial admin account: username=admin password=(\\S+) \\(shown once; set ADMIN_PASSWORD to choose it\\)");

    /** No ADMIN_PASSWORD, and the log also goes to a file the test can read. */
    public static class NoAdminPassword implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "switchboard.identity.initial-admin.password", "",
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", "target/initial-admin-" + UUID.randomUUID() + ".log");
        }
    }

    @Inject
    InitialAdminAccount initialAdmin;

    @Inject
    AgroalDataSource dataSource;

    @Test
    @Order(1)
    void theFirstAdminGetsAGeneratedPasswordShownOnceAndIsNeverCreatedTwice() throws Exception {
        List<String> passwords = bannerPasswords();
        assertEquals(1, passwords.size(), "exactly one banner line");
        String password = passwords.get(0);
        assertTrue(password.matches("[A-Za-z0-9_-]{24}"), "a strong generated password");

        given().contentType(ContentType.JSON).body(Map.of("username", "admin", "password", password))
                .post("/api/auth/login")
                .then().statusCode(200).body("operator.role", equalTo("ADMIN"));

        assertFalse(initialAdmin.ensureExists());
        assertEquals(1, Operators.count(dataSource, "select count(*) from operator"));
        assertEquals(1, bannerPasswords().size());
    }

    @Test
    @Order(2)
    void replicasStartingTogetherCreateOneAdmin() throws Exception {
        Operators.update(dataSource, "delete from operator");
        ExecutorService replicas = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(replicas.submit((Callable<Boolean>) initialAdmin::ensureExists));
            }
            int created = 0;
            for (Future<Boolean> result : results) {
                created += result.get() ? 1 : 0;
            }
            assertEquals(1, created);
            assertEquals(1, Operators.count(dataSource, "select count(*) from operator where role = 'ADMIN'"));
        } finally {
            replicas.shutdownNow();
        }
    }

    private static List<String> bannerPasswords() throws Exception {
        Path log = Path.of(ConfigProvider.getConfig().getValue("quarkus.log.file.path", String.class));
        List<String> passwords = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher matcher = BANNER.matcher(line);
            if (matcher.find()) {
                passwords.add(matcher.group(1));
            }
        }
        return passwords;
    }
}
