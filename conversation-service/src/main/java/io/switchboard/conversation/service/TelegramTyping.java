package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.ConversationStatus;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.repository.CustomerRepository;
import io.switchboard.telegram.api.SendChatAction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Shows an operator's typing to a Telegram customer: queues a {@code send_chat_action} command with action
 * {@code "typing"} (per Bot API sendChatAction, shown for up to 5 s) for the conversation's chat, at most once per
 * {@link #INTERVAL} per conversation across all replicas. The limit is a conditional update of
 * {@code conversation.last_chat_action_at} ({@link ConversationRepository#takeChatActionSlot}): only the caller whose
 * update moved it writes the outbox row, in the same transaction.
 * <p>
 * Nothing is queued for widget conversations (their typing goes over the widget socket) nor for a customer who
 * blocked the bot (Telegram would refuse it).
 */
@ApplicationScoped
public class TelegramTyping {

    /** The least time between two chat actions of one conversation: the indicator lasts 5 s, so 4 s keeps it on. */
    public static final Duration INTERVAL = Duration.ofSeconds(4);

    /** The Bot API chat action sent. */
    public static final String TYPING = "typing";

    private final ConversationRepository conversations;
    private final CustomerRepository customers;
    private final Outbox outbox;
    private final Clock clock;

    public TelegramTyping(ConversationRepository conversations, CustomerRepository customers, Outbox outbox,
                          Clock clock) {
        this.conversations = conversations;
        this.customers = customers;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * An operator is typing in conversation {@code conversationId}.
     *
     * @return true when a {@code send_chat_action} command was queued; false when none was needed (widget
     *         conversation, bot blocked, or one was queued less than {@link #INTERVAL} ago)
     * @throws UnknownConversationException       no such conversation (404)
     * @throws ConversationNotWritableException   the conversation is CLOSED or BLOCKED (409)
     */
    @WithTransaction
    public Uni<Boolean> typing(UUID conversationId) {
        Instant now = clock.instant();
        return conversations.findById(conversationId)
                .onItem().ifNull().failWith(() -> new UnknownConversationException(conversationId))
                .chain(conversation -> {
                    if (conversation.status == ConversationStatus.CLOSED
                            || conversation.status == ConversationStatus.BLOCKED) {
                        return Uni.createFrom().failure(
                                new ConversationNotWritableException(conversationId, conversation.status));
                    }
                    if (conversation.isWidget() || conversation.telegramChatId == null) {
                        return Uni.createFrom().item(false);
                    }
                    return customers.findById(conversation.customerId).chain(customer ->
                            customer != null && customer.botBlockedAt != null
                                    ? Uni.createFrom().item(false)
                                    : queue(conversation, now));
                });
    }

    private Uni<Boolean> queue(Conversation conversation, Instant now) {
        return conversations.takeChatActionSlot(conversation.id, now, now.minus(INTERVAL))
                .chain(taken -> !taken ? Uni.createFrom().item(false)
                        : outbox.command(new SendChatAction(UUID.randomUUID(), 1, now, conversation.id,
                        conversation.telegramChatId, TYPING, null), now).replaceWith(true));
    }
}
