package io.switchboard.emulator.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Everything the emulator keeps for one bot token: the Update queue, the webhook and its delivery bookkeeping, the
 * waiting long poll, chats (known profiles, blocked flags, message ids, history) and the flood-control buckets.
 * <p>
 * Not thread-safe by itself: every caller holds the instance's monitor ({@code synchronized (bot) {...}}) while it
 * reads or changes it, and never does I/O while holding it.
 */
public final class BotState {

    /** Seconds since 2024-01-01T00:00:00Z, the origin of the clock-derived first update_id. */
    private static final long UPDATE_ID_EPOCH = 1_704_067_200L;

    private final String token;
    private final long botId;
    private final Supplier<SendRateLimiter> rateLimiterFactory;

    /** Queued Updates sorted by update_id; equal ids keep their queueing order. */
    private final List<QueuedUpdate> pending = new ArrayList<>();
    private long lastUpdateId;
    private long confirmedBelow;
    private final Map<Long, Long> lastMessageIds = new HashMap<>();
    private final Map<Long, ObjectNode> knownChats = new HashMap<>();
    private final Set<Long> blockedChats = new HashSet<>();
    private final Map<Long, List<ObjectNode>> history = new HashMap<>();
    private SendRateLimiter rateLimiter;
    private UpdatePoll poll;

    private Webhook webhook;
    private long webhookGeneration;
    private final Set<String> busyChats = new HashSet<>();
    private final Map<QueuedUpdate, Integer> attempts = new IdentityHashMap<>();
    private int inFlight;
    private Instant lastErrorDate;
    private String lastErrorMessage;
    private JsonNode allowedUpdates;

    private final Map<Long, Map<Long, ForumTopic>> topics = new HashMap<>();
    private final Map<String, StoredFile> filesById = new HashMap<>();
    private final Map<String, StoredFile> filesByPath = new HashMap<>();
    private long fileSeq;
    private final Map<String, CallbackQuery> callbacks = new HashMap<>();
    private final Map<String, String> reactions = new HashMap<>();

    /**
     * A fresh bot. Update ids continue from a clock-derived value (twice the seconds since 2024-01-01), so that they
     * keep increasing across emulator restarts: consumers de-duplicate by update_id.
     */
    public BotState(String token, long botId, Supplier<SendRateLimiter> rateLimiterFactory, Instant now) {
        this.token = token;
        this.botId = botId;
        this.rateLimiterFactory = rateLimiterFactory;
        this.rateLimiter = rateLimiterFactory.get();
        this.lastUpdateId = Math.max(0, (now.getEpochSecond() - UPDATE_ID_EPOCH) * 2);
    }

    /** The bot token. */
    public String token() {
        return token;
    }

    /** The bot's user id: the number before ':' in the token. */
    public long botId() {
        return botId;
    }

    /** The flood-control buckets of this bot. */
    public SendRateLimiter rateLimiter() {
        return rateLimiter;
    }

    // ---- Updates ------------------------------------------------------------------------------------------------

    /**
     * The update_id for the next queued Update: {@code requested} as given (so a redelivered Update keeps its id and
     * consumers can de-duplicate it), unless getUpdates already confirmed that id, in which case a poller would never
     * see it and the next id in sequence is used; the next id in sequence when nothing is requested.
     */
    public long nextUpdateId(Long requested) {
        long id = requested != null && requested >= confirmedBelow ? requested : Math.max(lastUpdateId, confirmedBelow - 1) + 1;
        lastUpdateId = Math.max(lastUpdateId, id);
        return id;
    }

    /** Queues {@code update} in update_id order; remembers the chat and, for messages, appends to its history. */
    public void queue(QueuedUpdate update) {
        int position = pending.size();
        while (position > 0 && pending.get(position - 1).updateId() > update.updateId()) {
            position--;
        }
        pending.add(position, update);
        JsonNode payload = QueuedUpdate.payloadOf(update.body());
        if (payload != null && payload.path("chat").isObject() && payload.path("chat").path("id").canConvertToLong()) {
            long chatId = payload.path("chat").path("id").asLong();
            knownChats.put(chatId, ((ObjectNode) payload.get("chat")).deepCopy());
            if (update.body().has("message") && payload.path("message_id").canConvertToLong()) {
                lastMessageIds.merge(chatId, payload.path("message_id").asLong(), Math::max);
                appendHistory(chatId, ((ObjectNode) payload).deepCopy());
            }
        }
    }

