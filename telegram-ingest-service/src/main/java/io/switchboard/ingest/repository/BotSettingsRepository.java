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
                     + "token_hint, webhook_secret_ciphertext, updated_at, previous_webhook_secret_ciphertext, "
                     + "webhook_secret_rotated_at, polled_env_bot_id from bot_settings where id = 1");
             ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                return Optional.empty();
            }
            long botId = r.getLong(2);
            Long id = r.wasNull() ? null : botId;
            Timestamp rotatedAt = r.getTimestamp(9);
            long polled = r.getLong(10);
            Long polledEnvBotId = r.wasNull() ? null : polled;
            return Optional.of(new BotSettingsRow(r.getBytes(1), id, r.getString(3), r.getString(4), r.getString(5),
                    r.getBytes(6), r.getTimestamp(7).toInstant(), r.getBytes(8),
                    rotatedAt == null ? null : rotatedAt.toInstant(), polledEnvBotId));
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /**
     * Stores a new token (and its getMe identity); forgets the generated webhook secrets (current and previous), which
     * were the old bot's, and any polling kept for the environment token.
     */
    public void saveToken(byte[] tokenCiphertext, long botId, String username, String firstName, String tokenHint,
                          Instant now) {
        update("insert into bot_settings (id, token_ciphertext, bot_id, username, first_name, token_hint, "
                        + "webhook_secret_ciphertext, updated_at) values (1, ?, ?, ?, ?, ?, null, ?) "
                        + "on conflict (id) do update set token_ciphertext = excluded.token_ciphertext, "
                        + "bot_id = excluded.bot_id, username = excluded.username, first_name = excluded.first_name, "
                        + "token_hint = excluded.token_hint, webhook_secret_ciphertext = null, "
                        + "previous_webhook_secret_ciphertext = null, webhook_secret_rotated_at = null, "
                        + "polled_env_bot_id = null, updated_at = excluded.updated_at",
                tokenCiphertext, botId, username, firstName, tokenHint, Timestamp.from(now));
    }

    /**
     * Removes the stored token and the generated webhook secrets (the environment's token applies again).
     *
     * @param polledEnvBotId the environment token's bot id when it must stay in polling mode (see
     *                       {@link BotSettingsRow#polledEnvBotId()}), else null
     */
    public void clearToken(Long polledEnvBotId, Instant now) {
        update("update bot_settings set token_ciphertext = null, bot_id = null, username = null, first_name = null, "
                + "token_hint = null, webhook_secret_ciphertext = null, previous_webhook_secret_ciphertext = null, "
                + "webhook_secret_rotated_at = null, polled_env_bot_id = ?, updated_at = ? where id = 1",
                polledEnvBotId, Timestamp.from(now));
    }

    /**
     * Compare-and-set of the generated webhook secret: stores {@code secretCiphertext} only when the stored one is
     * still {@code expectedCiphertext} (byte-for-byte; null = none stored, or no row yet). The replaced one becomes
     * the previous secret, with {@code now} as the rotation time.
     *
     * @return true when this call stored it; false when another writer changed the secret first (read it again)
     */
    public boolean replaceWebhookSecret(byte[] expectedCiphertext, byte[] secretCiphertext, Instant now) {
        return update("insert into bot_settings (id, webhook_secret_ciphertext, webhook_secret_rotated_at, updated_at) "
                + "values (1, ?, ?, ?) on conflict (id) do update set "
                + "previous_webhook_secret_ciphertext = bot_settings.webhook_secret_ciphertext, "
                + "webhook_secret_ciphertext = excluded.webhook_secret_ciphertext, "
                + "webhook_secret_rotated_at = excluded.webhook_secret_rotated_at, updated_at = excluded.updated_at "
                + "where bot_settings.webhook_secret_ciphertext is not distinct from ?",
                secretCiphertext, Timestamp.from(now), Timestamp.from(now), expectedCiphertext) == 1;
    }

    /**
     * Undoes {@link #replaceWebhookSecret} after Telegram refused the new secret: puts {@code previousCiphertext}
     * back, only while {@code secretCiphertext} is still the stored one.
     */
    public void restoreWebhookSecret(byte[] secretCiphertext, byte[] previousCiphertext, Instant now) {
        update("update bot_settings set webhook_secret_ciphertext = ?, previous_webhook_secret_ciphertext = null, "
                + "webhook_secret_rotated_at = null, updated_at = ? "
                + "where id = 1 and webhook_secret_ciphertext is not distinct from ?",
                previousCiphertext, Timestamp.from(now), secretCiphertext);
    }

    private int update(String sql, Object... parameters) {
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
            return s.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("Could not " + what + " bot_settings: " + e.getMessage(), e);
    }
}
