package io.switchboard.conversation.service;

import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.domain.ForumTopic;
import io.switchboard.conversation.domain.InboundUpdate;
import io.switchboard.conversation.domain.InboundUpdate.CallbackQuery;
import io.switchboard.conversation.domain.InboundUpdate.CustomerText;
import io.switchboard.conversation.domain.InboundUpdate.GroupEdit;
import io.switchboard.conversation.domain.InboundUpdate.GroupMessage;
import io.switchboard.conversation.domain.Note;
import io.switchboard.conversation.domain.OperatorTelegramLink;
import io.switchboard.conversation.domain.SupportGroup;
import io.switchboard.conversation.domain.TelegramSender;
import io.switchboard.conversation.domain.UpdateOutcome;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.repository.ForumTopicRepository;
import io.switchboard.conversation.repository.MessageRepository;
import io.switchboard.conversation.repository.ProcessedUpdateRepository;
import io.switchboard.telegram.api.AnswerCallbackQuery;
import io.switchboard.telegram.api.SendMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What operators do in the support group, applied inside the update consumer's transaction
 * ({@link CustomerMessageIntake}); every such update is recorded in {@code processed_update} as APPLIED (with what
 * was done) or SKIPPED (with why), a redelivered one as DUPLICATE.
 *
 * <p>In a conversation's forum topic (found by {@code (chat_id, message_thread_id)} of a topic message):
 * <ul>
 *   <li>{@code /claim}, {@code /close [closing message]}, {@code /reopen}, {@code /note <text>}: the usual
 *       {@link ConversationWorkflow} / {@link Notes} actions, as the linked operator ({@link Actor#VIA_TELEGRAM}), so
 *       the web console sees the same events and the topic gets the usual mirror; refusals are answered in the topic
 *       ("the conversation is already claimed by Anna");</li>
 *   <li>plain text from the linked assignee → their reply to the customer through {@link OperatorReplies} (source
 *       {@code TELEGRAM_TOPIC}, never mirrored back); from a linked non-assignee → "Claim it first"; from an unlinked
 *       person → how to link;</li>
 *   <li>an edit of such a reply in the topic ({@code edited_message}) by its author, linked and still the assignee →
 *       the same edit as on the web ({@link MessageEdits#edit}: previous text kept, {@code message.edited}, the
 *       customer's copy edited with {@code edit_message_text}); refusals (older than 48 h, deleted, still being sent,
 *       split into parts) are answered in the topic, an edit by anyone else is answered and changes nothing, an edit
 *       that changes no text (Telegram sends spurious ones) or of a message that is no stored reply is SKIPPED.</li>
 * </ul>
 * Photos, files, stickers and other non-text content from a linked operator in a topic are not forwarded: the bot
 * says so ({@link #ONLY_TEXT}, recorded SKIPPED). A message in a topic of a former support group is answered
 * {@link #NOT_THE_SUPPORT_GROUP}. A reply's assignee check happens after the conversation is locked
 * ({@link OperatorReplies#replyAsAssignee}). Buttons count only in the support group and in the conversation's own
 * topic ({@link #NOT_THIS_CHAT} otherwise, SKIPPED).
 * Anywhere in the group (General topic included) and in a private chat: {@code /link CODE}; in the group also
 * {@code /help}, {@code /whoami}, {@code /myid}. The bot answers silently ({@code disable_notification}) in the thread
 * the command came from. Button presses ({@code claim:<id>}, {@code close:<id>}) run the action and are always
 * answered with {@code answerCallbackQuery} ("Claimed", "Already claimed by Anna", ...).
 */
@ApplicationScoped
public class SupportGroupUpdates {

    /** Idempotency-key prefix of replies written in a topic ({@code telegram-topic:<chatId>:<messageId>}). */
    public static final String TOPIC_REPLY_KEY_PREFIX = "telegram-topic:";

    /** How to link, for people who are not linked yet. */
    static final String HOW_TO_LINK = "Your Telegram account is not linked to a console operator yet. In the console open "
            + "Profile → Link Telegram, then send /link CODE here.";
    static final String CLAIM_FIRST = "Claim it first: /claim (or the button)";
    static final String ONLY_TEXT = "Only text is forwarded from the topic; send files from the web console";
    static final String NOT_THE_SUPPORT_GROUP = "This group is no longer the support group";
    static final String NOT_THIS_CHAT = "This button is not for this chat";
    static final String EDIT_NOT_ASSIGNEE = "Your edit did not reach the customer: you no longer hold this conversation";
    static final String EDIT_REFUSED = "Your edit did not reach the customer: ";
    static final String HELP = """
            Commands in a conversation's topic:
            /claim — take the conversation
            /close [message] — close it (the message goes to the customer)
            /reopen — reopen a closed conversation
            /note <text> — add a private note for operators
            After /claim, whatever you write in the topic goes to the customer.
            Anywhere: /whoami (your console account), /myid (your Telegram id), /link CODE (link your account: \
            console → Profile → Link Telegram).""";

    private static final Pattern COMMAND = Pattern.compile("^/([A-Za-z]+)(?:@\\w+)?(?:\\s+(.*))?$", Pattern.DOTALL);
    private static final Pattern PRIVATE_LINK = Pattern.compile("^/link(?:@\\w+)?\\s+([A-Za-z2-9]{8})\\s*$");

    private final ProcessedUpdateRepository processedUpdates;
    private final SupportGroups groups;
    private final ForumTopicRepository topics;
    private final ConversationRepository conversations;
    private final OperatorTelegramLinks links;
    private final ConversationWorkflow workflow;
    private final OperatorReplies replies;
    private final Notes notes;
    private final Outbox outbox;
    private final MessageRepository messages;
    private final MessageEdits edits;

    public SupportGroupUpdates(ProcessedUpdateRepository processedUpdates, SupportGroups groups,
                               ForumTopicRepository topics, ConversationRepository conversations,
                               OperatorTelegramLinks links, ConversationWorkflow workflow, OperatorReplies replies,
                               Notes notes, Outbox outbox, MessageRepository messages, MessageEdits edits) {
        this.processedUpdates = processedUpdates;
        this.groups = groups;
        this.topics = topics;
        this.conversations = conversations;
        this.links = links;
        this.workflow = workflow;
        this.replies = replies;
        this.notes = notes;
        this.outbox = outbox;
        this.messages = messages;
        this.edits = edits;
    }

    /** Whether a customer's private text is {@code /link CODE} (an operator linking from a private chat). */
    public static boolean isPrivateLink(CustomerText text) {
        return text.media() == null && text.text() != null && PRIVATE_LINK.matcher(text.text()).matches();
    }

    /** What became of one update, for processed_update. */
    private record Result(UpdateOutcome outcome, String reason) {
        static Result applied(String reason) {
            return new Result(UpdateOutcome.APPLIED, reason);
        }

        static Result skipped(String reason) {
            return new Result(UpdateOutcome.SKIPPED, reason);
        }
    }

    /**
     * Applies a {@link GroupMessage}, a {@link CallbackQuery} or a private {@code /link CODE}
     * ({@link #isPrivateLink}) in the caller's transaction.
     *
     * @param botId the receiving bot's id (0 when unknown), recorded with the update_id
     * @return APPLIED, SKIPPED or DUPLICATE
     */
    public Uni<UpdateOutcome> accept(long botId, InboundUpdate update, Instant now) {
        return processedUpdates.recordIfNew(botId, update.updateId(), update.kind(), UpdateOutcome.APPLIED,
                        "support group update", now)
                .chain(recorded -> {
                    if (!recorded) {
                        return Uni.createFrom().item(UpdateOutcome.DUPLICATE);
                    }
                    return handle(update, now)
                            .call(result -> processedUpdates.settle(botId, update.updateId(), result.outcome(),
                                    result.reason()))
                            .map(Result::outcome);
                });
    }

    private Uni<Result> handle(InboundUpdate update, Instant now) {
        if (update instanceof GroupMessage message) {
            return groups.current().chain(group -> group == null || group.chatId() != message.chatId()
                    ? formerGroup(message, now)
                    : groupMessage(group, message, now));
        }
        if (update instanceof GroupEdit edit) {
            return groups.current().chain(group -> group == null || group.chatId() != edit.chatId()
                    ? Uni.createFrom().item(Result.skipped("edit in a supergroup that is not the support group"))
                    : topicEdit(edit, now));
        }
        if (update instanceof CallbackQuery callback) {
            return callback(callback, now);
        }
        if (update instanceof CustomerText text && isPrivateLink(text)) {
            Matcher matcher = PRIVATE_LINK.matcher(text.text());
            matcher.matches();
            return link(matcher.group(1), text.sender(), text.chatId(), null, now);
        }
        return Uni.createFrom().failure(new IllegalArgumentException("not a support group update: " + update.kind()));
    }

    // ------------------------------------------------------------------------------------------------ messages

    /**
     * A message in a supergroup that is not the support group: in a topic of a conversation (a former support group,
     * its topics still in forum_topic) the author is told once per message that nothing is done there; silence
     * elsewhere.
     */
    private Uni<Result> formerGroup(GroupMessage message, Instant now) {
        if (message.messageThreadId() == null) {
            return Uni.createFrom().item(Result.skipped("message in a supergroup that is not the support group"));
        }
        return topics.findByThread(message.chatId(), message.messageThreadId()).chain(found -> found == null
                ? Uni.createFrom().item(Result.skipped("message in a supergroup that is not the support group"))
                : answer(message, found, NOT_THE_SUPPORT_GROUP, now).replaceWith(Result.skipped(
                "message in a topic of a former support group (author told)")));
    }

    private Uni<Result> groupMessage(SupportGroup group, GroupMessage message, Instant now) {
        Uni<ForumTopic> topic = message.messageThreadId() == null ? Uni.createFrom().nullItem()
                : topics.findByThread(group.chatId(), message.messageThreadId());
        return topic.chain(found -> links.byTelegramUser(message.sender().userId()).chain(link -> {
            if (message.content() != null) {
                // a photo, file, sticker, …: never forwarded from a topic; a linked operator is told why
                String what = message.content() + (found == null ? " in the support group" : " in a conversation's topic");
                return found == null || link == null
                        ? Uni.createFrom().item(Result.skipped(what + ": only text is read"))
                        : answer(message, found, ONLY_TEXT, now)
                        .replaceWith(Result.skipped(what + " not forwarded (only text is), author told"));
            }
            Matcher command = COMMAND.matcher(message.text().strip());
            if (command.matches()) {
                String name = command.group(1).toLowerCase(Locale.ROOT);
                String args = command.group(2) == null ? "" : command.group(2).strip();
                return command(message, found, link, name, args, now);
            }
            if (found == null) {
                return Uni.createFrom().item(Result.skipped(message.messageThreadId() == null
                        ? "message in the support group's General topic" : "message in a topic of no conversation"));
            }
            if (link == null) {
                return answer(message, found, HOW_TO_LINK, now).replaceWith(Result.applied("unlinked author told how to link"));
            }
            return reply(message, found, link, now);
        }));
    }

    private Uni<Result> command(GroupMessage message, ForumTopic topic, OperatorTelegramLink link, String name,
                                String args, Instant now) {
        switch (name) {
            case "help":
                return answer(message, topic, HELP, now).replaceWith(Result.applied("/help answered"));
            case "myid":
                return answer(message, topic, "Your Telegram user id: " + message.sender().userId(), now)
                        .replaceWith(Result.applied("/myid answered"));
            case "whoami":
                return answer(message, topic, link == null ? "Not linked. " + HOW_TO_LINK
                        : "You are linked as " + link.operatorName + " (operator " + link.operatorId + ").", now)
                        .replaceWith(Result.applied("/whoami answered"));
            case "link":
                return link(args, message.sender(), message.chatId(), message.messageThreadId(), now);
            case "claim", "close", "reopen", "note":
                break;
            default:
                return topic == null
                        ? Uni.createFrom().item(Result.skipped("command /" + name + " is not a Switchboard command"))
                        : answer(message, topic, "Unknown command /" + name + ". /help lists the commands.", now)
                        .replaceWith(Result.applied("unknown command /" + name + " answered"));
        }
        if (topic == null) {
            return answer(message, null, "Use /" + name + " inside a conversation's topic.", now)
                    .replaceWith(Result.applied("/" + name + " outside a topic answered"));
        }
        if (link == null) {
            return answer(message, topic, HOW_TO_LINK, now).replaceWith(Result.applied("unlinked /" + name + " answered"));
        }
        Actor actor = link.actor();
        UUID conversationId = topic.conversationId;
        Uni<Void> action = switch (name) {
            case "claim" -> conversations.findById(conversationId).chain(c -> c != null && actor.id().equals(c.assigneeId)
                    ? answer(message, topic, "You already hold this conversation.", now)
                    : workflow.claim(conversationId, actor).replaceWithVoid());
            case "close" -> workflow.close(conversationId, actor, args.isEmpty() ? null : args).replaceWithVoid();
            case "reopen" -> workflow.reopen(conversationId, actor).replaceWithVoid();
            default -> args.isEmpty() ? answer(message, topic, "Usage: /note <text>", now)
                    : args.codePointCount(0, args.length()) > Note.MAX_TEXT
                    ? answer(message, topic, "A note has at most " + Note.MAX_TEXT + " characters.", now)
                    : notes.add(actor, conversationId, args).replaceWithVoid();
        };
        return action.replaceWith(Result.applied("/" + name + " by operator " + actor.id()))
                .onFailure(LifecycleRefusedException.class).recoverWithUni(refused ->
                        answer(message, topic, sentence(refused.getMessage()), now)
                                .replaceWith(Result.applied("/" + name + " refused: " + refused.getMessage())))
                .onFailure(UnknownConversationException.class).recoverWithUni(unknown ->
                        answer(message, topic, "This conversation no longer exists.", now)
                                .replaceWith(Result.applied("/" + name + " for a deleted conversation")));
    }

    private Uni<Result> reply(GroupMessage message, ForumTopic topic, OperatorTelegramLink link, Instant now) {
        Actor actor = link.actor();
        return conversations.findById(topic.conversationId).chain(conversation -> {
            if (conversation == null) {
                return answer(message, topic, "This conversation no longer exists.", now)
                        .replaceWith(Result.applied("reply for a deleted conversation"));
            }
            // the assignee is checked by OperatorReplies once the conversation is locked (a claim by someone else
            // committed a moment earlier wins)
            String key = TOPIC_REPLY_KEY_PREFIX + message.chatId() + ":" + message.messageId();
            return replies.replyAsAssignee(conversation.id, actor, message.text(), key)
                    .replaceWith(Result.applied("operator reply from the topic by " + actor.id()))
                    .onFailure(notAssignee()).recoverWithUni(refused -> answer(message, topic, CLAIM_FIRST, now)
                            .replaceWith(Result.applied("reply by a non-assignee answered")))
                    .onFailure(LifecycleRefusedException.class).recoverWithUni(refused ->
                            answer(message, topic, sentence(refused.getMessage()), now)
                                    .replaceWith(Result.applied("reply refused: " + refused.getMessage())))
                    .onFailure(RefusedException.class).recoverWithUni(refused ->
                            answer(message, topic, sentence(refused.getMessage()), now)
                                    .replaceWith(Result.applied("reply refused: " + refused.getMessage())));
        });
    }

    /** An operator edited a message in a topic: their reply, if it is one (see the class comment). */
    private Uni<Result> topicEdit(GroupEdit edit, Instant now) {
        return topics.findByThread(edit.chatId(), edit.messageThreadId()).chain(topic -> topic == null
                ? Uni.createFrom().item(Result.skipped("edit in a topic of no conversation"))
                : messages.findByIdempotencyKey(topic.conversationId,
                        TOPIC_REPLY_KEY_PREFIX + edit.chatId() + ":" + edit.messageId())
                .chain(reply -> reply == null
                        ? Uni.createFrom().item(Result.skipped("edit of a message in a topic that is not a stored reply"))
                        : reply.text.equals(edit.text())
                        ? Uni.createFrom().item(Result.skipped("edit changed nothing"))
                        : links.byTelegramUser(edit.sender().userId()).chain(link -> link == null
                        || !link.operatorId.equals(reply.operatorId)
                        ? Uni.createFrom().item(Result.skipped("edit of a reply by someone who is not its linked author"))
                        : editReply(edit, topic, reply.id, link, now))));
    }

    private Uni<Result> editReply(GroupEdit edit, ForumTopic topic, UUID replyId, OperatorTelegramLink link, Instant now) {
        Actor actor = link.actor();
        return conversations.findById(topic.conversationId).chain(conversation -> {
            if (conversation == null || !actor.id().equals(conversation.assigneeId)) {
                return send(edit.chatId(), edit.messageThreadId(), topic.conversationId, EDIT_NOT_ASSIGNEE, now)
                        .replaceWith(Result.applied("edit of a reply by an author who no longer holds the conversation"
                                + " answered"));
            }
            return edits.edit(conversation.id, replyId, actor, edit.text())
                    .replaceWith(Result.applied("reply " + replyId + " edited from the topic by " + actor.id()))
                    .onFailure(RefusedException.class).recoverWithUni(refused -> send(edit.chatId(),
                            edit.messageThreadId(), topic.conversationId, EDIT_REFUSED + sentence(refused.getMessage()), now)
                            .replaceWith(Result.applied("edit refused: " + refused.getMessage())));
        });
    }

    private static java.util.function.Predicate<Throwable> notAssignee() {
        return failure -> failure instanceof RefusedException refused
                && refused.reason() == RefusedException.Reason.NOT_ALLOWED
                && OperatorReplies.NOT_ASSIGNEE.equals(refused.getMessage());
    }

    private Uni<Result> link(String code, TelegramSender sender, long chatId,
                             Integer thread, Instant now) {
        return links.redeem(code, sender, now).chain(link -> {
            String text = link == null
                    ? "This code is unknown or expired. Get a new one in the console: Profile → Link Telegram."
                    : "Linked: here you act as " + link.operatorName + ".";
            return send(chatId, thread, ForumTopics.NO_CONVERSATION, text, now)
                    .replaceWith(link == null ? Result.applied("/link with an unknown or expired code answered")
                            : Result.applied("Telegram user " + sender.userId() + " linked to operator " + link.operatorId));
        });
    }

    // ------------------------------------------------------------------------------------------------ callbacks

    private Uni<Result> callback(CallbackQuery callback, Instant now) {
        String data = callback.data();
        String action = data.startsWith(ForumTopics.CLAIM) ? "claim" : data.startsWith(ForumTopics.CLOSE) ? "close" : null;
        UUID conversationId = action == null ? null : uuid(data.substring(data.indexOf(':') + 1));
        if (conversationId == null) {
            return answerCallback(callback, null, null, false, now)
                    .replaceWith(Result.skipped("callback data is not a Switchboard button (" + shorten(data) + ")"));
        }
        return groups.current().chain(group -> {
            if (group == null || group.chatId() != callback.chatId()) {
                return notThisChat(callback, action, conversationId, now);
            }
            return topics.findById(conversationId).chain(topic -> topic != null
                    && !java.util.Objects.equals(topic.messageThreadId, callback.messageThreadId())
                    // a summary in another topic than the conversation's (a deleted conversation has no topic row:
                    // the press is answered "no longer exists")
                    ? notThisChat(callback, action, conversationId, now)
                    : pressed(callback, action, conversationId, now));
        });
    }

    private Uni<Result> notThisChat(CallbackQuery callback, String action, UUID conversationId, Instant now) {
        return answerCallback(callback, conversationId, NOT_THIS_CHAT, false, now)
                .replaceWith(Result.skipped("button " + action + " pressed outside the conversation's topic"));
    }

    private Uni<Result> pressed(CallbackQuery callback, String action, UUID conversationId, Instant now) {
        return links.byTelegramUser(callback.sender().userId()).chain(link -> {
            if (link == null) {
                return answerCallback(callback, conversationId, HOW_TO_LINK, true, now)
                        .replaceWith(Result.applied("unlinked button press answered"));
            }
            Actor actor = link.actor();
            Uni<String> done = "claim".equals(action)
                    ? conversations.findById(conversationId).chain(c -> c != null && actor.id().equals(c.assigneeId)
                    ? Uni.createFrom().item("You already hold it")
                    : workflow.claim(conversationId, actor).replaceWith("Claimed"))
                    : workflow.close(conversationId, actor, null).replaceWith("Closed");
            return done
                    .onFailure(LifecycleRefusedException.class).recoverWithItem(refused -> sentence(refused.getMessage()))
                    .onFailure(UnknownConversationException.class).recoverWithItem("This conversation no longer exists")
                    .chain(text -> answerCallback(callback, conversationId, text, false, now)
                            .replaceWith(Result.applied("button " + action + " by operator " + actor.id() + ": " + text)));
        });
    }

    // ------------------------------------------------------------------------------------------------ answers

    private Uni<Void> answer(GroupMessage message, ForumTopic topic, String text, Instant now) {
        return send(message.chatId(), message.messageThreadId(), topic == null ? ForumTopics.NO_CONVERSATION
                : topic.conversationId, text, now);
    }

    private Uni<Void> send(long chatId, Integer thread, UUID conversationId, String text, Instant now) {
        return outbox.command(new SendMessage(UUID.randomUUID(), 1, now, conversationId, null, chatId, text, thread,
                true, false, List.of()), now);
    }

    private Uni<Void> answerCallback(CallbackQuery callback, UUID conversationId, String text, boolean alert,
                                     Instant now) {
        return outbox.command(new AnswerCallbackQuery(UUID.randomUUID(), 1, now, conversationId, callback.chatId(),
                callback.callbackQueryId(), text == null ? null : shorten200(text), alert), now);
    }

    /**
     * A refusal as a sentence for Telegram: "the conversation is already claimed by Anna" → "Already claimed by
     * Anna"; anything else with a capital first letter.
     */
    static String sentence(String reason) {
        if (reason == null || reason.isBlank()) {
            return "Not possible right now";
        }
        String text = reason.strip();
        String prefix = "the conversation is already claimed by ";
        if (text.startsWith(prefix)) {
            text = "Already claimed by " + text.substring(prefix.length());
        }
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }

    private static String shorten200(String text) {
        return text.length() <= 200 ? text : text.substring(0, 199) + "…";
    }
}
