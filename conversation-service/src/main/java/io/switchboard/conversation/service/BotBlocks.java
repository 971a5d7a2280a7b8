package io.switchboard.conversation.service;

import io.switchboard.conversation.api.CustomerSummary;
import io.switchboard.conversation.api.CustomerUpdated;
import io.switchboard.conversation.domain.Customer;
import io.switchboard.conversation.repository.CustomerRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * The one place that records whether a Telegram customer blocked the bot ({@code customer.bot_blocked_at}), whoever
 * learnt it: a {@code my_chat_member} update ("kicked" / "member") or a send that failed with
 * {@code BLOCKED_BY_USER} ("Forbidden: bot was blocked by the user"). A change publishes {@link CustomerUpdated}
 * with {@code botBlockedAt} for the given conversation, so consoles show (or drop) the "blocked the bot" banner;
 * while it is set, replies, files and retries to that customer are refused with 409
 * ({@link OperatorReplies#reachable}). Runs in the caller's transaction.
 */
@ApplicationScoped
public class BotBlocks {

    private final CustomerRepository customers;
    private final Outbox outbox;

    public BotBlocks(CustomerRepository customers, Outbox outbox) {
        this.customers = customers;
        this.outbox = outbox;
    }

    /**
     * The customer blocked the bot at {@code at}; an earlier block date is kept.
     *
     * @param conversationId the conversation the event is published for (the one the news came with), or null for
     *                       none
     * @return true when this call changed the customer
     */
    public Uni<Boolean> blocked(UUID customerId, UUID conversationId, Instant at) {
        return customers.findById(customerId).chain(customer -> {
            if (customer == null || customer.botBlockedAt != null) {
                return Uni.createFrom().item(false);
            }
            customer.botBlockedAt = at;
            customer.updatedAt = at;
            return publish(customer, conversationId, at).replaceWith(true);
        });
    }

    /**
     * The customer unblocked the bot (they can be written to again).
     *
     * @return true when this call changed the customer
     */
    public Uni<Boolean> unblocked(UUID customerId, UUID conversationId, Instant now) {
        return customers.findById(customerId).chain(customer -> {
            if (customer == null || customer.botBlockedAt == null) {
                return Uni.createFrom().item(false);
            }
            customer.botBlockedAt = null;
            customer.updatedAt = now;
            return publish(customer, conversationId, now).replaceWith(true);
        });
    }

    private Uni<Void> publish(Customer customer, UUID conversationId, Instant now) {
        if (conversationId == null) {
            return Uni.createFrom().voidItem();
        }
        CustomerSummary summary = new CustomerSummary(customer.id, customer.displayName, customer.username,
                customer.nickname, customer.botBlockedAt);
        return outbox.event(new CustomerUpdated(UUID.randomUUID(), 1, now, conversationId, summary,
                customer.botBlockedAt), now);
    }
}
