package io.switchboard.emulator.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.emulator.domain.BotApiError;
import io.switchboard.emulator.domain.BotState;
import io.switchboard.emulator.domain.QueuedUpdate;
import io.switchboard.emulator.domain.UpdatePoll;
import io.vertx.core.Vertx;

/**
 * The Update queue of each bot: injected Updates go in; getUpdates (long polling) or the webhook takes them out.
 * <p>
 * getUpdates follows Telegram: calling it with an offset confirms (forgets) every Update with a smaller update_id;
 * a negative offset keeps only the last {@code -offset} Updates; with a positive timeout the request is held, without
 * a thread, until an Update is queued or the timeout passes. A newer getUpdates answers the waiting one with 409.
 */
@ApplicationScoped
public class UpdateFeed {

    private final Vertx vertx;
    private final WebhookDispatcher webhooks;

    UpdateFeed(Vertx vertx, WebhookDispatcher webhooks) {
        this.vertx = vertx;
        this.webhooks = webhooks;
    }

    /**
     * Queues Updates for delivery, in update_id order. An Update keeps its {@code update_id} as given (a redelivery
     * keeps its id, as with Telegram), unless getUpdates already confirmed that id; then, or when it has none, it gets
     * the next id of the bot.
     *
     * @return the queued Updates with their final update_id
     */
    public List<QueuedUpdate> enqueue(BotState bot, List<ObjectNode> updates) {
        List<QueuedUpdate> queued = new ArrayList<>(updates.size());
        UpdatePoll woken = null;
        List<QueuedUpdate> wokenWith = List.of();
        synchronized (bot) {
            for (ObjectNode update : updates) {
                JsonNode requested = update.get("update_id");
                long id = bot.nextUpdateId(requested != null && requested.isIntegralNumber() && requested.canConvertToLong()
                        ? requested.asLong() : null);
                QueuedUpdate entry = QueuedUpdate.of(id, withUpdateId(update, id));
                bot.queue(entry);
                queued.add(entry);
            }
            UpdatePoll poll = bot.poll();
            if (poll != null) {
                List<QueuedUpdate> ready = bot.select(poll.offset(), poll.limit());
                if (!ready.isEmpty()) {
                    woken = bot.takePoll();
                    wokenWith = ready;
                }
            }
        }
        if (woken != null) {
            woken.answer().complete(wokenWith);
        }
        webhooks.pump(bot);
        return queued;
    }

    /**
     * getUpdates.
     *
     * @param offset         0 = from the earliest unconfirmed Update; positive = confirm everything below it; negative =
     *                       keep only the last {@code -offset}
     * @param limit          1-100
     * @param timeoutSeconds how long to hold the request while nothing is queued (0 = answer at once)
     * @return the Updates, oldest first (empty after a timeout); fails with 409 {@link BotApiError} while a webhook
     *         is set or when a newer getUpdates replaces this one
     */
    public Uni<List<QueuedUpdate>> getUpdates(BotState bot, long offset, int limit, int timeoutSeconds) {
        UpdatePoll superseded;
        UpdatePoll waiting = null;
        List<QueuedUpdate> ready;
        synchronized (bot) {
            if (bot.webhook() != null) {
                return Uni.createFrom().failure(BotApiError.webhookActive());
            }
            superseded = bot.takePoll();
            long effectiveOffset = offset;
            if (offset > 0) {
                bot.confirmBelow(offset);
            } else if (offset < 0) {
                effectiveOffset = bot.keepLast((int) Math.min(Integer.MAX_VALUE, -offset));
            }
            ready = bot.select(effectiveOffset, limit);
            if (ready.isEmpty() && timeoutSeconds > 0) {
                waiting = UpdatePoll.waiting(effectiveOffset, limit);
                bot.poll(waiting);
            }
        }
        if (superseded != null) {
            superseded.answer().completeExceptionally(BotApiError.terminatedByOtherGetUpdates());
        }
        if (waiting == null) {
            return Uni.createFrom().item(ready);
        }
        UpdatePoll poll = waiting;
        long timer = vertx.setTimer(timeoutSeconds * 1000L, id -> {
            abandon(bot, poll);
            poll.answer().complete(List.of());
        });
        poll.answer().whenComplete((updates, failure) -> vertx.cancelTimer(timer));
        return Uni.createFrom().completionStage(poll.answer())
                .onCancellation().invoke(() -> abandon(bot, poll));
    }

    /** A customer's message: a private-chat text message Update from {@code chatId}, queued like any other. */
    public QueuedUpdate customerMessage(BotState bot, long chatId, String text, String firstName, String lastName,
            String username, String languageCode) {
        ObjectNode message = customerMessageHead(bot, chatId, firstName, lastName, username, languageCode);
        message.put("text", text);
        if (text.startsWith("/")) {
            int end = text.indexOf(' ');
            int length = end < 0 ? text.length() : end;
            message.putArray("entities").addObject().put("offset", 0).put("length", length).put("type", "bot_command");
        }
        return enqueueMessage(bot, message);
    }

    /**
     * The common part of a customer's private-chat message: {@code message_id} (next in the chat), {@code from},
     * {@code chat} (profile defaults: the one last seen for the chat, else first name "Customer") and {@code date};
     * the caller adds the content and queues it with {@link #enqueueMessage(BotState, ObjectNode)}.
     */
    public ObjectNode customerMessageHead(BotState bot, long chatId, String firstName, String lastName,
            String username, String languageCode) {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        synchronized (bot) {
            ObjectNode known = bot.chat(chatId);
            String first = firstName != null ? firstName : known.path("first_name").asText("Customer");
            String last = lastName != null ? lastName : known.path("last_name").asText(null);
            String user = username != null ? username : known.path("username").asText(null);
            message.put("message_id", bot.nextMessageId(chatId));
            ObjectNode from = message.putObject("from").put("id", chatId).put("is_bot", false).put("first_name", first);
            putIfPresent(from, "last_name", last);
            putIfPresent(from, "username", user);
            putIfPresent(from, "language_code", languageCode);
            ObjectNode chat = message.putObject("chat").put("id", chatId).put("first_name", first);
            putIfPresent(chat, "last_name", last);
            putIfPresent(chat, "username", user);
            chat.put("type", "private");
        }
        message.put("date", Instant.now().getEpochSecond());
        return message;
    }

    /** Queues {@code message} as a {@code message} Update. */
    public QueuedUpdate enqueueMessage(BotState bot, ObjectNode message) {
        return enqueuePayload(bot, "message", message);
    }

    /** Queues an Update whose only payload is {@code field} (e.g. {@code edited_message}, {@code callback_query}). */
    public QueuedUpdate enqueuePayload(BotState bot, String field, ObjectNode payload) {
        ObjectNode update = JsonNodeFactory.instance.objectNode();
        update.set(field, payload);
        return enqueue(bot, List.of(update)).get(0);
    }

    private void abandon(BotState bot, UpdatePoll poll) {
        synchronized (bot) {
            if (bot.poll() == poll) {
                bot.takePoll();
            }
        }
    }

    private static ObjectNode withUpdateId(ObjectNode update, long id) {
        if (update.has("update_id")) {
            ObjectNode copy = update.deepCopy();
            copy.put("update_id", id);
            return copy;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode().put("update_id", id);
        copy.setAll(update.deepCopy());
        return copy;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }
}
