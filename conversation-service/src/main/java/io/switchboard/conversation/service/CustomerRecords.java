package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.repository.CustomerRepository;
import io.switchboard.conversation.repository.RecordsRepository;
import io.switchboard.conversation.rest.CustomerProfileView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A customer's profile for the console's customer panel, and erasure of everything stored about a customer. */
@ApplicationScoped
public class CustomerRecords {

    /** Most conversations listed in a profile (newest first). */
    public static final int PROFILE_CONVERSATIONS = 100;

    private final CustomerRepository customers;
    private final RecordsRepository records;
    private final ConversationPurge purge;
    private final OutboxRelay relay;
    private final Clock clock;

    public CustomerRecords(CustomerRepository customers, RecordsRepository records, ConversationPurge purge,
                           OutboxRelay relay, Clock clock) {
        this.customers = customers;
        this.records = records;
        this.purge = purge;
        this.relay = relay;
        this.clock = clock;
    }

    /**
     * The customer with their conversations, most recently opened first (at most {@value #PROFILE_CONVERSATIONS}).
     *
     * @throws UnknownCustomerException no such customer
     */
    @WithSession
    public Uni<CustomerProfileView> profile(UUID customerId) {
        return customers.findById(customerId)
                .onItem().ifNull().failWith(() -> new UnknownCustomerException(customerId))
                .chain(customer -> records.ofCustomer(customerId, PROFILE_CONVERSATIONS)
                        .map(conversations -> CustomerProfileView.of(customer, conversations)));
    }

    /**
     * Erases the customer in one transaction (see {@link ConversationPurge#eraseCustomer}) and wakes the outbox
     * relay for the {@code conversation.deleted} events.
     *
     * @return how many conversations were deleted
     * @throws UnknownCustomerException no such customer
     */
    public Uni<Integer> erase(UUID customerId, Actor actor) {
        return purge.eraseCustomer(customerId, actor, clock.instant().truncatedTo(ChronoUnit.MICROS))
                .invoke(deleted -> relay.trigger());
    }
}
