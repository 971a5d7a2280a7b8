package io.switchboard.conversation.messaging;

import io.switchboard.conversation.config.ConversationConfig;
import io.switchboard.conversation.service.FreshVertxContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.function.Supplier;

/**
 * Runs a consumer's transaction on a fresh Vert.x context and retries it with exponential back-off when it fails
 * (a unique-index conflict with a concurrent transaction, a database hiccup), each attempt a new transaction.
 * When {@code conversation.consumer.max-attempts} are used up the failure goes back to the connector, whose
 * failure strategy (dead-letter queue) takes over.
 */
@ApplicationScoped
public class RetryingTransactions {

    private static final Logger LOG = Logger.getLogger(RetryingTransactions.class);

    private final FreshVertxContext contexts;
    private final ConversationConfig.Consumer config;

    public RetryingTransactions(FreshVertxContext contexts, ConversationConfig config) {
        this.contexts = contexts;
        this.config = config.consumer();
    }

    /**
     * @param what      names the work in log lines, e.g. "update 123"
     * @param operation the transaction (a {@code @WithTransaction} service call)
     */
    public <T> Uni<T> run(String what, Supplier<Uni<T>> operation) {
        return Uni.createFrom().deferred(() -> contexts.run(operation))
                .onFailure().invoke(failure -> LOG.warnf("Processing %s failed (will retry up to %d attempts in all): %s",
                        what, config.maxAttempts(), failure.toString()))
                .onFailure().retry()
                .withBackOff(config.initialBackoff(), config.maxBackoff())
                .atMost(Math.max(0, config.maxAttempts() - 1));
    }
}
