package io.switchboard.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Quarkus test resource: a fresh, uniquely named database on the loopback Postgres server (so that runs never see
 * each other's rows), dropped when the test run stops. Sets the reactive and JDBC (Flyway) URLs and the user.
 *
 * <p>Server from {@code PGHOST} (127.0.0.1), {@code PGPORT} (5432), {@code PGUSER} (postgres),
 * {@code PGPASSWORD} (empty: trust auth on this machine).
 */
public class PostgresDatabaseResource implements QuarkusTestResourceLifecycleManager {

    private String database;

    /**
     * Creates a new empty database and returns its name.
     *
     * @param prefix name prefix, e.g. "conv"
     * @throws IllegalStateException when Postgres cannot be reached
     */
    public static String createDatabase(String prefix) {
        String name = (prefix + "_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + name);
        return name;
    }

    /** Drops {@code name}, disconnecting whoever is still connected. */
    public static void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** Host of the test Postgres server. */
    public static String host() {
        return env("PGHOST", "127.0.0.1");
    }

    /** Port of the test Postgres server. */
    public static String port() {
        return env("PGPORT", "5432");
    }

    /** User of the test Postgres server. */
    public static String user() {
        return env("PGUSER", "postgres");
    }

    /** Password of the test Postgres server (may be empty). */
    public static String password() {
        return env("PGPASSWORD", "");
    }

    /** Quarkus datasource properties pointing at {@code database}. */
    public static Map<String, String> datasourceConfig(String database) {
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + host() + ":" + port() + "/" + database,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + host() + ":" + port() + "/" + database,
                "quarkus.datasource.username", user(),
                "quarkus.datasource.password", password());
    }

    @Override
    public Map<String, String> start() {
        database = createDatabase("sb");
        return datasourceConfig(database);
    }

    @Override
    public void stop() {
        if (database != null) {
            dropDatabase(database);
        }
    }

    private static void execute(String sql) {
        String url = "jdbc:postgresql://" + host() + ":" + port() + "/postgres";
        try (Connection c = DriverManager.getConnection(url, user(), password()); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Postgres at " + url + " refused '" + sql + "': " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