    /** Forgets (confirms) every queued Update with an update_id below {@code offset}. */
    public void confirmBelow(long offset) {
        confirmedBelow = Math.max(confirmedBelow, offset);
        pending.removeIf(update -> {
            boolean confirmed = update.updateId() < offset;
            if (confirmed) {
                attempts.remove(update);
            }
            return confirmed;
        });
    }

    /** Negative getUpdates offset: keeps only the last {@code count} Updates; returns the offset that selects them. */
    public long keepLast(int count) {
        while (pending.size() > count) {
            attempts.remove(pending.remove(0));
        }
        if (pending.isEmpty()) {
            return 0;
        }
        confirmedBelow = Math.max(confirmedBelow, pending.get(0).updateId());
        return pending.get(0).updateId();
    }

    /** Up to {@code limit} queued Updates with update_id ≥ {@code offset}, in update_id order. */
    public List<QueuedUpdate> select(long offset, int limit) {
        return pending.stream().filter(update -> update.updateId() >= offset).limit(limit).toList();
    }

    /** How many Updates wait for confirmation or delivery. */
    public int pendingCount() {
        return pending.size();
    }

    /** Drops every queued Update ({@code drop_pending_updates}). */
    public void dropPending() {
        pending.clear();
        attempts.clear();
    }

    /** The waiting getUpdates request, or null. */
    public UpdatePoll poll() {
        return poll;
    }

    /** Installs {@code poll} as the waiting getUpdates request. */
    public void poll(UpdatePoll poll) {
        this.poll = poll;
    }

    /** Removes and returns the waiting getUpdates request (null when none). */
    public UpdatePoll takePoll() {
        UpdatePoll taken = poll;
        poll = null;
        return taken;
    }

    // ---- Webhook ------------------------------------------------------------------------------------------------

    /** The webhook, or null while the bot uses getUpdates. */
    public Webhook webhook() {
        return webhook;
    }

    /** Sets the webhook; deliveries of an earlier webhook no longer count. */
    public Webhook setWebhook(String url, String secretToken, int maxConnections, Instant now) {
        resetDeliveries();
        webhook = new Webhook(url, secretToken, maxConnections, webhookGeneration, now);
        lastErrorDate = null;
        lastErrorMessage = null;
        return webhook;
    }

    /** Removes the webhook; returns whether there was one. */
    public boolean deleteWebhook() {
        boolean had = webhook != null;
        resetDeliveries();
        webhook = null;
        return had;
    }

    /** The last allowed_updates given to setWebhook or getUpdates (a JSON array), or null when never given. */
    public JsonNode allowedUpdates() {
        return allowedUpdates;
    }

    /** Remembers allowed_updates; null leaves the previous setting, as Telegram does. */
    public void allowedUpdates(JsonNode list) {
        if (list != null && list.isArray()) {
            allowedUpdates = list.deepCopy();
        }
    }

    /** Unix time of the last failed delivery, or null. */
    public Instant lastErrorDate() {
        return lastErrorDate;
    }

    /** Why the last delivery failed, or null. */
    public String lastErrorMessage() {
        return lastErrorMessage;
    }

    /**
     * Starts as many deliveries as allowed: the oldest queued Update of each chat that has nothing in flight or
     * waiting for a retry, up to the webhook's max_connections in flight.
     */
    public List<DeliveryAttempt> startDeliveries() {
        if (webhook == null) {
            return List.of();
        }
        List<DeliveryAttempt> started = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (QueuedUpdate update : pending) {
            if (inFlight >= webhook.maxConnections()) {
                break;
            }
            if (!seen.add(update.chatKey()) || busyChats.contains(update.chatKey())) {
                continue;
            }
            busyChats.add(update.chatKey());
            inFlight++;
            started.add(new DeliveryAttempt(update, webhook, attempts.merge(update, 1, Integer::sum)));
        }
        return started;
    }

