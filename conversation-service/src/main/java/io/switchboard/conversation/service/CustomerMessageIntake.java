package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.api.ConversationOpened;
import io.switchboard.conversation.api.ConversationReopened;
import io.switchboard.conversation.api.ConversationStatusChanged;
import io.switchboard.conversation.api.MessageReceived;
import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.ConversationLifecycle;
import io.switchboard.conversation.domain.ConversationLifecycle.Action;
import io.switchboard.conversation.domain.ConversationLifecycle.Allowed;
import io.switchboard.conversation.domain.ConversationLifecycle.State;
import io.switchboard.conversation.domain.ConversationStatus;
import io.switchboard.conversation.domain.Customer;
import io.switchboard.conversation.domain.InboundUpdate;
import io.switchboard.conversation.domain.InboundUpdate.CustomerText;
import io.switchboard.conversation.domain.InboundUpdate.Skipped;
import io.switchboard.conversation.domain.Message;
import io.switchboard.conversation.domain.MessageStatus;
import io.switchboard.conversation.domain.UpdateOutcome;
import io.switchboard.conversation.mapping.ConversationMapper;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.repository.CustomerRepository;
import io.switchboard.conversation.repository.MessageRepository;
import io.switchboard.conversation.repository.ProcessedUpdateRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a consumed Telegram update into stored state, in one transaction: records the update_id (a redelivered
 * update stops there), and for a customer's private text upserts the customer and lets the customer's LATEST
 * conversation decide (locked with {@code FOR UPDATE} so that an operator's concurrent action waits or re-reads):
 * <ul>
 *   <li>none → open one (OPEN_UNCLAIMED, a free codename), {@code conversation.opened}, then the message and the
 *       {@code welcome_message} system message;</li>
 *   <li>OPEN_UNCLAIMED / OPEN_ASSIGNED → append;</li>
 *   <li>AWAITING_CUSTOMER → OPEN_ASSIGNED, {@code conversation.status_changed} (actor null), then the message;</li>
 *   <li>CLOSED → reopened as OPEN_UNCLAIMED (assignee cleared, a new codename when the old one was taken meanwhile),
 *       audit and {@code conversation.reopened} (actor null), then the message and {@code conversation_reopened};</li>
 *   <li>BLOCKED → the message is stored with status {@code BLOCKED}: no event, no timer, nothing else.</li>
 * </ul>
 * Otherwise the message is stored ({@code message.received}), {@code last_inbound_at} set, {@code waiting_for_agent}
 * posted while the conversation is OPEN_UNCLAIMED ({@link SystemMessages} applies its rate limit) and the timers
 * rescheduled.
 *
 * <p>Times: each update of a batch gets its own microsecond ({@code now + 4µs × index}) and the system messages it
 * causes follow it by 1 and 2 µs, so a transcript ordered by (created_at, id) keeps the order things happened in.
 */
@ApplicationScoped
public class CustomerMessageIntake {

    /** Microseconds reserved per update of a batch: the customer's message, then up to two system messages. */
    private static final long MICROS_PER_UPDATE = 4;

    private final ProcessedUpdateRepository processedUpdates;
    private final CustomerRepository customers;
    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final SystemMessages systemMessages;
    private final LifecycleTimers timers;
    private final Codenames codenames;
    private final Clock clock;

    public CustomerMessageIntake(ProcessedUpdateRepository processedUpdates, CustomerRepository customers,
                                 ConversationRepository conversations, MessageRepository messages, Outbox outbox,
                                 AuditTrail audit, SystemMessages systemMessages, LifecycleTimers timers,
                                 Codenames codenames, Clock clock) {
        this.processedUpdates = processedUpdates;
        this.customers = customers;
        this.conversations = conversations;
        this.messages = messages;
        this.outbox = outbox;
        this.audit = audit;
        this.systemMessages = systemMessages;
        this.timers = timers;
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
        return customers.upsert(text.sender(), text.chatId(), now)
                .chain(customer -> latest(customer.id)
                        .chain(latest -> latest == null
                                ? open(customer, text, now)
                                : continueIn(latest, customer, text, now)));
    }

    /** The customer's latest conversation, locked for this transaction, or null. */
    private Uni<Conversation> latest(UUID customerId) {
        return conversations.find("customerId = ?1 order by createdAt desc, id desc", customerId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    private Uni<Void> open(Customer customer, CustomerText text, Instant now) {
        return codenames.free().chain(codename -> {
            Conversation conversation = new Conversation();
            conversation.id = UUID.randomUUID();
            conversation.customerId = customer.id;
            conversation.telegramChatId = text.chatId();
            conversation.status = ConversationStatus.OPEN_UNCLAIMED;
            conversation.codename = codename;
            conversation.createdAt = now;
            conversation.updatedAt = now;
            return conversations.persist(conversation)
                    .call(opened -> outbox.event(new ConversationOpened(UUID.randomUUID(), 1,
                            now, opened.id, opened.codename, opened.status.name(), ConversationMapper.summary(customer)), now))
                    .chain(opened -> received(opened, customer, text, now, "welcome_message"));
        });
    }

    private Uni<Void> continueIn(Conversation conversation, Customer customer, CustomerText text, Instant now) {
        State before = State.of(conversation);
        Allowed decision = (Allowed) ConversationLifecycle.decide(before, Action.CUSTOMER_WROTE, null);
        if (before.status() == ConversationStatus.BLOCKED) {
            Message blocked = Message.inbound(conversation.id, text.chatId(), text.messageId(), text.text(), now);
            blocked.status = MessageStatus.BLOCKED;
            return messages.persist(blocked).replaceWithVoid();
        }
        if (!decision.changed()) {
            return received(conversation, customer, text, now, null);
        }
        ConversationStatus previous = conversation.status;
        if (previous == ConversationStatus.CLOSED) {
            String previousCodename = conversation.codename;
            return codenames.keepOrRedraw(previousCodename).chain(codename -> {
                conversation.status = decision.next().status();
                conversation.assigneeId = decision.next().assigneeId();
                conversation.assignedAt = null;
                conversation.closedAt = null;
                conversation.codename = codename;
                return audit.record(conversation.id, null, "conversation.reopened", auditState(before.status(), before.assigneeId()),
                                auditState(conversation.status, conversation.assigneeId), now)
                        .call(() -> outbox.event(new ConversationReopened(UUID.randomUUID(), 1, now, conversation.id,
                                ConversationWorkflow.state(conversation), null, previousCodename), now))
                        .chain(() -> received(conversation, customer, text, now, "conversation_reopened"));
            });
        }
        conversation.status = decision.next().status();
        conversation.assigneeId = decision.next().assigneeId();
        return outbox.event(new ConversationStatusChanged(UUID.randomUUID(), 1, now, conversation.id,
                        ConversationWorkflow.state(conversation), null, previous.name()), now)
                .chain(() -> received(conversation, customer, text, now, null));
    }

    /**
     * Stores the customer's message in an open conversation, then the system messages: {@code firstSystemKey} (or
     * none) and {@code waiting_for_agent} while unclaimed; reschedules the timers.
     */
    private Uni<Void> received(Conversation conversation, Customer customer, CustomerText text, Instant now,
                               String firstSystemKey) {
        Message message = Message.inbound(conversation.id, text.chatId(), text.messageId(), text.text(), now);
        conversation.touch(message);
        conversation.lastInboundAt = now;
        Map<String, String> vars = vars(conversation, customer);
        Instant first = now.plus(1, ChronoUnit.MICROS);
        Instant second = now.plus(2, ChronoUnit.MICROS);
        return messages.persist(message)
                .chain(stored -> outbox.event(new MessageReceived(UUID.randomUUID(), 1, now,
                        conversation.id, ConversationMapper.summary(customer), ConversationMapper.snapshot(stored)), now))
                .chain(() -> firstSystemKey == null ? Uni.createFrom().voidItem()
                        : systemMessages.post(conversation, firstSystemKey, vars, first).replaceWithVoid())
                .chain(() -> conversation.status == ConversationStatus.OPEN_UNCLAIMED
                        ? systemMessages.post(conversation, "waiting_for_agent", vars, second).replaceWithVoid()
                        : Uni.createFrom().voidItem())
                .chain(() -> timers.reschedule(conversation, now));
    }

    private static Map<String, String> vars(Conversation conversation, Customer customer) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("codename", conversation.codename);
        vars.put("customerName", customer.nickname != null && !customer.nickname.isBlank() ? customer.nickname : customer.displayName);
        return vars;
    }

    private static Map<String, Object> auditState(ConversationStatus status, UUID assigneeId) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", status.name());
        state.put("assigneeId", assigneeId);
        return state;
    }
}
