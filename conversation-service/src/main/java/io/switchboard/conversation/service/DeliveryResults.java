package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.api.MessageFailed;
import io.switchboard.conversation.api.MessageSent;
import io.switchboard.conversation.domain.MessageStatus;
import io.switchboard.conversation.repository.MessageRepository;
import io.switchboard.telegram.api.MessageDelivered;
import io.switchboard.telegram.api.MessageDeliveryFailed;
import io.switchboard.telegram.api.TelegramResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Applies what Telegram answered to a {@code send_message}: a PENDING message becomes SENT (with Telegram's message
 * ids) or FAILED (with the reason), and {@code message.sent} / {@code message.failed} is queued. Only PENDING
 * messages move, so a redelivered result changes nothing and emits nothing.
 */
@ApplicationScoped
public class DeliveryResults {

    private final MessageRepository messages;
    private final Outbox outbox;

    public DeliveryResults(MessageRepository messages, Outbox outbox) {
        this.messages = messages;
        this.outbox = outbox;
    }

    /**
     * Applies {@code result} in its own transaction.
     *
     * @return true when the message changed; false when it was not PENDING or does not exist
     */
    @WithTransaction
    public Uni<Boolean> apply(TelegramResult result) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID messageId = result.messageId();
        if (result instanceof MessageDelivered delivered) {
            String ids = delivered.telegramMessageIds().stream().map(String::valueOf)
                    .collect(Collectors.joining(",", "[", "]"));
            return messages.settle(messageId, MessageStatus.SENT, ids, null, now)
                    .call(changed -> changed ? emitSent(messageId, now) : Uni.createFrom().voidItem());
        }
        MessageDeliveryFailed failed = (MessageDeliveryFailed) result;
        String reason = failed.reason() == null || failed.reason().isBlank()
                ? "Telegram error " + failed.errorCode() : failed.reason();
        return messages.settle(messageId, MessageStatus.FAILED, null, reason, now)
                .call(changed -> changed ? emitFailed(messageId, reason, now) : Uni.createFrom().voidItem());
    }

    private Uni<Void> emitSent(UUID messageId, Instant now) {
        return messages.findById(messageId).chain(message -> outbox.event(new MessageSent(UUID.randomUUID(),
                1, now, message.conversationId, message.id, MessageStatus.SENT.name()), now));
    }

    private Uni<Void> emitFailed(UUID messageId, String reason, Instant now) {
        return messages.findById(messageId).chain(message -> outbox.event(new MessageFailed(UUID.randomUUID(),
                1, now, message.conversationId, message.id, MessageStatus.FAILED.name(), reason), now));
    }
}
