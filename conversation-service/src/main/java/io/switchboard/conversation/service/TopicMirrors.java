package io.switchboard.conversation.service;

import io.switchboard.conversation.api.MessageDeleted;
import io.switchboard.conversation.api.MessageEdited;
import io.switchboard.conversation.domain.Customer;
import io.switchboard.conversation.domain.Message;
import io.switchboard.conversation.domain.MessageDirection;
import io.switchboard.conversation.domain.TopicMirror;
import io.switchboard.conversation.repository.AttachmentRepository;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.repository.CustomerRepository;
import io.switchboard.conversation.repository.MessageRepository;
import io.switchboard.conversation.repository.TopicMirrorRepository;
import io.switchboard.telegram.api.DeleteMessage;
import io.switchboard.telegram.api.EditMessageText;
import io.switchboard.telegram.api.SendMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Keeps the copies of messages in the forum topics in step with the messages ({@code topic_mirror}): the web console
 * and the topics console show the same text.
 *
 * <p><b>Which copies.</b> A customer message ({@code 👤 name: text}) or an operator's web reply ({@code ↪️ operator:
 * text}) mirrored by {@link ForumTopics} is {@link #record recorded} with the mirror's {@code send_message} command id
 * (mirror commands carry no message id, so the command id is the link); {@code message.delivered} of that command
 * {@link #delivered fills in} Telegram's message id of every part of the copy. Other mirrors (notes, lifecycle lines,
 * system messages, summaries) are never edited and get no row; nor does a reply written in the topic (it is the
 * operator's own Telegram message, which a bot cannot edit).
 *
 * <p><b>What follows the message</b>, in the transaction that changed it:
 * <ul>
 *   <li>{@code message.edited} whose text changed (a customer's edit in Telegram, an operator's edit on the web; not a
 *       live location that only moved) → {@code edit_message_text} of the copy's first part with the copy rendered
 *       again from the stored message, followed by a line {@value #EDITED}. A copy Telegram got in several parts
 *       keeps only its first part: the others, which held the old text, are deleted. An edited copy over 4096
 *       UTF-16 units is cut and ends with {@value #EDITED_SHORTENED} instead (the full text is on the web);</li>
 *   <li>{@code message.deleted} (an operator deleted a reply on the web) → {@code delete_message} of every part of the
 *       copy, and the row goes: the topic shows what the customer sees. Deleting needs the bot's
 *       {@code can_delete_messages} right in the group; without it Telegram refuses and the copy stays (logged);</li>
 *   <li>an edit or deletion that arrives before the copy is delivered marks the row, and the delivery result applies it
 *       at once (a busy group's mirrors may wait a minute behind its 20 messages/minute pace).</li>
 * </ul>
 * A message without a row (never mirrored, or its copy's delivery failed) changes nothing in Telegram. These commands
 * carry no message id either: their results go to {@link ForumTopics#apply}, which logs a refusal
 * ({@code MESSAGE_GONE}: someone deleted the copy) and never retries; the stored message is never affected. Editing
 * the copy produces no update (bots get none for their own edits and deletions; an {@code edited_message} from the
 * group would be skipped anyway), so nothing comes back as a new message.
 */
@ApplicationScoped
public class TopicMirrors {

    /** The line that ends an edited copy. */
    public static final String EDITED = "✏️ edited";
    /** The line that ends an edited copy that had to be cut to fit one Telegram message. */
    public static final String EDITED_SHORTENED = "✏️ edited (shortened; the full text is in the web console)";

    private static final Logger LOG = Logger.getLogger(TopicMirrors.class);

    private final TopicMirrorRepository mirrors;
    private final MessageRepository messages;
    private final AttachmentRepository attachments;
    private final ConversationRepository conversations;
    private final CustomerRepository customers;
    private final Outbox outbox;

    public TopicMirrors(TopicMirrorRepository mirrors, MessageRepository messages, AttachmentRepository attachments,
                        ConversationRepository conversations, CustomerRepository customers, Outbox outbox) {
        this.mirrors = mirrors;
        this.messages = messages;
        this.attachments = attachments;
        this.conversations = conversations;
        this.customers = customers;
        this.outbox = outbox;
    }

    // ------------------------------------------------------------------------------------------------ rendering

    /** A customer message's copy: {@code 👤 name: body}. */
    static String customerCopy(String customerName, String body) {
        return "👤 " + customerName + ": " + body;
    }

    /** An operator reply's copy: {@code ↪️ operator: body} ("An operator" when the name is unknown). */
    static String replyCopy(String operatorName, String body) {
        return "↪️ " + ForumTopics.orSomeone(operatorName) + ": " + body;
    }

    /**
     * An edited copy: {@code copy}, then a line {@value #EDITED}; cut to fit one Telegram message (4096 UTF-16
     * units, never inside a surrogate pair) and then ending with {@value #EDITED_SHORTENED}.
     */
    static String editedCopy(String copy) {
        String edited = copy + "\n" + EDITED;
        if (edited.length() <= MessageEdits.MAX_TEXT) {
            return edited;
        }
        // shorten() appends "…" after at most max units
        return ForumTopics.shorten(copy, MessageEdits.MAX_TEXT - EDITED_SHORTENED.length() - 2) + "\n" + EDITED_SHORTENED;
    }

    // ------------------------------------------------------------------------------------------------ recording

    /**
     * Remembers that {@code command} posts the copy of {@code messageId} (in the caller's transaction, after the
     * message row was written). A message mirrored again (it should not be) keeps its latest copy.
     */
    Uni<Void> record(UUID messageId, SendMessage command, Instant now) {
        if (messageId == null || command.messageThreadId() == null) {
            return Uni.createFrom().voidItem();
        }
        return mirrors.lock(messageId).chain(existing -> {
            TopicMirror mirror = existing != null ? existing : new TopicMirror();
            mirror.messageId = messageId;
            mirror.conversationId = command.conversationId();
            mirror.chatId = command.chatId();
            mirror.messageThreadId = command.messageThreadId();
            mirror.commandId = command.commandId();
            mirror.telegramMessageIds = null;
            mirror.changedWhilePending = false;
            mirror.createdAt = now;
            return existing != null ? Uni.createFrom().voidItem() : mirrors.persist(mirror).replaceWithVoid();
        });
    }

    /**
     * Applies the result of a mirror command {@code commandId} ({@code message.delivered}, or
     * {@code message.delivery_failed} with the parts delivered before the failure): the copy's Telegram ids are kept,
     * and an edit or deletion that came meanwhile is applied now. A copy of which nothing was delivered is forgotten
     * (its message counts as never mirrored). Results of other mirrors, and redeliveries, change nothing.
     *
     * @return true when commands were queued
     */
    Uni<Boolean> delivered(UUID commandId, List<Long> telegramMessageIds, Instant now) {
        return mirrors.lockByCommand(commandId).chain(mirror -> {
            if (mirror == null || mirror.delivered()) {
                return Uni.createFrom().item(false);
            }
            if (telegramMessageIds == null || telegramMessageIds.isEmpty()) {
                return mirrors.delete(mirror).replaceWith(false);
            }
            mirror.telegramMessageIds = TelegramParts.append(null, telegramMessageIds);
            if (!mirror.changedWhilePending) {
                return Uni.createFrom().item(false);
            }
            mirror.changedWhilePending = false;
            return messages.findById(mirror.messageId).chain(message -> {
                if (message == null) {
                    return Uni.createFrom().item(false);
                }
                if (message.deletedAt != null) {
                    return deleteCopy(mirror, now).replaceWith(true);
                }
                return render(message).chain(copy -> editCopy(mirror, copy, now)).replaceWith(true);
            });
        });
    }

    // ------------------------------------------------------------------------------------------------ changes

    /** The copy of the edited message shows its new text (see the class comment); nothing when never mirrored. */
    Uni<Void> edited(MessageEdited edited, Instant now) {
        if (edited.messageId() == null || Objects.equals(edited.text(), edited.previousText())) {
            return Uni.createFrom().voidItem(); // a live location that moved: the copy shows no coordinates
        }
        return mirrors.lock(edited.messageId()).chain(mirror -> {
            if (mirror == null) {
                return Uni.createFrom().voidItem();
            }
            if (!mirror.delivered()) {
                mirror.changedWhilePending = true;
                return Uni.createFrom().voidItem();
            }
            return messages.findById(edited.messageId()).chain(message -> message == null
                    ? Uni.createFrom().voidItem()
                    : render(message).chain(copy -> editCopy(mirror, copy, now)));
        });
    }

    /** The copy of the deleted message is deleted (every part); nothing when never mirrored. */
    Uni<Void> deleted(MessageDeleted deleted, Instant now) {
        if (deleted.messageId() == null) {
            return Uni.createFrom().voidItem();
        }
        return mirrors.lock(deleted.messageId()).chain(mirror -> {
            if (mirror == null) {
                return Uni.createFrom().voidItem();
            }
            if (!mirror.delivered()) {
                mirror.changedWhilePending = true;
                return Uni.createFrom().voidItem();
            }
            return deleteCopy(mirror, now);
        });
    }

    private Uni<Void> editCopy(TopicMirror mirror, String copy, Instant now) {
        List<Long> parts = TelegramParts.of(mirror.telegramMessageIds);
        Uni<Void> edit = outbox.command(new EditMessageText(UUID.randomUUID(), 1, now, mirror.conversationId, null,
                mirror.chatId, parts.get(0), editedCopy(copy)), now);
        if (parts.size() == 1) {
            return edit;
        }
        // the later parts held the old text's tail: the first part now carries the whole (or shortened) new text
        mirror.telegramMessageIds = TelegramParts.append(null, parts.subList(0, 1));
        return edit.chain(() -> outbox.command(new DeleteMessage(UUID.randomUUID(), 1, now, mirror.conversationId,
                null, mirror.chatId, parts.subList(1, parts.size())), now));
    }

    private Uni<Void> deleteCopy(TopicMirror mirror, Instant now) {
        LOG.debugf("Deleting the forum-topic copy of message %s", mirror.messageId);
        return outbox.command(new DeleteMessage(UUID.randomUUID(), 1, now, mirror.conversationId, null, mirror.chatId,
                        TelegramParts.of(mirror.telegramMessageIds)), now)
                .chain(() -> mirrors.delete(mirror));
    }

    /** The copy of {@code message} as {@link ForumTopics} mirrors it, from the stored message as it is now. */
    private Uni<String> render(Message message) {
        return attachments.ofMessage(message.id).chain(files -> {
            String body = ForumTopics.body(files.stream().map(file -> file.kind).toList(), message.text);
            if (message.direction == MessageDirection.OUTBOUND) {
                return Uni.createFrom().item(replyCopy(message.operatorName, body));
            }
            return conversations.findById(message.conversationId)
                    .chain(conversation -> conversation == null ? Uni.createFrom().<Customer>nullItem()
                            : customers.findById(conversation.customerId))
                    .map(customer -> customerCopy(ForumTopics.customerName(customer), body));
        });
    }
}
