package io.switchboard.ingest.service;

import io.switchboard.ingest.config.TelegramConfig;
import io.switchboard.ingest.domain.SendRateLimits;
import io.switchboard.ingest.domain.TextSplitter;
import io.switchboard.telegram.api.MessageDelivered;
import io.switchboard.telegram.api.MessageDeliveryFailed;
import io.switchboard.telegram.api.SendMessage;
import io.switchboard.telegram.api.TelegramResult;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Executes a {@link SendMessage} with the Bot API's {@code sendMessage}: no {@code parse_mode} (the text arrives
 * byte-exact), split into parts of at most 4096 UTF-16 units ({@link TextSplitter}), each part paced by
 * {@link SendRateLimits}.
 *
 * <p>Per part: a 429 answer is waited out for {@code parameters.retry_after} seconds and the same part is sent again,
 * unless it asks for more than {@code telegram.send.max-retry-after}; a network error, an unreadable answer or a 5xx
 * is retried {@code telegram.send.retries} times with doubling backoff; any other error fails the command at once.
 * A timed-out request may have reached Telegram, so a retry can duplicate a message (at-least-once).
 *
 * <p>Blocking: call from a worker thread.
 */
@ApplicationScoped
public class MessageSender {

    private static final Logger LOG = Logger.getLogger(MessageSender.class);
    /** How many 429 answers one part may receive before the command fails. */
    private static final int MAX_FLOOD_WAITS = 5;

    private final TelegramClient telegram;
    private final SendRateLimits limits;
    private final TextSplitter splitter = new TextSplitter();
    private final TelegramConfig.Send config;

    MessageSender(TelegramClient telegram, TelegramConfig config) {
        this.telegram = telegram;
        this.config = config.send();
        this.limits = new SendRateLimits(new SendRateLimits.Limits(this.config.chatPerSecond(),
                this.config.chatBurst(), this.config.groupPerMinute(), this.config.botPerSecond()));
    }

    /**
     * Sends every part of {@code command.text()} in order.
     *
     * @return {@link MessageDelivered} with the Telegram message id of each part, or {@link MessageDeliveryFailed}
     * with Telegram's error code and description (prefixed with "part i of n: " when an earlier part went out)
     * @throws InterruptedException when the thread is interrupted (shutdown); the command must be redelivered
     */
    public TelegramResult send(SendMessage command) throws InterruptedException {
        List<String> parts = splitter.split(command.text());
        List<Long> messageIds = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            try {
                messageIds.add(sendPart(command.chatId(), parts.get(i)));
            } catch (SendFailure failure) {
                String reason = parts.size() > 1 ? "part " + (i + 1) + " of " + parts.size() + ": " + failure.reason()
                        : failure.reason();
                LOG.infof("Command %s to chat %d failed: %d %s", command.commandId(), command.chatId(),
                        failure.errorCode(), reason);
                return MessageDeliveryFailed.of(command, failure.errorCode(), reason);
            }
        }
        return MessageDelivered.of(command, messageIds);
    }

    private long sendPart(long chatId, String text) throws SendFailure, InterruptedException {
        org.telegram.telegrambots.meta.api.methods.send.SendMessage request =
                org.telegram.telegrambots.meta.api.methods.send.SendMessage.builder()
                        .chatId(chatId)
                        .text(text)
                        .build();
        int transientFailures = 0;
        int floodWaits = 0;
        while (true) {
            limits.acquire(chatId);
            SendFailure failure;
            try {
                Message sent = telegram.execute(request);
                return sent.getMessageId().longValue();
            } catch (TelegramApiRequestException e) {
                Integer code = e.getErrorCode();
                Integer retryAfter = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
                String description = e.getApiResponse() != null ? e.getApiResponse() : e.getMessage();
                if (retryAfter != null) {
                    Duration wait = Duration.ofSeconds(retryAfter);
                    if (wait.compareTo(config.maxRetryAfter()) > 0) {
                        throw new SendFailure(code == null ? 429 : code, description + " (retry_after " + retryAfter
                                + " s is above the " + config.maxRetryAfter().toSeconds() + " s this service waits)");
                    }
                    if (++floodWaits > MAX_FLOOD_WAITS) {
                        throw new SendFailure(code == null ? 429 : code, description);
                    }
                    LOG.infof("Telegram asked to wait %d s before sending to chat %d", retryAfter, chatId);
                    Thread.sleep(wait.toMillis());
                    continue;
                }
                if (code != null && code >= 400 && code < 500) {
                    throw new SendFailure(code, description);
                }
                failure = new SendFailure(code == null ? 0 : code, description);
            } catch (TelegramApiException e) {
                failure = new SendFailure(0, "Telegram could not be reached: " + rootMessage(e));
            }
            if (++transientFailures > config.retries()) {
                throw failure;
            }
            Duration backoff = config.retryBackoff().multipliedBy(1L << Math.min(transientFailures - 1, 10));
            LOG.warnf("sendMessage to chat %d failed (%s), retry %d of %d in %d ms", chatId, failure.getMessage(),
                    transientFailures, config.retries(), backoff.toMillis());
            Thread.sleep(backoff.toMillis());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
