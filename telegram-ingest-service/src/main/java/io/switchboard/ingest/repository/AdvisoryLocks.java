package io.switchboard.ingest.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Elects one replica for a job with a Postgres session-level advisory lock ({@code pg_try_advisory_lock(key)}) held
 * on a dedicated connection of the settings database: whoever holds the {@link Lease} runs the job; the others try
 * again later. The lock is released by {@link Lease#close()} or, when the replica dies, by Postgres as the session
 * ends. Blocking: call from worker threads only.
 */
@ApplicationScoped
public class AdvisoryLocks {

    /** Lock key of the long-polling replica ({@code UpdatePoller}): Telegram allows one getUpdates per bot. */
    public static final long UPDATE_POLLER = 0x5377_4267_0000_0001L;
    /** Lock key of one webhook check ({@code WebhookMonitor}). */
    public static final long WEBHOOK_MONITOR = 0x5377_4267_0000_0002L;

    private static final Logger LOG = Logger.getLogger(AdvisoryLocks.class);

    private final AgroalDataSource dataSource;

    AdvisoryLocks(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Takes the lock {@code key} without waiting.
     *
     * @return the lease (close it to release), or empty when another session holds it or the database failed (logged)
     */
    public Optional<Lease> tryAcquire(long key) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            try (PreparedStatement s = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
                s.setLong(1, key);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next() && r.getBoolean(1)) {
                        return Optional.of(new Lease(connection, key));
                    }
                }
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            LOG.warnf("Could not try advisory lock %d: %s", key, e.getMessage());
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // already failing
                }
            }
            return Optional.empty();
        }
    }

    /** A held advisory lock and the connection (session) that holds it. */
    public static final class Lease implements AutoCloseable {
        private final Connection connection;
        private final long key;
        private boolean closed;

        private Lease(Connection connection, long key) {
            this.connection = connection;
            this.key = key;
        }

        /** Whether the session holding the lock is still alive (a lost connection means a lost lock). */
        public synchronized boolean held() {
            try {
                return !closed && connection.isValid(2);
            } catch (SQLException e) {
                return false;
            }
        }

        /** Releases the lock ({@code pg_advisory_unlock}) and gives the connection back. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try (PreparedStatement s = connection.prepareStatement("select pg_advisory_unlock(?)")) {
                s.setLong(1, key);
                s.execute();
            } catch (SQLException e) {
                LOG.debugf("Releasing advisory lock %d failed (the session is probably gone): %s", key,
                        e.getMessage());
            } finally {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // nothing left to release
                }
            }
        }
    }
}
