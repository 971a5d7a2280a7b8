package io.switchboard.conversation.service;

import io.switchboard.conversation.api.MessageEdited;
import io.switchboard.conversation.domain.Attachment;
import io.switchboard.conversation.domain.InboundUpdate.CustomerEdit;
import io.switchboard.conversation.domain.Message;
import io.switchboard.conversation.domain.MessageDirection;
import io.switchboard.conversation.domain.MessageStatus;
import io.switchboard.conversation.domain.UpdateResult;
import io.switchboard.conversation.repository.AttachmentRepository;
import io.switchboard.conversation.repository.MessageRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A customer edited a message in their private chat ({@code edited_message}, per Bot API Update): the stored
 * INBOUND message gets the new text (a media message's caption), its previous text goes to {@code message_version},
 * {@code edited_at} is set and {@code message.edited} (actor null) is queued. A live location's move updates the
 * attachment's coordinates. Telegram also sends edits for changes the bot cannot see (BOT_API_FACTS §8): an edit that
 * changes neither text nor coordinates is SKIPPED ("edit changed nothing"). Runs in the caller's transaction.
 */
@ApplicationScoped
public class CustomerEdits {

    private final MessageRepository messages;
    private final AttachmentRepository attachments;
    private final Outbox outbox;

    public CustomerEdits(MessageRepository messages, AttachmentRepository attachments, Outbox outbox) {
        this.messages = messages;
        this.attachments = attachments;
        this.outbox = outbox;
    }

    /** Applies {@code edit} at {@code now}. */
    public Uni<UpdateResult> apply(CustomerEdit edit, Instant now) {
        return messages.findByTelegramId(edit.chatId(), edit.messageId()).chain(message -> {
            if (message == null || message.direction != MessageDirection.INBOUND) {
                return Uni.createFrom().item(UpdateResult.skipped("edit of a message that was never stored"));
            }
            if (message.status == MessageStatus.BLOCKED) {
                return Uni.createFrom().item(UpdateResult.skipped(
                        "edit of a message written while the conversation was blocked"));
            }
            return attachments.ofMessage(message.id).chain(rows -> {
                Attachment location = edit.location() == null ? null
                        : rows.stream().filter(a -> "LOCATION".equals(a.kind)).findFirst().orElse(null);
                boolean moved = location != null
                        && (!Objects.equals(location.latitude, edit.location().latitude())
                        || !Objects.equals(location.longitude, edit.location().longitude()));
                boolean textChanged = !message.text.equals(edit.text());
                if (!moved && !textChanged) {
                    return Uni.createFrom().item(UpdateResult.skipped("edit changed nothing"));
                }
                if (moved) {
                    location.latitude = edit.location().latitude();
                    location.longitude = edit.location().longitude();
                }
                Instant editedAt = edit.editedAt() != null ? edit.editedAt() : now;
                String previous = message.text;
                Uni<Void> version = textChanged ? messages.keepVersion(message, now) : Uni.createFrom().voidItem();
                return version.chain(() -> {
                    message.text = edit.text();
                    message.editedAt = editedAt;
                    message.updatedAt = now;
                    return outbox.event(new MessageEdited(UUID.randomUUID(), 1, now, message.conversationId,
                            message.id, message.text, previous, editedAt, null), now);
                }).replaceWith(UpdateResult.applied(textChanged && moved ? "message edited and location moved"
                        : textChanged ? "message edited" : "live location moved"));
            });
        });
    }
}
