package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.domain.Channel;
import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.ConversationStatus;
import io.switchboard.conversation.domain.Customer;
import io.switchboard.conversation.domain.InboundText;
import io.switchboard.conversation.domain.InboundUpdate;
import io.switchboard.conversation.domain.InboundUpdate.BotMembership;
import io.switchboard.conversation.domain.InboundUpdate.CustomerEdit;
import io.switchboard.conversation.domain.InboundUpdate.CustomerReaction;
import io.switchboard.conversation.domain.InboundUpdate.CustomerText;
import io.switchboard.conversation.domain.InboundUpdate.DeepLinkStart;
import io.switchboard.conversation.domain.InboundUpdate.Skipped;
import io.switchboard.conversation.domain.ReceivedUpdate;
import io.switchboard.conversation.domain.UpdateResult;
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
import java.util.function.Supplier;

/**
 * Turns a consumed Telegram update into stored state, in one transaction: records the receiving bot's id and the
 * update_id (a redelivered update stops there; Telegram numbers update_ids per bot), and for a customer's private
 * text upserts the customer and lets the customer's LATEST conversation decide (locked with {@code FOR UPDATE} so
 * that an operator's concurrent action waits or re-reads):
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
    /** The support group's updates (group messages, button presses), in the same transaction. */
    @jakarta.inject.Inject
    SupportGroupUpdates supportGroupUpdates;
    /** Customer edits, blocks, reactions and deep links: changes without a stored message (outcome APPLIED). */
    @jakarta.inject.Inject
    CustomerEdits edits;
    @jakarta.inject.Inject
    BotBlocking blocking;
    @jakarta.inject.Inject
    CustomerReactions reactions;
    @jakarta.inject.Inject
    TelegramDeepLinks deepLinks;

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
     * @param botId the id of the bot that received it ({@link ReceivedUpdate#botId()}; 0 when unknown): update_ids
     *              are recorded per bot
     * @return STORED, SKIPPED, or DUPLICATE when this bot's update_id had been processed already
     * @throws IllegalArgumentException for an {@link InboundUpdate.Unreadable}, which has no update_id to record
     */
    @WithTransaction
    public Uni<UpdateOutcome> accept(long botId, InboundUpdate update) {
        return apply(botId, update, now());
    }

    /**
     * Applies a batch of updates, in order, in ONE transaction: all are stored or none is. This is the fast path
     * of the consumer (one commit per poll instead of one per update); a batch that fails is replayed one update
     * at a time with {@link #accept(long, InboundUpdate)}.
     *
     * @param updates {@link CustomerText}s and {@link Skipped}s with the bot that received each, in Kafka order (a
     *                partition's order)
     * @return each update's outcome, in the same order
     * @throws IllegalArgumentException (as a failed Uni) when the batch holds an {@link InboundUpdate.Unreadable}
     */
    @WithTransaction
    public Uni<List<UpdateOutcome>> acceptAll(List<ReceivedUpdate> updates) {
        Instant now = now();
        return Multi.createFrom().range(0, updates.size())
                .onItem().transformToUniAndConcatenate(i -> apply(updates.get(i).botId(), updates.get(i).update(),
                        now.plus(MICROS_PER_UPDATE * i, ChronoUnit.MICROS)))
                .collect().asList();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Uni<UpdateOutcome> apply(long botId, InboundUpdate update, Instant now) {
        if (update instanceof InboundUpdate.GroupMessage || update instanceof InboundUpdate.GroupEdit
                || update instanceof InboundUpdate.CallbackQuery
                || (update instanceof CustomerText text && SupportGroupUpdates.isPrivateLink(text))) {
            return supportGroupUpdates.accept(botId, update, now); // the topics console's side
        }
        if (update instanceof Skipped skipped) {
            return processedUpdates.recordIfNew(botId, skipped.updateId(), skipped.kind(), UpdateOutcome.SKIPPED, skipped.reason(), now)
                    .map(recorded -> recorded ? UpdateOutcome.SKIPPED : UpdateOutcome.DUPLICATE);
        }
        if (update instanceof CustomerText text) {
            return processedUpdates.recordIfNew(botId, text.updateId(), CustomerText.KIND, UpdateOutcome.STORED, null, now)
                    .chain(recorded -> recorded
                            ? store(text, now).replaceWith(UpdateOutcome.STORED)
                            : Uni.createFrom().item(UpdateOutcome.DUPLICATE));
        }
        if (update instanceof DeepLinkStart start) {
            return change(botId, update, now, () -> deepLinks.apply(start, now).chain(result -> result != null
                    && result.outcome() != UpdateOutcome.STORED
                    ? Uni.createFrom().item(result)
                    // unknown, expired, used or refused payload: an ordinary first message, as typed
                    : store(new CustomerText(start.updateId(), start.chatId(), start.messageId(), start.sender(),
                    start.text()), now).replaceWith(new UpdateResult(UpdateOutcome.STORED,
                    result == null ? null : result.reason()))));
        }
        if (update instanceof CustomerEdit edit) {
            return change(botId, update, now, () -> edits.apply(edit, now));
        }
        if (update instanceof BotMembership membership) {
            return change(botId, update, now, () -> blocking.apply(membership, now));
        }
        if (update instanceof CustomerReaction reaction) {
            return change(botId, update, now, () -> reactions.apply(reaction, now));
        }
        return Uni.createFrom().failure(new IllegalArgumentException("an unreadable update cannot be recorded"));
    }

    /**
     * Records {@code update} (a redelivery stops there), applies it, and records what it did (APPLIED or SKIPPED with
     * the handler's reason, or STORED).
     */
    private Uni<UpdateOutcome> change(long botId, InboundUpdate update, Instant now,
                                      Supplier<Uni<UpdateResult>> handler) {
        return processedUpdates.recordIfNew(botId, update.updateId(), update.kind(), UpdateOutcome.APPLIED, null, now)
                .chain(recorded -> !recorded ? Uni.createFrom().item(UpdateOutcome.DUPLICATE)
                        : handler.get().call(result -> processedUpdates.settle(botId, update.updateId(), result.outcome(),
                                result.reason()))
                        .map(UpdateResult::outcome));
    }

    private Uni<Void> store(CustomerText text, Instant now) {
        InboundText inbound = new InboundText(text.text(), text.chatId(), text.messageId(), null, text.media(),
                text.replyToTelegramMessageId(), text.replyToText());
        return customers.upsert(text.sender(), text.chatId(), now)
                .chain(customer -> latest(customer.id, text.chatId())
                        .chain(latest -> {
                            if (latest == null) {
                                return open(customer, inbound, now);
                            }
                            if (latest.customerId.equals(customer.id)) {
                                return inboundMessages.wrote(latest, customer, inbound, now);
                            }
                            // a widget conversation continued in this chat through a deep link: its own customer
                            return customers.findById(latest.customerId)
                                    .chain(owner -> inboundMessages.wrote(latest, owner, inbound, now));
                        })
                        .replaceWithVoid());
    }

    /**
     * The customer's latest conversation, or a newer one that continues in this Telegram chat through a deep link
     * (a widget conversation whose customer is someone else), locked for this transaction; null when none.
     */
    private Uni<Conversation> latest(UUID customerId, long chatId) {
        return conversations.find("(customerId = ?1 or (telegramChatId = ?2 and channel = ?3))"
                                + " order by createdAt desc, id desc", customerId, chatId, Channel.TELEGRAM)
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
