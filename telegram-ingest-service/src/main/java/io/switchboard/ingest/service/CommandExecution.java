package io.switchboard.ingest.service;

import io.switchboard.ingest.client.ConversationUploads;
import io.switchboard.ingest.domain.OutboundSchedule;
import io.switchboard.ingest.domain.SendRateLimits.Pace;
import io.switchboard.ingest.domain.TextSplitter;
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
import io.switchboard.telegram.api.MediaKind;
import io.switchboard.telegram.api.MessageDelivered;
import io.switchboard.telegram.api.MessageDeliveryFailed;
import io.switchboard.telegram.api.ReopenForumTopic;
import io.switchboard.telegram.api.SendChatAction;
import io.switchboard.telegram.api.SendMedia;
import io.switchboard.telegram.api.SendMessage;
import io.switchboard.telegram.api.TelegramCommand;
import io.switchboard.telegram.api.TelegramResult;
import org.telegram.telegrambots.meta.api.methods.pinnedmessages.PinChatMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.forum.ForumTopic;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One {@link TelegramCommand} in the outbound queue: the Bot API calls still to make, one per dispatch (so every
 * call is paced, and a retry repeats only the call that failed, never a part already sent). Not thread-safe: its
 * lane runs one call at a time.
 */
abstract class CommandExecution {

    final TelegramCommand command;
    int transientFailures;
    /** Whether a Bot API call was attempted (a started command is never dropped on a partition revocation). */
    volatile boolean started;

    CommandExecution(TelegramCommand command) {
        this.command = command;
    }

    /** The execution of {@code command}. */
    static CommandExecution of(TelegramCommand command) {
        if (command instanceof SendMessage c) {
            return new TextDelivery(c);
        } else if (command instanceof SendMedia c) {
            return new MediaDelivery(c);
        } else if (command instanceof DeleteMessage c) {
            return new Deletion(c);
        } else if (command instanceof EditMessageText) {
            return new SingleCall(command, null, Pace.CHAT, true);
        } else if (command instanceof CreateForumTopic) {
            return new SingleCall(command, null, Pace.TOPIC_CREATION, false);
        } else if (command instanceof EditForumTopic c) {
            return new SingleCall(c, c.messageThreadId(), Pace.CHAT, true);
        } else if (command instanceof CloseForumTopic c) {
            return new SingleCall(c, c.messageThreadId(), Pace.CHAT, true);
        } else if (command instanceof ReopenForumTopic c) {
            return new SingleCall(c, c.messageThreadId(), Pace.CHAT, true);
        } else if (command instanceof AnswerCallbackQuery) {
            return new SingleCall(command, null, Pace.BOT_ONLY, true);
        } else if (command instanceof SendChatAction c) {
            return new SingleCall(c, c.messageThreadId(), Pace.BOT_ONLY, true);
        }
        throw new IllegalArgumentException("unsupported command type " + command.type());
    }

    /** The schedule lane: the chat, except for callback answers, which must not queue behind a busy group. */
    long lane() {
        if (command instanceof AnswerCallbackQuery answer) {
            return Long.MIN_VALUE + (answer.callbackQueryId().hashCode() & 0xffff);
        }
        return command.chatId();
    }

    /** How the next call is paced. */
    OutboundSchedule.Cost cost() {
        return new OutboundSchedule.Cost(command.chatId(), pace());
    }

    abstract Pace pace();

    /** Whether a call remains. */
    abstract boolean hasMore();

    /** Makes the next call and advances on success. */
    abstract void callNext(TelegramClient telegram, ConversationUploads uploads)
            throws TelegramApiException, IOException, InterruptedException;

    /** Whether repeating the next call after a lost answer is harmless (it cannot duplicate a message). */
    abstract boolean nextCallIdempotent();

    /**
     * Whether the next call is a best-effort extra (the pin after a sent message): when it fails in any way it is
     * skipped with {@link #skipOptional} and the command still succeeds.
     */
    boolean nextCallOptional() {
        return false;
    }

    /** Skips the optional next call after it failed. */
    void skipOptional() {
        throw new IllegalStateException("no optional call pending");
    }

    /** Whether a 429 for the next call applies to the whole bot rather than this chat. */
    boolean floodIsBotWide() {
        return command instanceof AnswerCallbackQuery;
    }

    /**
     * A 4xx answer to the next call: returns true after skipping it when the command can go on (or is done),
     * false when the command fails.
     */
    boolean tolerate(int errorCode, String description) {
        return false;
    }

    /** What is published when every call succeeded; null for none. */
    abstract TelegramResult success();

    /** What is published when the command failed. */
    abstract TelegramResult failure(int errorCode, String reason, FailureKind kind);

    static boolean mentions(String description, String fragment) {
        return description != null && description.toLowerCase(Locale.ROOT).contains(fragment);
    }

    static InlineKeyboardMarkup keyboard(List<InlineButton> buttons) {
        InlineKeyboardRow row = new InlineKeyboardRow();
        for (InlineButton button : buttons) {
            row.add(InlineKeyboardButton.builder().text(button.text()).callbackData(button.callbackData()).build());
        }
        return InlineKeyboardMarkup.builder().keyboardRow(row).build();
    }

