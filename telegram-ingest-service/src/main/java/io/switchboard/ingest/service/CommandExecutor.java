package io.switchboard.ingest.service;

import io.switchboard.ingest.client.ConversationUploads;
import io.switchboard.ingest.config.BotApiClients;
import io.switchboard.ingest.config.TelegramConfig;
import io.switchboard.telegram.api.FailureKind;
import io.switchboard.telegram.api.SendChatAction;
import io.switchboard.telegram.api.TelegramResult;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Makes the next Bot API call of a {@link CommandExecution} and decides what follows, per the delivery rules:
 * <ul>
 *   <li>429: wait exactly {@code parameters.retry_after} for that chat (the whole bot for a call without a chat
 *       scope), as often as Telegram asks; above {@code telegram.send.max-retry-after} the command fails with
 *       {@link FailureKind#RATE_LIMITED} and the chat stays blocked until the {@code retry_after} is over: its later
 *       commands wait for the rest of it when that is within {@code max-retry-after}, else fail the same way;</li>
 *   <li>a request telegrambots refuses to send ({@code TelegramApiValidationException}: empty text, topic name over
 *       128, ...): failed at once with {@link FailureKind#REJECTED};</li>
 *   <li>a failed pin after the message went out is logged and skipped: the command still succeeds;</li>
 *   <li>no connection (refused, connect timeout, unknown host), a 5xx or an unreadable answer: retried
 *       {@code telegram.send.retries} times with doubling backoff plus jitter, then {@link FailureKind#UNAVAILABLE};</li>
 *   <li>the request went out but no answer came (read timeout, connection lost): a call that could duplicate a
 *       message (send, createForumTopic) fails at once with {@link FailureKind#UNCERTAIN}; an idempotent one
 *       (edit, delete, close, answer, ...) is retried like a network error;</li>
 *   <li>any other 4xx: failed at once, kind from {@link FailureKind#classify}, unless the command tolerates it.</li>
 * </ul>
 * Blocking: runs on an outbound worker thread. Log lines never contain request URLs (they carry the token).
 */
@ApplicationScoped
public class CommandExecutor {

    /** Chats whose retry_after exceeded {@code max-retry-after}, kept until it is over (at most this many). */
    static final int MAX_BLOCKED_CHATS = 10_000;

    private static final Logger LOG = Logger.getLogger(CommandExecutor.class);
    private static final Pattern TOKEN_IN_URL = Pattern.compile("bot\\d+:[A-Za-z0-9_-]+");

    /** What the queue does next with the command. */
    sealed interface Step {
    }

    /** Another call remains: offer it again as soon as the buckets allow. */
    record More() implements Step {
    }

    /** Try the same call again after {@code delay}; {@code botWide}: pause every chat, not just this one. */
    record Later(Duration delay, boolean botWide) implements Step {
    }

    /** The command is finished; publish {@code result} (null: nothing to publish). */
    record Finished(TelegramResult result) implements Step {
    }

    /** A chat under a flood wait longer than this service waits: nothing goes to it before {@code until}. */
    private record Blocked(Instant until, String reason) {
    }

    private final Map<Long, Blocked> blockedChats = new ConcurrentHashMap<>();

    private final TelegramClient telegram;
    private final ConversationUploads uploads;
    private final TelegramConfig.Send config;

    CommandExecutor(TelegramClient telegram, ConversationUploads uploads, TelegramConfig config) {
        this.telegram = telegram;
        this.uploads = uploads;
        this.config = config.send();
    }

    /**
     * Makes the next call of {@code execution}.
     *
     * @throws InterruptedException on shutdown (the command is not finished and must be redelivered)
     */
    Step step(CommandExecution execution) throws InterruptedException {
        String method = execution.command.type();
        if (execution.command instanceof SendChatAction action
                && action.occurredAt().plus(config.chatActionMaxAge()).isBefore(Instant.now())) {
            return new Finished(null); // "typing…" shows for 5 s at most: too late to be useful
        }
        Step blocked = blockedChat(execution);
        if (blocked != null) {
            return blocked;
        }
        if (execution.hasMore() && execution.nextCallOptional()) {
            return optionalCall(execution);
        }
        try {
            if (execution.hasMore()) {
                execution.started = true;
                execution.callNext(telegram, uploads);
            }
            return execution.hasMore() ? new More() : new Finished(execution.success());
        } catch (TelegramApiValidationException e) {
            return fail(execution, 0, "Refused before sending: " + redact(e.getMessage()), FailureKind.REJECTED);
        } catch (TelegramApiRequestException e) {
            Integer code = e.getErrorCode();
            Integer retryAfter = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
            String description = redact(e.getApiResponse() != null ? e.getApiResponse() : e.getMessage());
            if (retryAfter != null || (code != null && code == 429)) {
                int seconds = retryAfter == null ? 1 : retryAfter;
                if (seconds > config.maxRetryAfter().toSeconds()) {
                    String reason = description + " (retry_after " + seconds + " s is above the "
                            + config.maxRetryAfter().toSeconds() + " s this service waits)";
                    if (!execution.floodIsBotWide()) {
                        block(execution.command.chatId(), Instant.now().plusSeconds(seconds), reason);
                    }
                    return fail(execution, 429, reason, FailureKind.RATE_LIMITED);
                }
                LOG.infof("Telegram asked to wait %d s before %s to chat %d", seconds, method,
                        execution.command.chatId());
                return new Later(Duration.ofSeconds(seconds), execution.floodIsBotWide());
            }
            if (code != null && code >= 400 && code < 500) {
                if (execution.tolerate(code, description)) {
                    return execution.hasMore() ? new More() : new Finished(execution.success());
                }
                return fail(execution, code, description, FailureKind.classify(code, description));
            }
            return transientFailure(execution, code == null ? 0 : code, description);
        } catch (ConversationUploads.UploadMissingException e) {
            return fail(execution, 0, e.getMessage(), FailureKind.REJECTED);
        } catch (IOException e) {
            if (interrupted(e)) {
                throw new InterruptedException("interrupted during " + method);
            }
            return transientFailure(execution, 0, "conversation-service could not be reached: " + describe(e));
        } catch (BotApiClients.NoBotConfiguredException e) {
            return fail(execution, 0, "No bot token is configured (Admin → Telegram)", FailureKind.NO_BOT);
        } catch (TelegramApiException e) {
            if (interrupted(e)) {
                throw new InterruptedException("interrupted during " + method);
            }
            if (causedBy(e, TelegramApiValidationException.class)) {
                return fail(execution, 0, "Refused before sending: " + describe(e), FailureKind.REJECTED);
            }
            if (!requestNotSent(e) && !execution.nextCallIdempotent()) {
                return fail(execution, 0, "No answer from Telegram (" + describe(e) + "); it may have been "
                        + "delivered, so it is not sent again", FailureKind.UNCERTAIN);
            }
            return transientFailure(execution, 0, "Telegram could not be reached: " + describe(e));
        }
    }

    /**
     * The chat's flood block, when one is on: hold the command for the rest of it when that is within
     * {@code max-retry-after}, else fail it as the command that caused the block failed. Null when the chat is free.
     */
    private Step blockedChat(CommandExecution execution) {
        if (execution.floodIsBotWide()) {
            return null;
        }
        long chat = execution.command.chatId();
        Blocked blocked = blockedChats.get(chat);
        if (blocked == null) {
            return null;
        }
        Duration left = Duration.between(Instant.now(), blocked.until());
        if (left.isNegative() || left.isZero()) {
            blockedChats.remove(chat, blocked);
            return null;
        }
        if (left.compareTo(config.maxRetryAfter()) > 0) {
            return fail(execution, 429, blocked.reason(), FailureKind.RATE_LIMITED);
        }
        LOG.infof("Chat %d is under flood control for %d s more: %s waits", chat, left.toSeconds(),
                execution.command.type());
        return new Later(left, false);
    }

    private void block(long chatId, Instant until, String reason) {
        if (blockedChats.size() >= MAX_BLOCKED_CHATS) {
            Instant now = Instant.now();
            blockedChats.values().removeIf(b -> b.until().isBefore(now));
        }
        if (blockedChats.size() < MAX_BLOCKED_CHATS) {
            blockedChats.merge(chatId, new Blocked(until, reason), (a, b) -> a.until().isAfter(b.until()) ? a : b);
        }
    }

    /** A best-effort call (the pin): any failure is logged and skipped, the command goes on or succeeds. */
    private Step optionalCall(CommandExecution execution) throws InterruptedException {
        try {
            execution.callNext(telegram, uploads);
        } catch (TelegramApiRequestException e) {
            LOG.warnf("%s to chat %d: an optional call failed (%s), the message stays sent", execution.command.type(),
                    execution.command.chatId(), redact(e.getApiResponse() != null ? e.getApiResponse()
                            : e.getMessage()));
            execution.skipOptional();
        } catch (TelegramApiException | IOException | RuntimeException e) {
            if (interrupted(e)) {
                throw new InterruptedException("interrupted during " + execution.command.type());
            }
            LOG.warnf("%s to chat %d: an optional call failed (%s), the message stays sent", execution.command.type(),
                    execution.command.chatId(), describe(e));
            execution.skipOptional();
        }
        return execution.hasMore() ? new More() : new Finished(execution.success());
    }

    /** Whether the thread was interrupted or an {@link InterruptedException} is in the cause chain (shutdown). */
    static boolean interrupted(Throwable error) {
        return Thread.currentThread().isInterrupted() || causedBy(error, InterruptedException.class);
    }

    /** Whether {@code type} is {@code error} or one of its causes. */
    static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        int depth = 0;
        for (Throwable t = error; t != null && depth++ < 20; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private Step transientFailure(CommandExecution execution, int code, String reason) {
        if (++execution.transientFailures > config.retries()) {
            return fail(execution, code, reason, FailureKind.UNAVAILABLE);
        }
        Duration delay = backoff(execution.transientFailures);
        LOG.warnf("%s to chat %d failed (%d %s), retry %d of %d in %d ms", execution.command.type(),
                execution.command.chatId(), code, reason, execution.transientFailures, config.retries(),
                delay.toMillis());
        return new Later(delay, false);
    }

    /** Doubling backoff from {@code retry-backoff}, capped at {@code max-retry-backoff}, plus up to 50% jitter. */
    Duration backoff(int failures) {
        long base = config.retryBackoff().toMillis() << Math.min(failures - 1, 20);
        base = Math.min(base, config.maxRetryBackoff().toMillis());
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    private Step fail(CommandExecution execution, int code, String reason, FailureKind kind) {
        LOG.infof("Command %s (%s) to chat %d failed: %s %d %s", execution.command.commandId(),
                execution.command.type(), execution.command.chatId(), kind, code, reason);
        return new Finished(execution.failure(code, reason, kind));
    }

    /**
     * Whether the failure happened before the request could reach Telegram: connection refused, connect timeout,
     * unknown host, no route. Anything else (read timeout, connection reset) may have reached it.
     */
    static boolean requestNotSent(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return true;
            }
            if (t instanceof SocketTimeoutException && t.getMessage() != null
                    && t.getMessage().toLowerCase(Locale.ROOT).contains("connect")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The outermost I/O cause (e.g. OkHttp's {@code SocketTimeoutException: timeout}, whose own cause is the socket
     * it closed), else the innermost cause, as "Class: message" with any bot token masked.
     */
    static String describe(Throwable error) {
        Throwable root = error;
        while (!(root instanceof IOException) && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return redact(root.getClass().getSimpleName() + message);
    }

    /** Masks a bot token ({@code bot<id>:<secret>}) wherever it appears. */
    static String redact(String text) {
        return text == null ? null : TOKEN_IN_URL.matcher(text).replaceAll("bot<token>");
    }
}
