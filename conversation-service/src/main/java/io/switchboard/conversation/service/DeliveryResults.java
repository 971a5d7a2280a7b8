package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.api.MessageFailed;
import io.switchboard.conversation.api.MessageSent;
import io.switchboard.conversation.domain.Message;
import io.switchboard.conversation.domain.MessageStatus;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.repository.MessageRepository;
import io.switchboard.telegram.api.CommandCompleted;
import io.switchboard.telegram.api.CommandFailed;
import io.switchboard.telegram.api.DeleteMessage;
import io.switchboard.telegram.api.EditMessageText;
import io.switchboard.telegram.api.FailureKind;
import io.switchboard.telegram.api.MessageDelivered;
import io.switchboard.telegram.api.MessageDeliveryFailed;
import io.switchboard.telegram.api.TelegramResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Applies what Telegram answered to the commands about stored messages:
 * <ul>
 *   <li>{@code message.delivered} / {@code message.delivery_failed} ({@code send_message}, {@code send_media}): a
 *       PENDING message becomes SENT (with Telegram's message ids) or FAILED (with Telegram's reason), and
 *       {@code message.sent} / {@code message.failed} (with the failure kind) is queued. Only PENDING messages move,
 *       and only with the result of the command they wait for ({@code message.command_id}), so a redelivered result
 *       or the late answer to an attempt that was retried since changes nothing and emits nothing (it is logged). A failure of kind {@code BLOCKED_BY_USER} in the
 *       customer's own chat also records that the customer blocked the bot ({@link BotBlocks}).</li>
 *   <li>{@code command.completed} / {@code command.failed} of {@code edit_message_text} and {@code delete_message}:
 *       the stored message already shows the operator's change, so nothing moves; a failure is logged and written to
 *       the audit log ({@code message.edit_failed} / {@code message.delete_failed} with Telegram's reason), except a
 *       deletion that found the message gone already ({@code MESSAGE_GONE}), which is what was wanted.</li>
 * </ul>
 * Other results (forum topics, callback answers) are not about stored messages and change nothing here.
 */
@ApplicationScoped
public class DeliveryResults {

    private static final Logger LOG = Logger.getLogger(DeliveryResults.class);

    private final MessageRepository messages;
    private final ConversationRepository conversations;
    private final Outbox outbox;
    private final BotBlocks botBlocks;
    private final AuditTrail audit;

    public DeliveryResults(MessageRepository messages, ConversationRepository conversations, Outbox outbox,
                           BotBlocks botBlocks, AuditTrail audit) {
        this.messages = messages;
        this.conversations = conversations;
        this.outbox = outbox;
        this.botBlocks = botBlocks;
        this.audit = audit;
    }

    /**
     * Applies {@code result} in its own transaction.
     *
     * @return true when something changed (the caller then triggers the outbox relay); false for a redelivery, an
     *         unknown message or a result that changes nothing
     */
    @WithTransaction
    public Uni<Boolean> apply(TelegramResult result) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID messageId = result.messageId();
        if (result instanceof MessageDelivered delivered) {
            if (messageId == null) {
                return Uni.createFrom().item(false);
            }
            // a resumed send (skipParts) reports only its new parts: they follow the parts stored by the failed attempt
            return messages.findById(messageId)
                    .chain(message -> messages.settle(messageId, result.commandId(), MessageStatus.SENT,
                            TelegramParts.append(message == null ? null : message.telegramMessageIds,
                                    delivered.telegramMessageIds()), null, now))
                    .call(changed -> changed ? emitSent(messageId, now) : ignored(result));
        }
        if (result instanceof MessageDeliveryFailed failed) {
            if (messageId == null) {
                return Uni.createFrom().item(false);
            }
            String reason = failed.reason() == null || failed.reason().isBlank()
                    ? "Telegram error " + failed.errorCode() : failed.reason();
            FailureKind kind = failed.failureKind();
            // parts delivered before the failure are kept, so a retry sends only the rest and a delete removes them
            return messages.findById(messageId)
                    .chain(message -> messages.settle(messageId, result.commandId(), MessageStatus.FAILED,
                            TelegramParts.append(message == null ? null : message.telegramMessageIds,
                                    failed.telegramMessageIds()), reason, now))
                    .call(changed -> changed ? emitFailed(failed, reason, kind, now) : ignored(result));
        }
        if (result instanceof CommandCompleted completed && isAboutMessage(completed.commandType())) {
            LOG.debugf("%s for message %s completed", completed.commandType(), messageId);
            return Uni.createFrom().item(false);
        }
        if (result instanceof CommandFailed failed && isAboutMessage(failed.commandType())) {
            return commandFailed(failed, now);
        }
        return Uni.createFrom().item(false);
    }

    /** Logs a delivery result that settled nothing: a redelivery, or the answer to an earlier attempt. */
    private static Uni<Void> ignored(TelegramResult result) {
        LOG.infof("%s for message %s (command %s) ignored: the message is no longer waiting for that command",
                result.type(), result.messageId(), result.commandId());
        return Uni.createFrom().voidItem();
    }

    private static boolean isAboutMessage(String commandType) {
        return EditMessageText.TYPE.equals(commandType) || DeleteMessage.TYPE.equals(commandType);
    }

    private Uni<Boolean> commandFailed(CommandFailed failed, Instant now) {
        boolean deletion = DeleteMessage.TYPE.equals(failed.commandType());
        if (deletion && failed.failureKind() == FailureKind.MESSAGE_GONE) {
            LOG.infof("delete_message for message %s: already gone in Telegram (%s)", failed.messageId(), failed.reason());
            return Uni.createFrom().item(false);
        }
        LOG.warnf("%s for message %s of conversation %s failed: %s (%s, error %d)", failed.commandType(),
                failed.messageId(), failed.conversationId(), failed.reason(), failed.failureKind(), failed.errorCode());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("messageId", failed.messageId());
        after.put("commandId", failed.commandId());
        after.put("failureKind", failed.failureKind() == null ? null : failed.failureKind().name());
        after.put("reason", failed.reason());
        Uni<Void> audited = failed.conversationId() == null ? Uni.createFrom().voidItem()
                : audit.record(failed.conversationId(), null, deletion ? "message.delete_failed" : "message.edit_failed",
                null, after, now);
        return audited.chain(() -> failed.failureKind() == FailureKind.BLOCKED_BY_USER && failed.messageId() != null
                        ? messages.findById(failed.messageId()).chain(message -> blockedBy(message, failed.chatId(), now))
                        : Uni.createFrom().item(false))
                .replaceWith(true);
    }

    private Uni<Void> emitSent(UUID messageId, Instant now) {
        return messages.findById(messageId).chain(message -> outbox.event(new MessageSent(UUID.randomUUID(),
                1, now, message.conversationId, message.id, MessageStatus.SENT.name()), now));
    }

    private Uni<Void> emitFailed(MessageDeliveryFailed failed, String reason, FailureKind kind, Instant now) {
        return messages.findById(failed.messageId())
                .call(message -> outbox.event(new MessageFailed(UUID.randomUUID(), 1, now, message.conversationId,
                        message.id, MessageStatus.FAILED.name(), reason, kind == null ? null : kind.name()), now))
                .call(message -> kind == FailureKind.BLOCKED_BY_USER ? blockedBy(message, failed.chatId(), now)
                        : Uni.createFrom().item(false))
                .replaceWithVoid();
    }

    /**
     * Records the block when the refused command went to the customer's own chat (a mirror into the support group
     * says nothing about the customer).
     */
    private Uni<Boolean> blockedBy(Message message, long chatId, Instant now) {
        if (message == null || !Objects.equals(message.telegramChatId, chatId)) {
            return Uni.createFrom().item(false);
        }
        return conversations.findById(message.conversationId).chain(conversation -> conversation == null
                || !Objects.equals(conversation.telegramChatId, chatId)
                ? Uni.createFrom().item(false)
                : botBlocks.blocked(conversation.customerId, conversation.id, now));
    }
}
