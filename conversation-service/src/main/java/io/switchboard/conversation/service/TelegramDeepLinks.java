package io.switchboard.conversation.service;

import io.switchboard.conversation.domain.Channel;
import io.switchboard.conversation.domain.Customer;
import io.switchboard.conversation.domain.InboundUpdate.DeepLinkStart;
import io.switchboard.conversation.domain.UpdateOutcome;
import io.switchboard.conversation.domain.UpdateResult;
import io.switchboard.conversation.api.CustomerUpdated;
import io.switchboard.conversation.mapping.ConversationMapper;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.repository.CustomerRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Widget → Telegram deep links ({@code https://t.me/<bot>?start=<payload>}, per Bot API "Deep linking"): a payload
 * {@code w} + 40 chars of A-Za-z0-9, valid 24 hours, single use, stored in {@code telegram_start_link}. When the
 * customer opens the link, Telegram sends {@code /start <payload>} in their private chat: the widget conversation
 * then continues in Telegram (channel TELEGRAM, the chat id set; its customer gets the Telegram ids unless another
 * customer holds them), history stays, and {@code customer.updated} with {@code channel = TELEGRAM} is published (the
 * widget gets nothing from then on, consoles see the new channel). Runs in the caller's transaction.
 * <p>
 * A link can be forwarded, so it is refused (the {@code /start} is stored as the sender's ordinary message, reason
 * "deep link refused: …") when the Telegram sender already has a conversation with us (as a customer or through an
 * earlier link into that chat) — a stranger's link must never pull someone's chat into the stranger's widget — or
 * when the conversation is no longer a widget conversation. Links are only issued for widget conversations (409).
 */
@ApplicationScoped
public class TelegramDeepLinks {

    /** How long a link stays valid. */
    public static final Duration VALIDITY = Duration.ofHours(24);

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConversationRepository conversations;
    private final CustomerRepository customers;
    private final Outbox outbox;

    public TelegramDeepLinks(ConversationRepository conversations, CustomerRepository customers, Outbox outbox) {
        this.conversations = conversations;
        this.customers = customers;
        this.outbox = outbox;
    }

    /**
     * A new link for the widget conversation, in its own transaction.
     *
     * @param payload   the start parameter ({@code w} + 40 chars)
     * @param expiresAt when it stops working
     */
    public record Issued(String payload, Instant expiresAt) {
    }

    /**
     * Issues a new single-use link for {@code conversationId}, valid 24 hours.
     *
     * @throws UnknownConversationException (as a failed Uni) when the conversation does not exist
     * @throws RefusedException             409 when it is no longer a widget conversation (it continues in Telegram)
     */
    @WithTransaction
    public Uni<Issued> issue(UUID conversationId, Instant now) {
        return conversations.findById(conversationId)
                .onItem().ifNull().failWith(() -> new UnknownConversationException(conversationId))
                .invoke(conversation -> {
                    if (conversation.channel != Channel.WIDGET) {
                        throw RefusedException.conflict("This conversation already continues in Telegram.");
                    }
                })
                .chain(conversation -> create(conversationId, now))
                .map(payload -> new Issued(payload, now.plus(VALIDITY)));
    }

    /** A new link of the conversation (the caller checked it exists): the payload, valid until {@code now + 24 h}. */
    public Uni<String> create(UUID conversationId, Instant now) {
        String payload = newPayload();
        return conversations.getSession().chain(session -> session.createNativeQuery("""
                        insert into telegram_start_link (payload, conversation_id, expires_at)
                        values (:payload, :conversationId, :expiresAt)""")
                .setParameter("payload", payload)
                .setParameter("conversationId", conversationId)
                .setParameter("expiresAt", now.plus(VALIDITY))
                .executeUpdate())
                .replaceWith(payload);
    }

    /**
     * Uses the link: the conversation continues in the sender's Telegram chat.
     *
     * @return APPLIED; STORED with the reason "deep link refused: …" when the link is refused (see the class
     *         comment; the link is used up either way); or null when the payload is unknown, expired or used. For
     *         STORED and null the caller stores the text as an ordinary message.
     */
    public Uni<UpdateResult> apply(DeepLinkStart start, Instant now) {
        return conversations.getSession().chain(session -> session.createNativeQuery("""
                        select cast(conversation_id as text) from telegram_start_link
                         where payload = :payload and used_at is null and expires_at > :now
                         for update""", String.class)
                .setParameter("now", now)
                .setParameter("payload", start.payload())
                .getResultList()
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().<UpdateResult>nullItem()
                        : session.createNativeQuery("update telegram_start_link set used_at = :now where payload = :payload")
                        .setParameter("now", now)
                        .setParameter("payload", start.payload())
                        .executeUpdate()
                        .chain(() -> link(UUID.fromString(ids.get(0)), start, now))));
    }

    private Uni<UpdateResult> link(UUID conversationId, DeepLinkStart start, Instant now) {
        return conversations.findById(conversationId).chain(conversation -> {
            if (conversation == null || conversation.channel != Channel.WIDGET) {
                return Uni.createFrom().item(refused("the conversation is no longer a widget conversation"));
            }
            return customers.find("telegramUserId", start.sender().userId()).firstResult()
                    .chain(holder -> conversations.count("(customerId = ?1 or telegramChatId = ?2) and id <> ?3",
                                    holder == null ? UUID.randomUUID() : holder.id, start.chatId(), conversationId)
                            .chain(existing -> {
                                if (existing > 0) {
                                    return Uni.createFrom().item(
                                            refused("this Telegram user already has a conversation with us"));
                                }
                                conversation.channel = Channel.TELEGRAM;
                                conversation.telegramChatId = start.chatId();
                                conversation.updatedAt = now;
                                return customers.findById(conversation.customerId)
                                        .invoke(customer -> {
                                            if (holder == null) {
                                                adopt(customer, start, now);
                                            }
                                        })
                                        .call(customer -> customer == null ? Uni.createFrom().voidItem()
                                                : outbox.event(new CustomerUpdated(UUID.randomUUID(), 1, now,
                                                conversation.id, ConversationMapper.summary(customer),
                                                customer.botBlockedAt, Channel.TELEGRAM.name()), now))
                                        .replaceWith(UpdateResult.applied("deep link: conversation continued in Telegram"));
                            }));
        });
    }

    private static UpdateResult refused(String why) {
        return new UpdateResult(UpdateOutcome.STORED, "deep link refused: " + why);
    }

    private static void adopt(Customer customer, DeepLinkStart start, Instant now) {
        if (customer == null || customer.telegramUserId != null) {
            return;
        }
        customer.telegramUserId = start.sender().userId();
        customer.telegramChatId = start.chatId();
        customer.username = start.sender().username();
        customer.languageCode = customer.languageCode != null ? customer.languageCode : start.sender().languageCode();
        customer.updatedAt = now;
    }

    static String newPayload() {
        StringBuilder payload = new StringBuilder(41).append('w');
        for (int i = 0; i < 40; i++) {
            payload.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return payload.toString();
    }

    /** Whether {@code payload} has the shape of a widget link. */
    public static boolean looksLikeLink(String payload) {
        return payload != null && payload.matches("w[A-Za-z0-9]{40}");
    }

}
