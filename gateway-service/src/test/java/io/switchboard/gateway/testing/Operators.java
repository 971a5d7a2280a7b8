package io.switchboard.gateway.testing;

import at.favre.lib.crypto.bcrypt.BCrypt;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** Writes and reads operators straight in the test database (JDBC), for arranging and checking tests. */
public final class Operators {

    private Operators() {
    }

    /**
     * Inserts an operator with a bcrypt hash (cost 4, to keep tests fast) of {@code password}.
     *
     * @return the new operator's id
     */
    public static UUID create(DataSource dataSource, String username, String password, String role, boolean active) {
        UUID id = UUID.randomUUID();
        String hash = BCrypt.withDefaults().hashToString(4, password.toCharArray());
        update(dataSource, "insert into operator (id, username, display_name, password_hash, role, active) "
                + "values ('" + id + "', ?, ?, ?, ?, ?)", username, "Display " + username, hash, role, active);
        return id;
    }

    /** Runs one statement with parameters. */
    public static void update(DataSource dataSource, String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Username of the operator with this id. */
    public static String usernameOf(DataSource dataSource, UUID id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select username from operator where id = ?")) {
            s.setObject(1, id);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The single long value of a query such as {@code select count(*) ...}. */
    public static long count(DataSource dataSource, String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
