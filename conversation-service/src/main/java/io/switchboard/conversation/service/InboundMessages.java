package io.switchboard.conversation.service;

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
import io.switchboard.conversation.domain.InboundText;
import io.switchboard.conversation.domain.Message;
import io.switchboard.conversation.domain.MessageStatus;
import io.switchboard.conversation.mapping.ConversationMapper;
import io.switchboard.conversation.domain.Attachment;
import io.switchboard.conversation.repository.AttachmentRepository;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.repository.MessageRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a customer's message does to its conversation, whatever the channel (Telegram: {@link CustomerMessageIntake},
 * web widget: {@link WidgetMessageIntake}). Runs inside the caller's transaction; the caller has locked the
 * conversation ({@code FOR UPDATE}) so that an operator's concurrent action waits or re-reads.
 * <ul>
 *   <li>OPEN_UNCLAIMED / OPEN_ASSIGNED → append;</li>
 *   <li>AWAITING_CUSTOMER → OPEN_ASSIGNED, {@code conversation.status_changed} (actor null), then the message;</li>
 *   <li>CLOSED → reopened as OPEN_UNCLAIMED (assignee cleared, a new codename when the old one was taken meanwhile),
 *       audit and {@code conversation.reopened} (actor null), then the message and {@code conversation_reopened};</li>
 *   <li>BLOCKED → the message is stored with status {@code BLOCKED}: no event, no timer, nothing else.</li>
 * </ul>
 * Otherwise the message is stored ({@code message.received}, with the widget's {@code clientMessageId}),
 * {@code last_inbound_at} set, {@code waiting_for_agent} posted while the conversation is OPEN_UNCLAIMED
 * ({@link SystemMessages} applies its rate limit) and the timers rescheduled.
 *
 * <p>Times: the system messages a customer message causes follow it by 1 and 2 µs, so a transcript ordered by
 * (created_at, id) keeps the order things happened in; a message into an existing conversation is dated no earlier
 * than 4 µs after its latest message ({@link Conversation#nextMessageAt}), since an operator's reply or close may have
 * been stored while the caller waited for the lock.
 */
@ApplicationScoped
public class InboundMessages {

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final SystemMessages systemMessages;
    private final LifecycleTimers timers;
    private final Codenames codenames;
    private final AttachmentRepository attachments;

    public InboundMessages(ConversationRepository conversations, MessageRepository messages, Outbox outbox,
                           AuditTrail audit, SystemMessages systemMessages, LifecycleTimers timers, Codenames codenames,
                           AttachmentRepository attachments) {
        this.attachments = attachments;
        this.conversations = conversations;
        this.messages = messages;
        this.outbox = outbox;
        this.audit = audit;
        this.systemMessages = systemMessages;
        this.timers = timers;
        this.codenames = codenames;
    }

    /**
     * Persists a new conversation (already filled in: OPEN_UNCLAIMED, a free codename) and queues
     * {@code conversation.opened} with its channel.
     */
    public Uni<Conversation> open(Conversation conversation, Customer customer, Instant now) {
        return conversations.persist(conversation)
                .call(opened -> outbox.event(new ConversationOpened(UUID.randomUUID(), 1, now, opened.id,
                        opened.codename, opened.status.name(), ConversationMapper.summary(customer),
                        opened.channel.name()), now));
    }

    /**
     * The customer's first message, into the conversation {@link #open} just opened: the message, then
     * {@code welcome_message} (and {@code waiting_for_agent}), timers.
     *
     * @return the stored message
     */
    public Uni<Message> first(Conversation conversation, Customer customer, InboundText text, Instant now) {
        return received(conversation, customer, text, now, "welcome_message");
    }

    /**
     * The customer wrote into their existing {@code conversation} (locked by the caller): applies the lifecycle
     * (see the class comment) and stores the message.
     *
     * @param received when the message arrived; the message is dated {@link Conversation#nextMessageAt} of it, so it
     *                 follows whatever was stored in the conversation while the caller waited for its lock
     * @return the stored message (status BLOCKED when the conversation is blocked)
     */
    public Uni<Message> wrote(Conversation conversation, Customer customer, InboundText text, Instant received) {
        // dated after the latest message: an operator's reply or close stored while this waited for the lock came first
        Instant now = conversation.nextMessageAt(received);
        State before = State.of(conversation);
        Allowed decision = (Allowed) ConversationLifecycle.decide(before, Action.CUSTOMER_WROTE, null);
        if (before.status() == ConversationStatus.BLOCKED) {
            Message blocked = Message.inbound(conversation.id, text, now);
            blocked.status = MessageStatus.BLOCKED;
            return persist(blocked, text, now).map(stored -> stored.message());
        }
        if (!decision.changed()) {
            return received(conversation, customer, text, now, null);
        }
        ConversationStatus previous = conversation.status;
        if (previous == ConversationStatus.CLOSED) {
            String previousCodename = conversation.codename;
            // a codename another transaction takes before this one commits fails it; the consumer's retry redraws
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
    private Uni<Message> received(Conversation conversation, Customer customer, InboundText text, Instant now,
                                  String firstSystemKey) {
        Message message = Message.inbound(conversation.id, text, now);
        conversation.touch(message);
        conversation.lastInboundAt = now;
        Map<String, String> vars = vars(conversation, customer);
        Instant first = now.plus(1, ChronoUnit.MICROS);
        Instant second = now.plus(2, ChronoUnit.MICROS);
        return persist(message, text, now)
                .call(stored -> outbox.event(new MessageReceived(UUID.randomUUID(), 1, now, conversation.id,
                        ConversationMapper.summary(customer),
                        ConversationMapper.snapshot(stored.message(), stored.attachments())), now))
                .map(Stored::message)
                .call(() -> firstSystemKey == null ? Uni.createFrom().voidItem()
                        : systemMessages.post(conversation, firstSystemKey, vars, first).replaceWithVoid())
                .call(() -> conversation.status == ConversationStatus.OPEN_UNCLAIMED
                        ? systemMessages.post(conversation, "waiting_for_agent", vars, second).replaceWithVoid()
                        : Uni.createFrom().voidItem())
                .call(() -> timers.reschedule(conversation, now));
    }

    /** A stored message with its attachments. */
    private record Stored(Message message, List<Attachment> attachments) {
    }

    /**
     * Stores {@code message}: first resolves the Telegram message it replies to (in the same chat; left null when that
     * message is not stored, the quoted text stays), then the message, then its attachment.
     */
    private Uni<Stored> persist(Message message, InboundText text, Instant now) {
        Uni<Void> reply = text.replyToTelegramMessageId() == null || text.telegramChatId() == null
                ? Uni.createFrom().voidItem()
                : messages.findByTelegramId(text.telegramChatId(), text.replyToTelegramMessageId())
                        .invoke(replied -> {
                            if (replied != null && replied.conversationId.equals(message.conversationId)) {
                                message.replyToMessageId = replied.id;
                                if (message.replyToText == null && !replied.text.isEmpty()) {
                                    message.replyToText = replied.text.length() <= 200 ? replied.text
                                            : replied.text.substring(0, 200);
                                }
                            }
                        })
                        .replaceWithVoid();
        return reply.chain(() -> messages.persist(message))
                .chain(stored -> {
                    if (text.media() == null) {
                        return Uni.createFrom().item(new Stored(stored, List.of()));
                    }
                    Attachment attachment = text.media().toAttachment(stored.id, now);
                    return attachments.persist(attachment).map(a -> new Stored(stored, List.of(a)));
                });
    }

    /** Placeholder values for the customer's system messages: codename, and the nickname or display name. */
    static Map<String, String> vars(Conversation conversation, Customer customer) {
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
