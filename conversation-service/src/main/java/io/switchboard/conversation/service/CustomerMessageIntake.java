package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.domain.Channel;
import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.ConversationStatus;
import io.switchboard.conversation.domain.Customer;
import io.switchboard.conversation.domain.InboundText;
import io.switchboard.conversation.domain.InboundUpdate;
import io.switchboard.conversation.domain.InboundUpdate.CustomerText;
import io.switchboard.conversation.domain.InboundUpdate.Skipped;
import io.switchboard.conversation.domain.Message;
import io.switchboard.conversation.domain.UpdateOutcome;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.repository.CustomerRepository;
import io.switchboard.conversation.repository.ProcessedUpdateRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Turns a consumed Telegram update into stored state, in one transaction: records the update_id (a redelivered
 * update stops there), and for a customer's private text upserts the customer and lets the customer's LATEST
 * conversation decide (locked with {@code FOR UPDATE} so that an operator's concurrent action waits or re-reads):
 * <ul>
 *   <li>none → open one (channel TELEGRAM, OPEN_UNCLAIMED, a free codename), {@code conversation.opened}, then the
 *       message and the {@code welcome_message} system message;</li>
 *   <li>otherwise the channel-neutral lifecycle of {@link InboundMessages#wrote} (append, flip AWAITING_CUSTOMER,
 *       reopen CLOSED, store BLOCKED), shared with the web widget's {@link WidgetMessageIntake}.</li>
 * </ul>
 *
 * <p>Times: each update of a batch gets its own microsecond ({@code now + 4µs × index}) and the system messages it
 * causes follow it by 1 and 2 µs ({@link InboundMessages}), so a transcript ordered by (created_at, id) keeps the
 * order things happened in.
 */
@ApplicationScoped
public class CustomerMessageIntake {

    /** Microseconds reserved per update of a batch: the customer's message, then up to two system messages. */
    private static final long MICROS_PER_UPDATE = 4;

    private final ProcessedUpdateRepository processedUpdates;
    private final CustomerRepository customers;
    private final ConversationRepository conversations;
    private final InboundMessages inboundMessages;
    private final Codenames codenames;
    private final Clock clock;

    public CustomerMessageIntake(ProcessedUpdateRepository processedUpdates, CustomerRepository customers,
                                 ConversationRepository conversations, InboundMessages inboundMessages,
                                 Codenames codenames, Clock clock) {
        this.processedUpdates = processedUpdates;
        this.customers = customers;
        this.conversations = conversations;
        this.inboundMessages = inboundMessages;
        this.codenames = codenames;
        this.clock = clock;
    }

    /**
     * Applies {@code update} (a {@link CustomerText} or a {@link Skipped}) in its own transaction.
     *
     * @return STORED, SKIPPED, or DUPLICATE when its update_id had been processed already
     * @throws IllegalArgumentException for an {@link InboundUpdate.Unreadable}, which has no update_id to record
     */
    @WithTransaction
    public Uni<UpdateOutcome> accept(InboundUpdate update) {
        return apply(update, now());
    }

    /**
     * Applies a batch of updates, in order, in ONE transaction: all are stored or none is. This is the fast path
     * of the consumer (one commit per poll instead of one per update); a batch that fails is replayed one update
     * at a time with {@link #accept(InboundUpdate)}.
     *
     * @param updates {@link CustomerText}s and {@link Skipped}s, in Kafka order (a partition's order)
     * @return each update's outcome, in the same order
     * @throws IllegalArgumentException (as a failed Uni) when the batch holds an {@link InboundUpdate.Unreadable}
     */
    @WithTransaction
    public Uni<List<UpdateOutcome>> acceptAll(List<InboundUpdate> updates) {
        Instant now = now();
        return Multi.createFrom().range(0, updates.size())
                .onItem().transformToUniAndConcatenate(i -> apply(updates.get(i), now.plus(MICROS_PER_UPDATE * i, ChronoUnit.MICROS)))
                .collect().asList();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Uni<UpdateOutcome> apply(InboundUpdate update, Instant now) {
        if (update instanceof Skipped skipped) {
            return processedUpdates.recordIfNew(skipped.updateId(), skipped.kind(), UpdateOutcome.SKIPPED, skipped.reason(), now)
                    .map(recorded -> recorded ? UpdateOutcome.SKIPPED : UpdateOutcome.DUPLICATE);
        }
        if (update instanceof CustomerText text) {
            return processedUpdates.recordIfNew(text.updateId(), CustomerText.KIND, UpdateOutcome.STORED, null, now)
                    .chain(recorded -> recorded
                            ? store(text, now).replaceWith(UpdateOutcome.STORED)
                            : Uni.createFrom().item(UpdateOutcome.DUPLICATE));
        }
        return Uni.createFrom().failure(new IllegalArgumentException("an unreadable update cannot be recorded"));
    }

    private Uni<Void> store(CustomerText text, Instant now) {
        InboundText inbound = InboundText.telegram(text.chatId(), text.messageId(), text.text());
        return customers.upsert(text.sender(), text.chatId(), now)
                .chain(customer -> latest(customer.id)
                        .chain(latest -> latest == null
                                ? open(customer, inbound, now)
                                : inboundMessages.wrote(latest, customer, inbound, now))
                        .replaceWithVoid());
    }

    /** The customer's latest conversation, locked for this transaction, or null. */
    private Uni<Conversation> latest(UUID customerId) {
        return conversations.find("customerId = ?1 order by createdAt desc, id desc", customerId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    private Uni<Message> open(Customer customer, InboundText text, Instant now) {
        return codenames.free().chain(codename -> {
            Conversation conversation = new Conversation();
            conversation.id = UUID.randomUUID();
            conversation.customerId = customer.id;
            conversation.channel = Channel.TELEGRAM;
            conversation.telegramChatId = text.telegramChatId();
            conversation.status = ConversationStatus.OPEN_UNCLAIMED;
            conversation.codename = codename;
            conversation.createdAt = now;
            conversation.updatedAt = now;
            return inboundMessages.open(conversation, customer, now)
                    .chain(opened -> inboundMessages.first(opened, customer, text, now));
        });
    }
}
