package io.switchboard.gateway.service;

import io.quarkus.runtime.StartupEvent;
import io.switchboard.gateway.config.IdentityConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * Creates the first administrator when the {@code operator} table is empty, on start-up (after the Flyway
 * migration). The password is {@code ADMIN_PASSWORD}, or when that is unset a generated one (24 base64url
 * characters, 144 random bits) that is logged exactly once, by the replica that created the account.
 *
 * <p>Safe with several replicas starting together: the insert runs under a transaction-scoped advisory lock, only
 * while the table is empty, and {@code on conflict do nothing}. Once any operator exists nothing is ever created or
 * changed again, whatever {@code ADMIN_PASSWORD} says.
 */
@ApplicationScoped
public class InitialAdminAccount {

    private static final Logger LOG = Logger.getLogger(InitialAdminAccount.class);
    private static final long ADVISORY_LOCK_KEY = 0x5377_6974_6368_4164L; // "SwitchAd"
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MIN_PASSWORD_LENGTH = 8;

    private final Pool client;
    private final PasswordHasher passwords;
    private final IdentityConfig.InitialAdmin settings;

    public InitialAdminAccount(Pool client, PasswordHasher passwords, IdentityConfig config) {
        this.client = client;
        this.passwords = passwords;
        this.settings = config.initialAdmin();
    }

    void onStart(@Observes StartupEvent event) {
        ensureExists();
    }

    /**
     * Creates the first admin if no operator exists. Blocking: runs on the main thread at start-up.
     *
     * @return whether this call created the account
     * @throws IllegalStateException when {@code ADMIN_PASSWORD} is shorter than 8 characters or longer than bcrypt
     *                               allows
     */
    public boolean ensureExists() {
        if (anyOperatorExists()) {
            return false;
        }
        boolean generated = settings.password().isEmpty();
        String password = settings.password().orElseGet(InitialAdminAccount::generatePassword);
        if (password.length() < MIN_PASSWORD_LENGTH || !PasswordHasher.fits(password)) {
            throw new IllegalStateException("ADMIN_PASSWORD must be " + MIN_PASSWORD_LENGTH + " to "
                    + PasswordHasher.MAX_BYTES + " bytes long");
        }
        String hash = passwords.hash(password);
        boolean created = insert(hash);
        if (created && generated) {
            String rule = "=".repeat(100);
            LOG.warn(rule);
            LOG.warnf("Initial admin account: username=%s password=%s (shown once; set ADMIN_PASSWORD to choose it)",
                    settings.username(), password);
            LOG.warn(rule);
        } else if (created) {
            LOG.infof("Initial admin account created: username=%s (password from ADMIN_PASSWORD)", settings.username());
        }
        return created;
    }

    private boolean anyOperatorExists() {
        return client.query("select exists (select 1 from operator) as present").execute()
                .map(rows -> rows.iterator().next().getBoolean("present"))
                .await().atMost(TIMEOUT);
    }

    private boolean insert(String passwordHash) {
        return client.withTransaction(connection -> connection
                        .preparedQuery("select pg_advisory_xact_lock($1)").execute(Tuple.of(ADVISORY_LOCK_KEY))
                        .chain(() -> connection.preparedQuery("""
                                        insert into operator (id, username, display_name, password_hash, role, active,
                                                              created_at, failed_logins)
                                        select $1, $2, $3, $4, 'ADMIN', true, now(), 0
                                        where not exists (select 1 from operator)
                                        on conflict do nothing""")
                                .execute(Tuple.of(UUID.randomUUID(), settings.username(), settings.displayName(),
                                        passwordHash))))
                .map(rows -> rows.rowCount() == 1)
                .await().atMost(TIMEOUT);
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
