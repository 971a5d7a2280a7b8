package io.switchboard.conversation.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.api.ActorSummary;
import io.switchboard.conversation.api.ConversationAssigned;
import io.switchboard.conversation.api.ConversationBlocked;
import io.switchboard.conversation.api.ConversationClaimed;
import io.switchboard.conversation.api.ConversationClosed;
import io.switchboard.conversation.api.ConversationEvent;
import io.switchboard.conversation.api.ConversationOpened;
import io.switchboard.conversation.api.ConversationReopened;
import io.switchboard.conversation.api.ConversationState;
import io.switchboard.conversation.api.ConversationStatusChanged;
import io.switchboard.conversation.api.ConversationUnassigned;
import io.switchboard.conversation.api.ConversationUnblocked;
import io.switchboard.conversation.api.CustomerSummary;
import io.switchboard.conversation.api.CustomerUpdated;
import io.switchboard.conversation.api.MessageAttachment;
import io.switchboard.conversation.api.MessageDeleted;
import io.switchboard.conversation.api.MessageEdited;
import io.switchboard.conversation.api.MessageFailed;
import io.switchboard.conversation.api.MessageQueued;
import io.switchboard.conversation.api.MessageReceived;
import io.switchboard.conversation.api.MessageSnapshot;
import io.switchboard.conversation.api.NoteAdded;
import io.switchboard.conversation.api.SystemMessagePosted;
import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.ConversationStatus;
import io.switchboard.conversation.domain.Customer;
import io.switchboard.conversation.domain.ForumTopic;
import io.switchboard.conversation.domain.Message;
import io.switchboard.conversation.domain.MessageDirection;
import io.switchboard.conversation.domain.TopicTitle;
import io.switchboard.conversation.repository.AuditRepository;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.repository.CustomerRepository;
import io.switchboard.conversation.repository.ForumTopicRepository;
import io.switchboard.conversation.repository.MessageRepository;
import io.switchboard.conversation.repository.OperatorTelegramLinkRepository;
import io.switchboard.telegram.api.AnswerCallbackQuery;
import io.switchboard.telegram.api.CloseForumTopic;
import io.switchboard.telegram.api.CommandCompleted;
import io.switchboard.telegram.api.CommandFailed;
import io.switchboard.telegram.api.CreateForumTopic;
import io.switchboard.telegram.api.DeleteMessage;
import io.switchboard.telegram.api.EditForumTopic;
import io.switchboard.telegram.api.EditMessageText;
import io.switchboard.telegram.api.FailureKind;
import io.switchboard.telegram.api.ForumTopicCreated;
import io.switchboard.telegram.api.InlineButton;
import io.switchboard.telegram.api.MessageDelivered;
import io.switchboard.telegram.api.MessageDeliveryFailed;
import io.switchboard.telegram.api.ReopenForumTopic;
import io.switchboard.telegram.api.SendMessage;
import io.switchboard.telegram.api.TelegramResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The topics console: every conversation has a forum topic in the support group ({@link SupportGroups}) that shows
 * what happens in it, and from which linked operators act ({@link SupportGroupUpdates}).
 *
 * <p><b>Mirroring.</b> {@link Outbox#event} hands every conversation event to {@link #mirror}, inside the
 * transaction that caused it, so the topic's commands commit with the change:
 * <ul>
 *   <li>{@code conversation.opened} (Telegram and widget) → a PENDING topic row and {@code create_forum_topic};</li>
 *   <li>customer messages ({@code 👤 name: text}, media as {@code [photo] caption}), operator replies from the web
 *       ({@code ↪️ operator: text}; a reply written in the topic — source {@code TELEGRAM_TOPIC} — is never mirrored
 *       back), notes ({@code 📝 operator (note): text}), lifecycle actions ({@code ℹ️ …}), customer-facing system
 *       messages sent to the customer ({@code 🤖 text}) and operator reminders meant for Telegram (the template's
 *       {@code pin} flag pins them, e.g. the 15-minute reminder) → {@code send_message} into the thread, silent;</li>
 *   <li>a note written in the topic ({@code /note}) is not echoed back; a {@code message.queued} of a FAILED message
 *       sent again is not mirrored a second time; an operator reply Telegram did not deliver →
 *       {@code ⚠️ not delivered: reason — "text"};</li>
 *   <li>status or customer-name changes → {@code edit_forum_topic} when the {@link TopicTitle} actually changes;
 *       close → {@code close_forum_topic}, reopen → {@code reopen_forum_topic};</li>
 *   <li>the copy of a customer message or a web reply follows its message ({@link TopicMirrors}): {@code message.edited}
 *       → {@code edit_message_text} of the copy (marked {@value TopicMirrors#EDITED}), {@code message.deleted} →
 *       {@code delete_message} of the copy; a message that was never mirrored changes nothing.</li>
 * </ul>
 * Nothing is mirrored while the topic is PENDING (its summary, posted once it exists, shows the last 10 messages) or
 * CLOSED (Telegram refuses messages in closed topics with TOPIC_CLOSED).
 *
 * <p><b>Results</b> ({@link #apply}): {@code forum_topic.created} makes the topic ACTIVE and posts the summary with
 * Claim/Close buttons (callback data {@code claim:<conversationId>} / {@code close:<conversationId>}). A
 * {@code message.delivery_failed} or {@code command.failed} with failure kind TOPIC_MISSING for the topic's current
 * thread heals it: the old thread is forgotten (LOST) and ONE new {@code create_forum_topic} is queued (the row is
 * PENDING again, so further failures for the lost thread change nothing); the new summary names the mirror that
 * failed. Customer messages are stored regardless: only the mirror is affected. A topic Telegram refused to create
 * (no rights, rate limit, outage) is LOST; the customer's next message requests it once more. A creation whose outcome
 * is unknown (failure kind UNCERTAIN: the request timed out, the topic may exist) stays PENDING and is never requested
 * again automatically (a second topic would be worse than none; a WARN log says so). {@code message.delivered} of a
 * copy of a message gives {@link TopicMirrors} the copy's Telegram ids; a refused edit or deletion of a copy is logged
 * and never retried.
 */
@ApplicationScoped
public class ForumTopics {

    /** Conversation id on commands that belong to no conversation (bot answers in the General topic or a private chat). */
    public static final UUID NO_CONVERSATION = new UUID(0, 0);
    /** Prefix of the Claim button's callback data. */
    public static final String CLAIM = "claim:";
    /** Prefix of the Close button's callback data. */
    public static final String CLOSE = "close:";
    /** Messages shown in a topic's summary. */
    static final int SUMMARY_MESSAGES = 10;
    /** Longest text of one message in a summary, in characters. */
    private static final int SUMMARY_TEXT = 300;
    /** Commands whose results are this class's business. */
    private static final Set<String> TOPIC_COMMANDS = Set.of(CreateForumTopic.TYPE, EditForumTopic.TYPE,
            CloseForumTopic.TYPE, ReopenForumTopic.TYPE, AnswerCallbackQuery.TYPE);

    private static final Logger LOG = Logger.getLogger(ForumTopics.class);

    private final ForumTopicRepository topics;
    private final SupportGroups groups;
    private final ConversationRepository conversations;
    private final CustomerRepository customers;
    private final MessageRepository messages;
    private final AuditRepository auditEntries;
    private final OperatorTelegramLinkRepository links;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final TopicMirrors copies;

    public ForumTopics(ForumTopicRepository topics, SupportGroups groups, ConversationRepository conversations,
                       CustomerRepository customers, MessageRepository messages, AuditRepository auditEntries,
                       OperatorTelegramLinkRepository links, Outbox outbox, ObjectMapper mapper, TopicMirrors copies) {
        this.topics = topics;
        this.groups = groups;
        this.conversations = conversations;
        this.customers = customers;
        this.messages = messages;
        this.auditEntries = auditEntries;
        this.links = links;
        this.outbox = outbox;
        this.mapper = mapper;
        this.copies = copies;
    }

    // ------------------------------------------------------------------------------------------------ mirroring

    /**
     * Queues what the support group's topic shows of {@code event} (see the class comment), in the caller's
     * transaction. Events of conversations without a topic change nothing (one primary-key read).
     */
    public Uni<Void> mirror(ConversationEvent event, Instant now) {
        // a mirror must never cost the change it mirrors: a bug or odd data here is logged, not propagated (database
        // failures still fail the transaction, as they must)
        return Uni.createFrom().deferred(() -> mirrorEvent(event, now))
                .onFailure(failure -> failure instanceof IllegalArgumentException || failure instanceof NullPointerException
                        || failure instanceof ClassCastException)
                .recoverWithUni(failure -> {
                    LOG.errorf(failure, "Could not mirror %s of conversation %s into its forum topic", event.type(),
                            event.conversationId());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> mirrorEvent(ConversationEvent event, Instant now) {
        if (event instanceof ConversationOpened opened) {
            return opened(opened, now);
        }
        if (event instanceof MessageReceived received) {
            return retry(received.conversationId(), now).chain(() ->
                    withTopic(received.conversationId(), topic -> retitle(topic, null, received.customer(), now)
                    .chain(() -> copy(topic, TopicMirrors.customerCopy(customerName(received.customer()),
                            body(received.message())), received.message().id(), now))));
        }
        if (event instanceof MessageQueued queued) {
            if (isRetry(queued)) {
                return Uni.createFrom().voidItem(); // mirrored when first queued
            }
            return withTopic(queued.conversationId(), topic -> fromTopic(queued.message())
                    .chain(fromTopic -> fromTopic ? Uni.createFrom().voidItem()
                            : copy(topic, TopicMirrors.replyCopy(queued.message().operatorName(),
                            body(queued.message())), queued.message().id(), now)));
        }
        if (event instanceof MessageFailed failed) {
            return notDelivered(failed, now);
        }
        if (event instanceof MessageEdited edited) {
            return copies.edited(edited, now);
        }
        if (event instanceof MessageDeleted deleted) {
            return copies.deleted(deleted, now);
        }
        if (event instanceof NoteAdded note) {
            return writtenInTopic(note).chain(inTopic -> inTopic ? Uni.createFrom().voidItem()
                    : withTopic(note.conversationId(), topic -> send(topic, "📝 " + orSomeone(note.note().operatorName())
                    + " (note): " + note.note().text(), false, now)));
        }
        if (event instanceof SystemMessagePosted posted) {
            return systemMessage(posted, now);
        }
        if (event instanceof ConversationClaimed claimed) {
            return lifecycle(claimed.conversationId(), claimed.state(), "ℹ️ " + actorName(claimed.actor())
                    + " claimed the conversation.", Move.NONE, now);
        }
        if (event instanceof ConversationAssigned assigned) {
            return operatorName(assigned.state().assigneeId()).chain(name -> lifecycle(assigned.conversationId(),
                    assigned.state(), "ℹ️ " + actorName(assigned.actor()) + " assigned the conversation to " + name + ".",
                    Move.NONE, now));
        }
        if (event instanceof ConversationUnassigned unassigned) {
            return lifecycle(unassigned.conversationId(), unassigned.state(), "ℹ️ " + actorName(unassigned.actor())
                    + " released the conversation to the queue.", Move.NONE, now);
        }
        if (event instanceof ConversationClosed closed) {
            String info = closed.actor() == null ? "ℹ️ Closed automatically after inactivity."
                    : "ℹ️ " + actorName(closed.actor()) + " closed the conversation.";
            return lifecycle(closed.conversationId(), closed.state(), info, Move.CLOSE, now);
        }
        if (event instanceof ConversationReopened reopened) {
            String info = reopened.actor() == null ? "ℹ️ The customer wrote again: the conversation is open."
                    : "ℹ️ " + actorName(reopened.actor()) + " reopened the conversation.";
            return lifecycle(reopened.conversationId(), reopened.state(), info, Move.REOPEN, now);
        }
        if (event instanceof ConversationBlocked blocked) {
            return lifecycle(blocked.conversationId(), blocked.state(), "ℹ️ " + actorName(blocked.actor())
                    + " blocked the customer.", Move.NONE, now);
        }
        if (event instanceof ConversationUnblocked unblocked) {
            return lifecycle(unblocked.conversationId(), unblocked.state(), "ℹ️ " + actorName(unblocked.actor())
                    + " unblocked the customer.", Move.NONE, now);
        }
        if (event instanceof ConversationStatusChanged changed) {
            return lifecycle(changed.conversationId(), changed.state(), null, Move.NONE, now);
        }
        if (event instanceof CustomerUpdated updated) {
            return withTopic(updated.conversationId(), topic -> retitle(topic, null, updated.customer(), now));
        }
        return Uni.createFrom().voidItem();
    }

    /**
     * Whether {@code queued} announces a FAILED message sent again ({@link DeliveryRetries}): a first
     * {@code message.queued} happens in the transaction that stored the message, at its creation time.
     */
    static boolean isRetry(MessageQueued queued) {
        Instant created = queued.message().createdAt();
        return created != null && queued.occurredAt() != null && created.isBefore(queued.occurredAt());
    }

    /**
     * An operator's reply that Telegram did not deliver: the topic says so ({@code ⚠️ not delivered: reason — "text"}),
     * so operators working from Telegram learn it (the web console shows it on the message).
     */
    private Uni<Void> notDelivered(MessageFailed failed, Instant now) {
        if (failed.messageId() == null) {
            return Uni.createFrom().voidItem();
        }
        return messages.findById(failed.messageId()).chain(message -> message == null
                || message.direction != MessageDirection.OUTBOUND || message.systemKey != null
                || message.operatorId == null
                ? Uni.createFrom().voidItem()
                : withTopic(failed.conversationId(), topic -> send(topic, "⚠️ not delivered: "
                        + (failed.reason() == null || failed.reason().isBlank() ? "unknown reason" : failed.reason())
                        + " — \"" + shorten(message.text == null || message.text.isEmpty() ? "[file]" : message.text, 80)
                        + "\"", false, now)));
    }

    /**
     * Whether {@code note} was written in the topic ({@code /note}): its audit row, written just before the event in
     * the same transaction, says {@code via=telegram}. Such a note is not echoed back.
     */
    private Uni<Boolean> writtenInTopic(NoteAdded note) {
        if (note.note().id() == null) {
            return Uni.createFrom().item(false);
        }
        return auditEntries.find("conversationId = ?1 and action = 'note.added' and occurredAt = ?2",
                        note.conversationId(), note.occurredAt()).list()
                .map(entries -> entries.stream().anyMatch(entry -> entry.after != null
                        && entry.after.contains(note.note().id().toString())
                        && entry.after.contains("\"via\":\"" + io.switchboard.conversation.domain.Actor.VIA_TELEGRAM + "\"")));
    }

    /** What a lifecycle event does to the topic besides a title edit and an info line. */
    private enum Move { NONE, CLOSE, REOPEN }

    private Uni<Void> opened(ConversationOpened opened, Instant now) {
        return groups.current().chain(group -> {
            if (group == null) {
                return Uni.createFrom().voidItem();
            }
            String title = TopicTitle.of(ConversationStatus.valueOf(opened.status()), customerName(opened.customer()),
                    opened.codename());
            return topics.findById(opened.conversationId()).chain(existing -> existing != null
                    ? Uni.createFrom().voidItem()
                    : request(newTopic(opened.conversationId(), group.chatId(), title, now), true, now));
        });
    }

    /**
     * A customer's message gives a LOST topic (its creation failed, or it vanished while no group was configured)
     * another chance: when a support group is configured, one new creation is requested (its summary will show the
     * messages the topic missed).
     */
    private Uni<Void> retry(UUID conversationId, Instant now) {
        return topics.lock(conversationId).chain(topic -> topic == null || topic.status != ForumTopic.Status.LOST
                ? Uni.createFrom().voidItem()
                : groups.current().chain(group -> {
                    if (group == null) {
                        return Uni.createFrom().voidItem();
                    }
                    topic.chatId = group.chatId();
                    return retitle(topic, null, null, now).chain(() -> request(topic, false, now));
                }));
    }

    private static ForumTopic newTopic(UUID conversationId, long chatId, String title, Instant now) {
        ForumTopic topic = new ForumTopic();
        topic.conversationId = conversationId;
        topic.chatId = chatId;
        topic.name = title;
        topic.createdAt = now;
        topic.updatedAt = now;
        return topic;
    }

    /** Makes {@code topic} PENDING with a fresh create_forum_topic command (persisting it when {@code create}). */
    private Uni<Void> request(ForumTopic topic, boolean create, Instant now) {
        CreateForumTopic command = new CreateForumTopic(UUID.randomUUID(), 1, now, topic.conversationId, topic.chatId,
                topic.name, null);
        topic.status = ForumTopic.Status.PENDING;
        topic.messageThreadId = null;
        topic.commandId = command.commandId();
        topic.updatedAt = now;
        Uni<?> stored = create ? topics.persist(topic) : Uni.createFrom().voidItem();
        return stored.chain(() -> outbox.command(command, now));
    }

    private Uni<Void> systemMessage(SystemMessagePosted posted, Instant now) {
        boolean operators = SystemMessagePosted.AUDIENCE_OPERATORS.equals(posted.audience());
        if (!posted.telegram()) {
            return Uni.createFrom().voidItem(); // not sent anywhere: the transcript (and the widget banner) only
        }
        String text = operators ? posted.text() : "🤖 " + posted.text();
        return withTopic(posted.conversationId(), topic -> send(topic, text, operators && posted.pin(), now));
    }

    private Uni<Void> lifecycle(UUID conversationId, ConversationState state, String info, Move move, Instant now) {
        return withTopic(conversationId, topic -> {
            ConversationStatus status = ConversationStatus.valueOf(state.status());
            Uni<Void> reopen = Uni.createFrom().voidItem();
            if (move == Move.REOPEN && topic.status == ForumTopic.Status.CLOSED && topic.hasThread()) {
                topic.status = ForumTopic.Status.ACTIVE;
                topic.updatedAt = now;
                reopen = outbox.command(new ReopenForumTopic(UUID.randomUUID(), 1, now, conversationId, topic.chatId,
                        topic.messageThreadId), now);
            }
            return reopen
                    .chain(() -> info == null ? Uni.createFrom().voidItem() : send(topic, info, false, now))
                    .chain(() -> retitle(topic, new TitleState(status, state.codename()), null, now))
                    .chain(() -> {
                        if (move != Move.CLOSE || topic.status != ForumTopic.Status.ACTIVE || !topic.hasThread()) {
                            return Uni.createFrom().voidItem();
                        }
                        topic.status = ForumTopic.Status.CLOSED;
                        topic.updatedAt = now;
                        return outbox.command(new CloseForumTopic(UUID.randomUUID(), 1, now, conversationId,
                                topic.chatId, topic.messageThreadId), now);
                    });
        });
    }

    /** Status and codename a title is made of, when the caller knows them better than the stored conversation. */
    private record TitleState(ConversationStatus status, String codename) {
    }

    /**
     * Recomputes the title; when it differs from the stored one, stores it and (when the topic exists) queues
     * {@code edit_forum_topic}. A PENDING topic only remembers it: its creation result compares names.
     *
     * @param state    status and codename, or null to read them from the conversation
     * @param customer the customer as the event carries them, or null to read them
     */
    private Uni<Void> retitle(ForumTopic topic, TitleState state, CustomerSummary customer, Instant now) {
        return conversations.findById(topic.conversationId).chain(conversation -> {
            if (conversation == null) {
                return Uni.createFrom().voidItem();
            }
            Uni<String> name = customer != null ? Uni.createFrom().item(customerName(customer))
                    : customers.findById(conversation.customerId).map(ForumTopics::customerName);
            return name.chain(customerName -> {
                String title = TopicTitle.of(state != null ? state.status() : conversation.status, customerName,
                        state != null && state.codename() != null ? state.codename() : conversation.codename);
                if (title.equals(topic.name)) {
                    return Uni.createFrom().voidItem();
                }
                topic.name = title;
                topic.updatedAt = now;
                return topic.hasThread()
                        ? outbox.command(new EditForumTopic(UUID.randomUUID(), 1, now, topic.conversationId,
                        topic.chatId, topic.messageThreadId, title), now)
                        : Uni.createFrom().voidItem();
            });
        });
    }

    /** Posts {@code text} into an ACTIVE topic, silently; nothing otherwise. */
    private Uni<Void> send(ForumTopic topic, String text, boolean pin, Instant now) {
        return post(topic, text, pin, now).replaceWithVoid();
    }

    /**
     * Posts the copy of stored message {@code messageId} into an ACTIVE topic, silently, and remembers where it went
     * ({@link TopicMirrors#record}) so that edits and deletions can follow; nothing otherwise.
     */
    private Uni<Void> copy(ForumTopic topic, String text, UUID messageId, Instant now) {
        return post(topic, text, false, now)
                .chain(command -> command == null ? Uni.createFrom().voidItem() : copies.record(messageId, command, now));
    }

    /** The command that posts {@code text} into an ACTIVE topic, queued; null (nothing queued) otherwise. */
    private Uni<SendMessage> post(ForumTopic topic, String text, boolean pin, Instant now) {
        if (topic.status != ForumTopic.Status.ACTIVE || !topic.hasThread()) {
            return Uni.createFrom().nullItem();
        }
        SendMessage command = new SendMessage(UUID.randomUUID(), 1, now, topic.conversationId, null, topic.chatId,
                text, topic.messageThreadId, true, pin, List.of());
        return outbox.command(command, now).replaceWith(command);
    }

    /**
     * Runs {@code action} on the conversation's topic (not LOST) locked for this transaction: the action may change
     * the row (title, status), and a concurrent result ({@code forum_topic.created}, TOPIC_MISSING) must not be
     * overwritten with what was read before it committed.
     */
    private Uni<Void> withTopic(UUID conversationId, Function<ForumTopic, Uni<Void>> action) {
        return topics.lock(conversationId).chain(topic -> topic == null || topic.status == ForumTopic.Status.LOST
                ? Uni.createFrom().voidItem() : action.apply(topic));
    }

    /**
     * Whether an operator's message was written in the forum topic (never mirrored back): its source says so, or —
     * for producers that do not fill the source yet — its idempotency key carries
     * {@link SupportGroupUpdates#TOPIC_REPLY_KEY_PREFIX}.
     */
    private Uni<Boolean> fromTopic(MessageSnapshot message) {
        if (message.source() != null) {
            return Uni.createFrom().item(MessageSnapshot.SOURCE_TELEGRAM_TOPIC.equals(message.source()));
        }
        return messages.findById(message.id()).map(stored -> stored != null && stored.idempotencyKey != null
                && stored.idempotencyKey.startsWith(SupportGroupUpdates.TOPIC_REPLY_KEY_PREFIX));
    }

    // ------------------------------------------------------------------------------------------------ results

    /** Whether {@code result} answers a command of the topics console (see {@link #apply}). */
    public static boolean handles(TelegramResult result) {
        if (result instanceof ForumTopicCreated) {
            return true;
        }
        if (result instanceof CommandCompleted completed) {
            return TOPIC_COMMANDS.contains(completed.commandType())
                    || (completed.messageId() == null && isCopyCommand(completed.commandType()));
        }
        if (result instanceof CommandFailed failed) {
            return TOPIC_COMMANDS.contains(failed.commandType())
                    || (failed.messageThreadId() != null && failed.messageId() == null)
                    || (failed.messageId() == null && isCopyCommand(failed.commandType()));
        }
        if (result instanceof MessageDelivered delivered) {
            return delivered.messageId() == null;
        }
        if (result instanceof MessageDeliveryFailed failed) {
            return failed.messageId() == null;
        }
        return false;
    }

    /**
     * Whether commands of {@code commandType} may change a copy in a topic: {@code edit_message_text} and
     * {@code delete_message} of a copy carry no message id ({@link TopicMirrors}); those about the customer's chat
     * carry the stored message's id and are {@link DeliveryResults}' business.
     */
    private static boolean isCopyCommand(String commandType) {
        return EditMessageText.TYPE.equals(commandType) || DeleteMessage.TYPE.equals(commandType);
    }

    /**
     * Applies a result of a topics-console command in its own transaction: a created topic becomes ACTIVE (summary,
     * title check, closed again if the conversation is closed); TOPIC_MISSING heals the topic; a failed creation
     * leaves it LOST; a delivered copy of a message (or the parts delivered before a failure) is remembered by
     * {@link TopicMirrors}; a refused edit or deletion of a copy is logged (never retried; a deletion that found the
     * copy gone already is what was wanted). Redelivered or stale results change nothing.
     *
     * @return true when something changed (outbox rows may have been written)
     */
    @WithTransaction
    public Uni<Boolean> apply(TelegramResult result) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (result instanceof ForumTopicCreated created) {
            return created(created, now);
        }
        if (result instanceof MessageDelivered delivered) {
            return copies.delivered(delivered.commandId(), delivered.telegramMessageIds(), now);
        }
        if (result instanceof MessageDeliveryFailed failed) {
            Uni<Boolean> parts = copies.delivered(failed.commandId(), failed.telegramMessageIds(), now);
            if (failed.failureKind() == FailureKind.TOPIC_MISSING && failed.messageThreadId() != null) {
                return parts.chain(queued -> topicMissing(failed.conversationId(), failed.messageThreadId(),
                        failed.commandId(), now).map(healed -> queued || healed));
            }
            return parts;
        }
        if (result instanceof CommandFailed failed && isCopyCommand(failed.commandType())) {
            if (DeleteMessage.TYPE.equals(failed.commandType()) && failed.failureKind() == FailureKind.MESSAGE_GONE) {
                LOG.infof("delete_message of a forum-topic copy (conversation %s): already gone (%s)",
                        failed.conversationId(), failed.reason());
            } else {
                LOG.warnf("Telegram refused %s of a forum-topic copy (conversation %s, command %s): %s (%s). The stored "
                        + "message is unaffected; the copy keeps what it showed%s", failed.commandType(),
                        failed.conversationId(), failed.commandId(), failed.reason(), failed.failureKind(),
                        DeleteMessage.TYPE.equals(failed.commandType())
                                ? ". Does the bot have can_delete_messages in the support group?" : "");
            }
            return Uni.createFrom().item(false);
        }
        if (result instanceof CommandFailed failed) {
            if (failed.failureKind() == FailureKind.TOPIC_MISSING && failed.messageThreadId() != null) {
                return topicMissing(failed.conversationId(), failed.messageThreadId(), failed.commandId(), now);
            }
            if (CreateForumTopic.TYPE.equals(failed.commandType())) {
                return creationFailed(failed, now);
            }
            LOG.warnf("Telegram refused %s for conversation %s: %s", failed.commandType(), failed.conversationId(),
                    failed.reason());
        }
        return Uni.createFrom().item(false);
    }

    private Uni<Boolean> created(ForumTopicCreated created, Instant now) {
        return topics.lock(created.conversationId()).chain(topic -> {
            if (topic == null || topic.status != ForumTopic.Status.PENDING || !created.commandId().equals(topic.commandId)) {
                LOG.infof("Ignored forum_topic.created for conversation %s: no such pending request (a redelivery?)",
                        created.conversationId());
                return Uni.createFrom().item(false);
            }
            topic.chatId = created.chatId();
            topic.messageThreadId = created.messageThreadId();
            topic.status = ForumTopic.Status.ACTIVE;
            topic.updatedAt = now;
            String createdName = created.name();
            String wanted = topic.name;
            topic.name = createdName == null ? wanted : createdName;
            return conversations.findById(topic.conversationId).chain(conversation -> summary(topic, conversation)
                    .chain(text -> outbox.command(new SendMessage(UUID.randomUUID(), 1, now, topic.conversationId, null,
                            topic.chatId, text, topic.messageThreadId, true, false,
                            conversation.status.isOpen() ? buttons(topic.conversationId) : List.of()), now))
                    .chain(() -> {
                        topic.lostText = null;
                        return retitle(topic, null, null, now);
                    })
                    .chain(() -> {
                        if (conversation.status.isOpen()) {
                            return Uni.createFrom().voidItem();
                        }
                        topic.status = ForumTopic.Status.CLOSED;
                        return outbox.command(new CloseForumTopic(UUID.randomUUID(), 1, now, topic.conversationId,
                                topic.chatId, topic.messageThreadId), now);
                    }))
                    .replaceWith(true);
        });
    }

    /** The Claim and Close buttons of a topic's summary. */
    public static List<InlineButton> buttons(UUID conversationId) {
        return List.of(new InlineButton("✋ Claim", CLAIM + conversationId), new InlineButton("✅ Close", CLOSE + conversationId));
    }

    private Uni<Boolean> topicMissing(UUID conversationId, int threadId, UUID commandId, Instant now) {
        return topics.lock(conversationId).chain(topic -> {
            if (topic == null || topic.messageThreadId == null || topic.messageThreadId != threadId
                    || topic.status == ForumTopic.Status.CLOSED) {
                // already healing (PENDING), a failure about a thread forgotten before (one new topic is enough), or
                // a closed topic (Telegram answers TOPIC_CLOSED there; it is healed when the conversation reopens)
                return Uni.createFrom().item(false);
            }
            LOG.warnf("Forum topic %d of conversation %s is gone (TOPIC_MISSING); creating a new one", threadId,
                    conversationId);
            return failedText(commandId).chain(failed -> {
                topic.lostThreadId = topic.messageThreadId;
                topic.lostText = failed;
                topic.messageThreadId = null;
                topic.status = ForumTopic.Status.LOST;
                topic.commandId = null;
                topic.updatedAt = now;
                return groups.current().chain(group -> {
                    if (group == null) {
                        return Uni.createFrom().item(true); // no group any more: the topic stays LOST
                    }
                    topic.chatId = group.chatId();
                    return retitle(topic, null, null, now).chain(() -> request(topic, false, now)).replaceWith(true);
                });
            });
        });
    }

    private Uni<Boolean> creationFailed(CommandFailed failed, Instant now) {
        return topics.lock(failed.conversationId()).map(topic -> {
            if (topic == null || topic.status != ForumTopic.Status.PENDING || !failed.commandId().equals(topic.commandId)) {
                return false;
            }
            if (failed.failureKind() == FailureKind.UNCERTAIN) {
                // the request timed out: the topic may exist in the group. Asking again could make a second one, so
                // the row stays PENDING (nothing is mirrored, nothing is requested again automatically)
                LOG.warnf("Creating the forum topic of conversation %s timed out (%s): the topic may exist without "
                        + "Switchboard knowing its thread; it is not requested again automatically", failed.conversationId(),
                        failed.reason());
                return false;
            }
            LOG.warnf("Telegram refused to create the forum topic of conversation %s (%s); it stays without a topic. "
                    + "Is the bot an admin with can_manage_topics in a forum supergroup?", failed.conversationId(), failed.reason());
            topic.status = ForumTopic.Status.LOST;
            topic.updatedAt = now;
            return true;
        });
    }

    /** The text of the send_message command {@code commandId} if its outbox row is still there, else null. */
    private Uni<String> failedText(UUID commandId) {
        if (commandId == null) {
            return Uni.createFrom().nullItem();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select o.payload from outbox o where o.topic = :topic and strpos(o.payload, :id) > 0 "
                                + "order by o.id desc limit 1", String.class)
                .setParameter("topic", io.switchboard.telegram.api.Topics.COMMANDS)
                .setParameter("id", commandId.toString())
                .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    try {
                        JsonNode command = mapper.readTree(rows.get(0));
                        return SendMessage.TYPE.equals(command.path("type").asText()) && command.path("text").isTextual()
                                ? command.path("text").textValue() : null;
                    } catch (Exception e) {
                        return null;
                    }
                });
    }

    // ------------------------------------------------------------------------------------------------ summary

    /**
     * The summary posted into a new topic: title line, channel, status, assignee, the mirror lost with the previous
     * topic (if any) and the last {@value #SUMMARY_MESSAGES} messages.
     */
    Uni<String> summary(ForumTopic topic, Conversation conversation) {
        return customers.findById(conversation.customerId).chain(customer -> operatorName(conversation.assigneeId)
                .chain(assignee -> messages.find("conversationId = ?1 order by createdAt desc, id desc", conversation.id)
                        .page(0, SUMMARY_MESSAGES).list()
                        .map(latest -> {
                            List<Message> ordered = new ArrayList<>(latest);
                            Collections.reverse(ordered);
                            StringBuilder text = new StringBuilder();
                            String name = customerName(customer);
                            text.append(TopicTitle.badge(conversation.status)).append(' ').append(name)
                                    .append(" — ").append(conversation.codename).append('\n');
                            text.append("Channel: ").append(conversation.isWidget() ? "web widget" : "Telegram");
                            if (customer != null && customer.username != null) {
                                text.append(" (@").append(customer.username).append(')');
                            }
                            text.append('\n');
                            text.append("Status: ").append(statusText(conversation.status)).append('\n');
                            text.append("Assignee: ").append(assignee == null ? "nobody yet" : assignee).append('\n');
                            if (topic.lostText != null) {
                                text.append("\n⚠️ The previous topic was deleted; this did not reach it:\n")
                                        .append(shorten(topic.lostText)).append('\n');
                            }
                            text.append(ordered.isEmpty() ? "\nNo messages yet." : "\nLast messages:");
                            for (Message message : ordered) {
                                text.append('\n').append(line(message, name));
                            }
                            text.append("\n\nWrite here to answer (after /claim). /help lists the commands.");
                            return text.toString();
                        })));
    }

    private static String line(Message message, String customerName) {
        String body = shorten(message.text);
        if (message.direction == MessageDirection.INBOUND) {
            return "👤 " + customerName + ": " + body;
        }
        if (message.systemKey != null) {
            return "🤖 " + body;
        }
        return "↪️ " + orSomeone(message.operatorName) + ": " + body;
    }

    private static String statusText(ConversationStatus status) {
        return switch (status) {
            case OPEN_UNCLAIMED -> "waiting for an operator";
            case OPEN_ASSIGNED -> "assigned";
            case AWAITING_CUSTOMER -> "waiting for the customer";
            case CLOSED -> "closed";
            case BLOCKED -> "blocked";
        };
    }

    /**
     * The display name of an operator as last seen: their Telegram link, else their latest audit row; the id when
     * neither knows them; null for null.
     */
    public Uni<String> operatorName(UUID operatorId) {
        if (operatorId == null) {
            return Uni.createFrom().nullItem();
        }
        return links.findById(operatorId).chain(link -> link != null && link.operatorName != null
                ? Uni.createFrom().item(link.operatorName)
                : auditEntries.find("actorId = ?1 and actorName is not null order by occurredAt desc", operatorId)
                .firstResult().map(entry -> entry == null ? operatorId.toString() : entry.actorName));
    }

    // ------------------------------------------------------------------------------------------------ text helpers

    /** The customer's name as operators see it: nickname first, else the display name. */
    static String customerName(CustomerSummary customer) {
        if (customer == null) {
            return "Customer";
        }
        return customer.nickname() != null && !customer.nickname().isBlank() ? customer.nickname() : customer.displayName();
    }

    static String customerName(Customer customer) {
        if (customer == null) {
            return "Customer";
        }
        return customer.nickname != null && !customer.nickname.isBlank() ? customer.nickname : customer.displayName;
    }

    /** A message's text for a mirror: attachments as {@code [photo]}, then the text or caption. */
    static String body(MessageSnapshot message) {
        List<MessageAttachment> attachments = message.attachments() == null ? List.of() : message.attachments();
        return body(attachments.stream().map(MessageAttachment::kind).toList(), message.text());
    }

    /**
     * A message's text for a mirror from its attachments' kinds ({@code PHOTO}, ...; null counts as a file) and its
     * text or caption: e.g. {@code [photo] caption}, or {@code [message]} when both are empty.
     */
    static String body(List<String> attachmentKinds, String text) {
        StringBuilder body = new StringBuilder();
        for (String kind : attachmentKinds) {
            if (!body.isEmpty()) {
                body.append(' ');
            }
            body.append('[').append(kind == null ? "file" : kind.toLowerCase(Locale.ROOT)).append(']');
        }
        if (text != null && !text.isEmpty()) {
            if (!body.isEmpty()) {
                body.append(' ');
            }
            body.append(text);
        }
        return body.isEmpty() ? "[message]" : body.toString();
    }

    private static String actorName(ActorSummary actor) {
        return actor == null ? "The system" : orSomeone(actor.name());
    }

    static String orSomeone(String name) {
        return name == null || name.isBlank() ? "An operator" : name;
    }

    private static String shorten(String text) {
        return shorten(text, SUMMARY_TEXT);
    }

    /** {@code text} cut after at most {@code max} UTF-16 units (never inside a surrogate pair), then {@code …}. */
    static String shorten(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