    static org.telegram.telegrambots.meta.api.methods.send.SendMessage textPart(long chatId, String text,
            Integer threadId, boolean silent, List<InlineButton> buttons) {
        var builder = org.telegram.telegrambots.meta.api.methods.send.SendMessage.builder()
                .chatId(chatId)
                .text(text)
                .messageThreadId(threadId);
        if (silent) {
            builder.disableNotification(true);
        }
        if (buttons != null && !buttons.isEmpty()) {
            builder.replyMarkup(keyboard(buttons));
        }
        return builder.build();
    }

    /**
     * sendMessage per part (buttons on the last), then pinChatMessage of the first part when asked. The first
     * {@code skipParts} parts were delivered by an earlier attempt and are not sent again (nor pinned); the ids
     * reported cover the parts sent by this command only.
     */
    static final class TextDelivery extends CommandExecution {
        private final SendMessage c;
        private final List<String> parts;
        private final int skip;
        private final List<Long> ids = new ArrayList<>();
        private boolean pinPending;

        TextDelivery(SendMessage c) {
            super(c);
            this.c = c;
            this.parts = TextSplitter.split(c.text(), TextSplitter.TELEGRAM_MAX);
            this.skip = Math.min(c.skipParts(), parts.size());
        }

        @Override
        Pace pace() {
            return Pace.CHAT;
        }

        @Override
        boolean hasMore() {
            return pinPending || skip + ids.size() < parts.size();
        }

        @Override
        void callNext(TelegramClient telegram, ConversationUploads uploads) throws TelegramApiException {
            if (pinPending) {
                telegram.execute(PinChatMessage.builder().chatId(c.chatId()).messageId(ids.get(0).intValue())
                        .disableNotification(true).build());
                pinPending = false;
                return;
            }
            int i = skip + ids.size();
            boolean last = i == parts.size() - 1;
            Message sent = telegram.execute(textPart(c.chatId(), parts.get(i), c.messageThreadId(), c.silent(),
                    last ? c.buttons() : null));
            ids.add(sent.getMessageId().longValue());
            if (i == 0 && c.pin()) {
                pinPending = true;
            }
        }

        @Override
        boolean nextCallIdempotent() {
            return pinPending;
        }

        @Override
        boolean nextCallOptional() {
            return pinPending; // the message is out; a failed pin does not undo that
        }

        @Override
        void skipOptional() {
            pinPending = false;
        }

        @Override
        TelegramResult success() {
            return MessageDelivered.of(c, ids);
        }

        @Override
        TelegramResult failure(int errorCode, String reason, FailureKind kind) {
            String r = parts.size() > 1 ? "part " + (skip + ids.size() + 1) + " of " + parts.size() + ": " + reason
                    : reason;
            return MessageDeliveryFailed.of(c, errorCode, r, kind, ids);
        }
    }

    /** sendPhoto/sendDocument with the upload's bytes and the caption's first 1024 units, then the rest as text. */
    static final class MediaDelivery extends CommandExecution {
        private final SendMedia c;
        private final String caption;
        private final List<String> followUps;
        private final List<Long> ids = new ArrayList<>();

        MediaDelivery(SendMedia c) {
            super(c);
            this.c = c;
            String full = c.caption() == null || c.caption().isEmpty() ? null : c.caption();
            if (full == null) {
                caption = null;
                followUps = List.of();
            } else {
                caption = TextSplitter.split(full, TextSplitter.CAPTION_MAX).get(0);
                String rest = full.substring(caption.length());
                followUps = rest.isEmpty() ? List.of() : TextSplitter.split(rest, TextSplitter.TELEGRAM_MAX);
            }
        }

        @Override
        Pace pace() {
            return Pace.CHAT;
        }

        @Override
        boolean hasMore() {
            return ids.size() < 1 + followUps.size();
        }

        @Override
        void callNext(TelegramClient telegram, ConversationUploads uploads)
                throws TelegramApiException, IOException, InterruptedException {
            if (!ids.isEmpty()) {
                Message sent = telegram.execute(textPart(c.chatId(), followUps.get(ids.size() - 1),
                        c.messageThreadId(), c.silent(), null));
                ids.add(sent.getMessageId().longValue());
                return;
            }
            String name = c.fileName() == null || c.fileName().isBlank() ? "file" : c.fileName();
            try (InputStream bytes = uploads.open(c.uploadId())) {
                InputFile file = new InputFile(bytes, name);
                Message sent;
                if (c.kind() == MediaKind.PHOTO) {
                    var builder = SendPhoto.builder().chatId(c.chatId()).photo(file).caption(caption)
                            .messageThreadId(c.messageThreadId());
                    if (c.silent()) {
                        builder.disableNotification(true);
                    }
                    sent = telegram.execute(builder.build());
                } else {
                    var builder = SendDocument.builder().chatId(c.chatId()).document(file).caption(caption)
                            .messageThreadId(c.messageThreadId());
                    if (c.silent()) {
                        builder.disableNotification(true);
                    }
                    sent = telegram.execute(builder.build());
                }
                ids.add(sent.getMessageId().longValue());
            }
        }

