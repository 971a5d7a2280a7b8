package io.switchboard.ingest.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * Table {@code completed_command (command_id uuid, completed_at timestamptz)}: the {@code commandId}s of the
 * {@code TelegramCommand}s whose result was published, shared by every replica, so a redelivered command is skipped
 * even on a replica that never saw it. Plain JDBC. Blocking: call from worker threads only.
 *
 * @throws IllegalStateException (from every method) when the database fails
 */
@ApplicationScoped
public class CompletedCommands {

    private final AgroalDataSource dataSource;

    CompletedCommands(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether {@code commandId} was recorded as completed (and not purged yet). */
    public boolean contains(UUID commandId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select 1 from completed_command where command_id = ?")) {
            s.setObject(1, commandId);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** Records {@code commandId} as completed at {@code completedAt}; a second record of it changes nothing. */
    public void record(UUID commandId, Instant completedAt) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("insert into completed_command (command_id, completed_at) "
                     + "values (?, ?) on conflict (command_id) do nothing")) {
            s.setObject(1, commandId);
            s.setTimestamp(2, Timestamp.from(completedAt));
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    /**
     * Deletes the commands completed before {@code cutoff}.
     *
     * @return how many rows were deleted
     */
    public int purgeOlderThan(Instant cutoff) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("delete from completed_command where completed_at < ?")) {
            s.setTimestamp(1, Timestamp.from(cutoff));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw failure("purge", e);
        }
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("Could not " + what + " completed_command: " + e.getMessage(), e);
    }
}