    /** The webhook answered 2xx: the Update is delivered and leaves the queue; its chat may go on. */
    public void deliverySucceeded(DeliveryAttempt attempt) {
        pending.removeIf(update -> update == attempt.update());
        attempts.remove(attempt.update());
        if (isCurrent(attempt)) {
            inFlight--;
            busyChats.remove(attempt.update().chatKey());
        }
    }

    /**
     * The attempt failed. The chat stays blocked until {@link #retryDue(DeliveryAttempt)}.
     *
     * @return the delay before the retry ({@code initial} doubled per earlier failure, at most {@code max}), or null
     *         when the webhook changed meanwhile and nothing is to be retried for this attempt
     */
    public Duration deliveryFailed(DeliveryAttempt attempt, String error, Instant now, Duration initial, Duration max) {
        if (!isCurrent(attempt)) {
            return null;
        }
        inFlight--;
        lastErrorDate = now;
        lastErrorMessage = error;
        int doublings = Math.min(attempt.attempt() - 1, 20);
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** The retry delay of a failed attempt is over: its chat may be delivered again. */
    public void retryDue(DeliveryAttempt attempt) {
        if (isCurrent(attempt)) {
            busyChats.remove(attempt.update().chatKey());
        }
    }

    private boolean isCurrent(DeliveryAttempt attempt) {
        return webhook != null && attempt.webhook().generation() == webhook.generation();
    }

    private void resetDeliveries() {
        webhookGeneration++;
        busyChats.clear();
        inFlight = 0;
    }

    // ---- Chats --------------------------------------------------------------------------------------------------

    /** The next message_id in {@code chatId}: one sequence per chat, shared by both directions, from 1. */
    public long nextMessageId(long chatId) {
        return lastMessageIds.merge(chatId, 1L, Long::sum);
    }

    /**
     * The Chat object for {@code chatId}: the one last seen in a queued Update, else a synthetic one ({@code private}
     * for positive ids, {@code supergroup} otherwise).
     */
    public ObjectNode chat(long chatId) {
        ObjectNode known = knownChats.get(chatId);
        if (known != null) {
            return known.deepCopy();
        }
        ObjectNode chat = JsonNodeFactory.instance.objectNode().put("id", chatId);
        if (chatId > 0) {
            chat.put("type", "private");
        } else {
            chat.put("title", "Emulated group " + chatId).put("type", "supergroup");
        }
        return chat;
    }

    /** Marks {@code chatId} as having blocked the bot (sends answer 403) or lifts it. */
    public void blocked(long chatId, boolean blocked) {
        if (blocked) {
            blockedChats.add(chatId);
        } else {
            blockedChats.remove(chatId);
        }
    }

    /** Whether {@code chatId} blocked the bot. */
    public boolean isBlocked(long chatId) {
        return blockedChats.contains(chatId);
    }

    /** Appends a Message (sent by the bot or by the customer) to the chat's history. */
    public void appendHistory(long chatId, ObjectNode message) {
        history.computeIfAbsent(chatId, id -> new ArrayList<>()).add(message);
    }

    /** Messages of the chat in the order they were sent or queued. */
    public List<ObjectNode> history(long chatId) {
        return Collections.unmodifiableList(history.getOrDefault(chatId, List.of()));
    }

    /**
     * Fields of a history entry that are the emulator's own bookkeeping, not part of Telegram's Message: shown by
     * {@code GET /emulator/chats/{chatId}/messages}, stripped by {@link #botView(ObjectNode)}.
     */
    public static final List<String> ANNOTATIONS = List.of("pinned", "edited", "deleted", "disable_notification");

    /** The latest history entry of {@code chatId} with {@code messageId} (deleted ones included), or null. */
    public ObjectNode message(long chatId, long messageId) {
        List<ObjectNode> messages = history.getOrDefault(chatId, List.of());
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).path("message_id").asLong() == messageId) {
                return messages.get(i);
            }
        }
        return null;
    }

    /** A copy of a history entry as the Bot API shows it: without the emulator's {@link #ANNOTATIONS}. */
    public static ObjectNode botView(ObjectNode entry) {
        ObjectNode copy = entry.deepCopy();
        copy.remove(ANNOTATIONS);
        return copy;
    }

    /** A copy of a history entry for the control API: every annotation present (false when never set). */
    public static ObjectNode controlView(ObjectNode entry) {
        ObjectNode copy = entry.deepCopy();
        for (String flag : ANNOTATIONS) {
            if (!copy.has(flag)) {
                copy.put(flag, false);
            }
        }
        return copy;
    }

    /** Registers a supergroup: its Chat object ({@code is_forum} when a forum), used in every message to it. */
    public ObjectNode registerGroup(long chatId, String title, boolean isForum) {
        ObjectNode chat = JsonNodeFactory.instance.objectNode().put("id", chatId).put("title", title);
        if (isForum) {
            chat.put("is_forum", true);
        }
        chat.put("type", "supergroup");
        knownChats.put(chatId, chat);
        topics.computeIfAbsent(chatId, id -> new HashMap<>());
        return chat.deepCopy();
    }

    /** Whether {@code chatId} is a known group: registered, or seen in a queued Update. */
    public boolean isKnownGroup(long chatId) {
        return chatId < 0 && knownChats.containsKey(chatId);
    }

    /** Whether {@code chatId} is a forum supergroup. */
    public boolean isForum(long chatId) {
        ObjectNode chat = knownChats.get(chatId);
        return chat != null && chat.path("is_forum").asBoolean(false);
    }

    /** The topic, or null when it never existed. */
    public ForumTopic topic(long chatId, long threadId) {
        return topics.getOrDefault(chatId, Map.of()).get(threadId);
    }

    /** Stores (creates or replaces) a topic. */
    public void putTopic(ForumTopic topic) {
        topics.computeIfAbsent(topic.chatId(), id -> new HashMap<>()).put(topic.messageThreadId(), topic);
    }

    /** The chat's topics by thread id. */
    public List<ForumTopic> topics(long chatId) {
        return topics.getOrDefault(chatId, Map.of()).values().stream()
                .sorted(java.util.Comparator.comparingLong(ForumTopic::messageThreadId)).toList();
    }

    /** Sequence number for a new file (paths and ids). */
    public long nextFileSeq() {
        return ++fileSeq;
    }

    /** Keeps a file for getFile and the download route. */
    public void putFile(StoredFile file) {
        filesById.put(file.fileId(), file);
        filesByPath.put(file.filePath(), file);
    }

    /** The file with {@code fileId}, or null. */
    public StoredFile fileById(String fileId) {
        return fileId == null ? null : filesById.get(fileId);
    }

    /** The file at {@code filePath}, or null. */
    public StoredFile fileByPath(String filePath) {
        return filesByPath.get(filePath);
    }

    /** Stores (creates or replaces) a callback query. */
    public void putCallback(CallbackQuery query) {
        callbacks.put(query.id(), query);
    }

    /** The callback query with {@code id}, or null. */
    public CallbackQuery callback(String id) {
        return id == null ? null : callbacks.get(id);
    }

    /** The customer's current reaction emoji on a message, or null. */
    public String reaction(long chatId, long messageId) {
        return reactions.get(chatId + ":" + messageId);
    }

    /** Sets (or with null removes) the customer's reaction on a message. */
    public void reaction(long chatId, long messageId, String emoji) {
        if (emoji == null) {
            reactions.remove(chatId + ":" + messageId);
        } else {
            reactions.put(chatId + ":" + messageId, emoji);
        }
    }

    // ---- Reset --------------------------------------------------------------------------------------------------

    /**
     * Forgets everything except the id counters and the getUpdates offset already confirmed (update_id and message_id
     * keep increasing, so consumers that de-duplicate by id never see a repeat). Returns the waiting poll, if any, for
     * the caller to answer.
     */
    public UpdatePoll clear() {
        dropPending();
        deleteWebhook();
        lastErrorDate = null;
        lastErrorMessage = null;
        knownChats.clear();
        blockedChats.clear();
        history.clear();
        topics.clear();
        filesById.clear();
        filesByPath.clear();
        callbacks.clear();
        reactions.clear();
        allowedUpdates = null;
        rateLimiter = rateLimiterFactory.get();
        return takePoll();
    }
}