        @Override
        boolean nextCallIdempotent() {
            return false;
        }

        @Override
        TelegramResult success() {
            return MessageDelivered.of(c, ids);
        }

        @Override
        TelegramResult failure(int errorCode, String reason, FailureKind kind) {
            String r = ids.isEmpty() ? reason : "caption part " + (ids.size() + 1) + ": " + reason;
            return MessageDeliveryFailed.of(c, errorCode, r, kind, ids);
        }
    }

    /** deleteMessage for each id in turn; one already gone counts as deleted. */
    static final class Deletion extends CommandExecution {
        private final DeleteMessage c;
        private int next;

        Deletion(DeleteMessage c) {
            super(c);
            this.c = c;
        }

        @Override
        Pace pace() {
            return Pace.CHAT;
        }

        @Override
        boolean hasMore() {
            return next < c.telegramMessageIds().size();
        }

        @Override
        void callNext(TelegramClient telegram, ConversationUploads uploads) throws TelegramApiException {
            telegram.execute(org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage.builder()
                    .chatId(c.chatId()).messageId(c.telegramMessageIds().get(next).intValue()).build());
            next++;
        }

        @Override
        boolean nextCallIdempotent() {
            return true;
        }

        @Override
        boolean tolerate(int errorCode, String description) {
            if (errorCode == 400 && mentions(description, "message to delete not found")) {
                next++;
                return true;
            }
            return false;
        }

        @Override
        TelegramResult success() {
            return CommandCompleted.of(c, null);
        }

        @Override
        TelegramResult failure(int errorCode, String reason, FailureKind kind) {
            return CommandFailed.of(c, null, errorCode, reason, kind);
        }
    }

    /** Commands made of one call. */
    static final class SingleCall extends CommandExecution {
        private final Integer threadId;
        private final Pace pace;
        private final boolean idempotent;
        private boolean done;
        private ForumTopic created;

        SingleCall(TelegramCommand command, Integer threadId, Pace pace, boolean idempotent) {
            super(command);
            this.threadId = threadId;
            this.pace = pace;
            this.idempotent = idempotent;
        }

        @Override
        Pace pace() {
            return pace;
        }

        @Override
        boolean hasMore() {
            return !done;
        }

        @Override
        void callNext(TelegramClient telegram, ConversationUploads uploads) throws TelegramApiException {
            if (command instanceof EditMessageText c) {
                telegram.execute(org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText.builder()
                        .chatId(c.chatId()).messageId((int) c.telegramMessageId()).text(c.text()).build());
            } else if (command instanceof CreateForumTopic c) {
                created = telegram.execute(org.telegram.telegrambots.meta.api.methods.forum.CreateForumTopic.builder()
                        .chatId(c.chatId()).name(c.name()).iconColor(c.iconColor()).build());
            } else if (command instanceof EditForumTopic c) {
                telegram.execute(org.telegram.telegrambots.meta.api.methods.forum.EditForumTopic.builder()
                        .chatId(c.chatId()).messageThreadId(c.messageThreadId()).name(c.name()).build());
            } else if (command instanceof CloseForumTopic c) {
                telegram.execute(org.telegram.telegrambots.meta.api.methods.forum.CloseForumTopic.builder()
                        .chatId(c.chatId()).messageThreadId(c.messageThreadId()).build());
            } else if (command instanceof ReopenForumTopic c) {
                telegram.execute(org.telegram.telegrambots.meta.api.methods.forum.ReopenForumTopic.builder()
                        .chatId(c.chatId()).messageThreadId(c.messageThreadId()).build());
            } else if (command instanceof AnswerCallbackQuery c) {
                telegram.execute(org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery.builder()
                        .callbackQueryId(c.callbackQueryId()).text(c.text()).showAlert(c.showAlert()).build());
            } else if (command instanceof SendChatAction c) {
                telegram.execute(org.telegram.telegrambots.meta.api.methods.send.SendChatAction.builder()
                        .chatId(c.chatId()).action(c.action()).messageThreadId(c.messageThreadId()).build());
            } else {
                throw new IllegalStateException("not a single-call command: " + command.type());
            }
            done = true;
        }

        @Override
        boolean nextCallIdempotent() {
            return idempotent;
        }

        @Override
        boolean tolerate(int errorCode, String description) {
            // the wanted state is already there: same text, topic already closed/open/named so
            boolean already = errorCode == 400 && (mentions(description, "message is not modified")
                    || mentions(description, "topic_not_modified"));
            if (already) {
                done = true;
            }
            return already;
        }

        @Override
        TelegramResult success() {
            if (command instanceof SendChatAction) {
                return null;
            }
            if (command instanceof CreateForumTopic c) {
                return ForumTopicCreated.of(c, created.getMessageThreadId(),
                        created.getName() == null ? c.name() : created.getName());
            }
            return CommandCompleted.of(command, threadId);
        }

        @Override
        TelegramResult failure(int errorCode, String reason, FailureKind kind) {
            return command instanceof SendChatAction ? null : CommandFailed.of(command, threadId, errorCode, reason, kind);
        }
    }
}
