package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.api.ConversationOpened;
import io.switchboard.conversation.api.MessageReceived;
import io.switchboard.conversation.domain.CodenameGenerator;
import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.ConversationStatus;
import io.switchboard.conversation.domain.Customer;
import io.switchboard.conversation.domain.InboundUpdate;
import io.switchboard.conversation.domain.InboundUpdate.CustomerText;
import io.switchboard.conversation.domain.InboundUpdate.Skipped;
import io.switchboard.conversation.domain.Message;
import io.switchboard.conversation.domain.UpdateOutcome;
import io.switchboard.conversation.mapping.ConversationMapper;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.repository.CustomerRepository;
import io.switchboard.conversation.repository.MessageRepository;
import io.switchboard.conversation.repository.ProcessedUpdateRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Turns a consumed Telegram update into stored state, in one transaction: records the update_id (a redelivered
 * update stops there), and for a customer's private text upserts the customer, finds or opens their conversation,
 * stores the INBOUND message and queues {@code conversation.opened} / {@code message.received} in the outbox.
 */
@ApplicationScoped
public class CustomerMessageIntake {

    /** How many codenames to draw before leaving a (very unlikely) collision to the unique index. */
    private static final int CODENAME_DRAWS = 8;

    private final ProcessedUpdateRepository processedUpdates;
    private final CustomerRepository customers;
    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final Outbox outbox;
    private final CodenameGenerator codenames = new CodenameGenerator();

    public CustomerMessageIntake(ProcessedUpdateRepository processedUpdates, CustomerRepository customers,
                                 ConversationRepository conversations, MessageRepository messages, Outbox outbox) {
        this.processedUpdates = processedUpdates;
        this.customers = customers;
        this.conversations = conversations;
        this.messages = messages;
        this.outbox = outbox;
    }

    /**
     * Applies {@code update} (a {@link CustomerText} or a {@link Skipped}) in its own transaction.
     *
     * @return STORED, SKIPPED, or DUPLICATE when its update_id had been processed already
     * @throws IllegalArgumentException for an {@link InboundUpdate.Unreadable}, which has no update_id to record
     */
    @WithTransaction
    public Uni<UpdateOutcome> accept(InboundUpdate update) {
        return apply(update, Instant.now().truncatedTo(ChronoUnit.MICROS));
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
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Multi.createFrom().iterable(updates)
                .onItem().transformToUniAndConcatenate(update -> apply(update, now))
                .collect().asList();
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
        return customers.upsert(text.sender(), text.chatId(), now)
                .chain(customer -> conversations.findOpenForCustomer(customer.id)
                        .chain(open -> open != null ? Uni.createFrom().item(open) : open(customer, text.chatId(), now))
                        .chain(conversation -> addMessage(conversation, customer, text, now)));
    }

    private Uni<Conversation> open(Customer customer, long chatId, Instant now) {
        return freeCodename(CODENAME_DRAWS).chain(codename -> {
            Conversation conversation = new Conversation();
            conversation.id = UUID.randomUUID();
            conversation.customerId = customer.id;
            conversation.telegramChatId = chatId;
            conversation.status = ConversationStatus.OPEN_UNCLAIMED;
            conversation.codename = codename;
            conversation.createdAt = now;
            conversation.updatedAt = now;
            return conversations.persist(conversation)
                    .call(opened -> outbox.event(new ConversationOpened(UUID.randomUUID(), 1,
                            now, opened.id, opened.codename, opened.status.name(), ConversationMapper.summary(customer)), now));
        });
    }

    private Uni<String> freeCodename(int drawsLeft) {
        String codename = codenames.next();
        return conversations.codenameInUse(codename)
                .chain(used -> used && drawsLeft > 1 ? freeCodename(drawsLeft - 1) : Uni.createFrom().item(codename));
    }

    private Uni<Void> addMessage(Conversation conversation, Customer customer, CustomerText text, Instant now) {
        Message message = Message.inbound(conversation.id, text.chatId(), text.messageId(), text.text(), now);
        conversation.touch(message);
        return messages.persist(message)
                .chain(stored -> outbox.event(new MessageReceived(UUID.randomUUID(), 1, now,
                        conversation.id, ConversationMapper.summary(customer), ConversationMapper.snapshot(stored)), now));
    }
}
