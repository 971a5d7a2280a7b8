package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.api.CustomerUpdated;
import io.switchboard.conversation.domain.Channel;
import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.ConversationStatus;
import io.switchboard.conversation.domain.Customer;
import io.switchboard.conversation.domain.Message;
import io.switchboard.conversation.domain.SystemMessageKey;
import io.switchboard.conversation.domain.WidgetProfile;
import io.switchboard.conversation.mapping.ConversationMapper;
import io.switchboard.conversation.repository.AuditRepository;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.repository.CustomerRepository;
import io.switchboard.conversation.repository.MessageRepository;
import io.switchboard.conversation.rest.Page;
import io.switchboard.conversation.rest.WidgetConversationView;
import io.switchboard.conversation.rest.WidgetMessageView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What a web-widget customer does besides writing messages (those arrive on {@code widget.messages}, see
 * {@link WidgetMessageIntake}): open their conversation, read it and its history, choose a nickname. The caller
 * (the REST resource) has checked that the customer token names this customer and this conversation; these methods
 * check again that the conversation is the customer's.
 *
 * <p>Errors (as failed Unis): {@link UnknownConversationException} (404), {@link RefusedException} NOT_ALLOWED (403:
 * another customer's conversation) or CONFLICT (409: the ids clash with stored data).
 */
@ApplicationScoped
public class WidgetConversations {

    /** Template keys of customer-facing system messages: the only system bubbles a widget customer sees. */
    public static final List<String> CUSTOMER_KEYS = Arrays.stream(SystemMessageKey.values())
            .filter(key -> key.audience() == SystemMessageKey.Audience.CUSTOMER).map(SystemMessageKey::key).toList();

    private final ConversationRepository conversations;
    private final CustomerRepository customers;
    private final MessageRepository messages;
    private final AuditRepository auditEntries;
    private final InboundMessages inboundMessages;
    private final SystemMessages systemMessages;
    private final LifecycleTimers timers;
    private final Codenames codenames;
    private final Outbox outbox;
    private final Clock clock;

    public WidgetConversations(ConversationRepository conversations, CustomerRepository customers,
                               MessageRepository messages, AuditRepository auditEntries, InboundMessages inboundMessages,
                               SystemMessages systemMessages, LifecycleTimers timers, Codenames codenames, Outbox outbox,
                               Clock clock) {
        this.conversations = conversations;
        this.customers = customers;
        this.messages = messages;
        this.auditEntries = auditEntries;
        this.inboundMessages = inboundMessages;
        this.systemMessages = systemMessages;
        this.timers = timers;
        this.codenames = codenames;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * The outcome of {@link #open}.
     *
     * @param conversation the conversation (new, or the one stored by an earlier identical request)
     * @param created      false when an earlier request had created it
     */
    public record Opened(Conversation conversation, boolean created) {
    }

    /**
     * Opens the widget conversation {@code conversationId} for the new customer {@code customerId} (both chosen by
     * the gateway), in one transaction: the customer (channel WIDGET, nickname, display name = nickname or
     * "Visitor &lt;codename suffix&gt;", language_code = locale), the conversation (channel WIDGET, OPEN_UNCLAIMED, a
     * free codename), {@code conversation.opened}, the {@code welcome_message} system message and the timers. No
     * audit row: it is the customer's action. Repeating the request (same ids) changes nothing and returns the stored
     * conversation.
     *
     * @param nickname already validated ({@link WidgetProfile#nickname}), or null
     * @param locale   already validated ({@link WidgetProfile#locale}), or null
     * @throws RefusedException CONFLICT when the conversation exists for another customer or the customer exists
     *                          without it; a concurrent identical request surfaces as a unique violation (retry once)
     */
    @WithTransaction
    public Uni<Opened> open(UUID customerId, UUID conversationId, String nickname, String locale) {
        Instant now = now();
        return conversations.findById(conversationId).chain(existing -> {
            if (existing != null) {
                return existing.customerId.equals(customerId) && existing.isWidget()
                        ? Uni.createFrom().item(new Opened(existing, false))
                        : Uni.createFrom().failure(RefusedException.conflict("conversation " + conversationId
                        + " exists for another customer"));
            }
            return customers.findById(customerId).chain(known -> known != null
                    ? Uni.createFrom().failure(RefusedException.conflict("customer " + customerId
                    + " already has a conversation"))
                    : codenames.free().chain(codename -> create(customerId, conversationId, nickname, locale, codename, now)));
        });
    }

    private Uni<Opened> create(UUID customerId, UUID conversationId, String nickname, String locale, String codename,
                               Instant now) {
        Customer customer = new Customer();
        customer.id = customerId;
        customer.channel = Channel.WIDGET;
        customer.nickname = nickname;
        customer.displayName = WidgetProfile.displayName(nickname, codename);
        customer.languageCode = locale;
        customer.createdAt = now;
        customer.updatedAt = now;

        Conversation conversation = new Conversation();
        conversation.id = conversationId;
        conversation.customerId = customerId;
        conversation.channel = Channel.WIDGET;
        conversation.status = ConversationStatus.OPEN_UNCLAIMED;
        conversation.codename = codename;
        conversation.createdAt = now;
        conversation.updatedAt = now;
        return customers.persist(customer)
                .chain(() -> inboundMessages.open(conversation, customer, now))
                .call(opened -> systemMessages.post(opened, SystemMessageKey.WELCOME_MESSAGE.key(),
                        InboundMessages.vars(opened, customer), now.plus(1, ChronoUnit.MICROS)))
                .call(opened -> timers.reschedule(opened, now))
                .map(opened -> new Opened(opened, true));
    }

    /**
     * The conversation as its customer sees it.
     *
     * @throws UnknownConversationException when it does not exist
     * @throws RefusedException             NOT_ALLOWED when it is not {@code customerId}'s
     */
    @WithSession
    public Uni<WidgetConversationView> get(UUID customerId, UUID conversationId) {
        return owned(customerId, conversationId).chain(this::view);
    }

    /**
     * One page of the conversation's messages as its customer sees them, oldest first (see
     * {@link MessageRepository#widgetPage}).
     *
     * @throws UnknownConversationException when it does not exist
     * @throws RefusedException             NOT_ALLOWED when it is not {@code customerId}'s
     */
    @WithSession
    public Uni<Page<WidgetMessageView>> messages(UUID customerId, UUID conversationId, int limit, Cursor after) {
        return owned(customerId, conversationId)
                .chain(conversation -> messages.widgetPage(conversationId, after == null ? null : after.at(),
                        after == null ? null : after.id(), limit + 1, CUSTOMER_KEYS))
                .map(rows -> {
                    List<Message> page = rows.size() > limit ? rows.subList(0, limit) : rows;
                    Message last = page.isEmpty() ? null : page.get(page.size() - 1);
                    String next = rows.size() > limit ? new Cursor(last.createdAt, last.id).encode() : null;
                    return new Page<>(page.stream().map(WidgetMessageView::of).toList(), next);
                });
    }

    /**
     * The customer chose a nickname: it becomes their nickname and display name, and {@code customer.updated} goes
     * to the outbox (the caller triggers the relay). The same nickname again changes nothing and emits nothing.
     *
     * @param nickname already validated ({@link WidgetProfile#nickname})
     * @return the conversation after the change
     * @throws UnknownConversationException when it does not exist
     * @throws RefusedException             NOT_ALLOWED when it is not {@code customerId}'s
     */
    @WithTransaction
    public Uni<WidgetConversationView> rename(UUID customerId, UUID conversationId, String nickname) {
        Instant now = now();
        return owned(customerId, conversationId).chain(conversation -> customers.findById(customerId).chain(customer -> {
            if (nickname.equals(customer.nickname) && nickname.equals(customer.displayName)) {
                return Uni.createFrom().voidItem();
            }
            customer.nickname = nickname;
            customer.displayName = nickname;
            customer.updatedAt = now;
            return outbox.event(new CustomerUpdated(UUID.randomUUID(), 1, now, conversation.id,
                    ConversationMapper.summary(customer)), now);
        }).chain(() -> view(conversation)));
    }

    /** The conversation, if it is {@code customerId}'s widget conversation. */
    private Uni<Conversation> owned(UUID customerId, UUID conversationId) {
        return conversations.findById(conversationId)
                .onItem().ifNull().failWith(() -> new UnknownConversationException(conversationId))
                .invoke(conversation -> {
                    if (!conversation.customerId.equals(customerId) || !conversation.isWidget()) {
                        throw RefusedException.notAllowed("this is not your conversation");
                    }
                });
    }

    private Uni<WidgetConversationView> view(Conversation conversation) {
        return customers.findById(conversation.customerId)
                .chain(customer -> operatorName(conversation.id, conversation.assigneeId)
                        .map(operatorName -> WidgetConversationView.of(conversation, customer, operatorName)));
    }

    /**
     * The display name of the operator holding the conversation as last seen (conversation-service does not own
     * operators): from their latest message in this conversation, else their latest audit row; null when nobody
     * holds it.
     */
    private Uni<String> operatorName(UUID conversationId, UUID operatorId) {
        if (operatorId == null) {
            return Uni.createFrom().nullItem();
        }
        return messages.find("conversationId = ?1 and operatorId = ?2 and operatorName is not null"
                        + " order by createdAt desc", conversationId, operatorId)
                .firstResult()
                .chain(message -> message != null ? Uni.createFrom().item(message.operatorName)
                        : auditEntries.find("actorId = ?1 and actorName is not null order by occurredAt desc", operatorId)
                        .firstResult().map(entry -> entry == null ? null : entry.actorName));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
