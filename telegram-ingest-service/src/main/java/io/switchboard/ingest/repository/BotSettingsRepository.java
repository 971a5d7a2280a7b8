package io.switchboard.ingest.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/**
 * The single {@code bot_settings} row (id 1), with plain JDBC. Blocking: call from worker threads only.
 *
 * @throws IllegalStateException (from every method) when the database fails
 */
@ApplicationScoped
public class BotSettingsRepository {

    private final AgroalDataSource dataSource;

    BotSettingsRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The row, if any was ever written. */
    public Optional<BotSettingsRow> find() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select token_ciphertext, bot_id, username, first_name, "
                     + "token_hint, webhook_secret_ciphertext, updated_at from bot_settings where id = 1");
             ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                return Optional.empty();
            }
            long botId = r.getLong(2);
            Long id = r.wasNull() ? null : botId;
            return Optional.of(new BotSettingsRow(r.getBytes(1), id, r.getString(3), r.getString(4), r.getString(5),
                    r.getBytes(6), r.getTimestamp(7).toInstant()));
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** Stores a new token (and its getMe identity); forgets the generated webhook secret, which was the old bot's. */
    public void saveToken(byte[] tokenCiphertext, long botId, String username, String firstName, String tokenHint,
                          Instant now) {
        update("insert into bot_settings (id, token_ciphertext, bot_id, username, first_name, token_hint, "
                        + "webhook_secret_ciphertext, updated_at) values (1, ?, ?, ?, ?, ?, null, ?) "
                        + "on conflict (id) do update set token_ciphertext = excluded.token_ciphertext, "
                        + "bot_id = excluded.bot_id, username = excluded.username, first_name = excluded.first_name, "
                        + "token_hint = excluded.token_hint, webhook_secret_ciphertext = null, "
                        + "updated_at = excluded.updated_at",
                tokenCiphertext, botId, username, firstName, tokenHint, Timestamp.from(now));
    }

    /** Removes the stored token and the generated webhook secret (the environment's token applies again). */
    public void clearToken(Instant now) {
        update("update bot_settings set token_ciphertext = null, bot_id = null, username = null, first_name = null, "
                + "token_hint = null, webhook_secret_ciphertext = null, updated_at = ? where id = 1", Timestamp.from(now));
    }

    /** Stores a newly generated webhook secret for the bot in use. */
    public void saveWebhookSecret(byte[] secretCiphertext, Instant now) {
        update("insert into bot_settings (id, webhook_secret_ciphertext, updated_at) values (1, ?, ?) "
                + "on conflict (id) do update set webhook_secret_ciphertext = excluded.webhook_secret_ciphertext, "
                + "updated_at = excluded.updated_at", secretCiphertext, Timestamp.from(now));
    }

    private void update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object p = parameters[i];
                if (p == null) {
                    s.setNull(i + 1, Types.NULL);
                } else if (p instanceof byte[] bytes) {
                    s.setBytes(i + 1, bytes);
                } else {
                    s.setObject(i + 1, p);
                }
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("Could not " + what + " bot_settings: " + e.getMessage(), e);
    }
}
