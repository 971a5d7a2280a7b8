package io.switchboard.emulator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

class BotStateTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final Duration HALF_SECOND = Duration.ofMillis(500);
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    private final BotState bot = new BotState("42:secret", 42, () -> new SendRateLimiter(
            new SendRateLimiter.Limits(3, 1, 20, 30)), NOW);

    @Test
    void firstAssignedIdDerivesFromTheClockSoThatItGrowsAcrossRestarts() {
        long early = bot.nextUpdateId(null);
        long later = new BotState("42:secret", 42, () -> null, NOW.plusSeconds(60)).nextUpdateId(null);
        assertTrue(later > early + 100, early + " then " + later);
        assertTrue(later < Integer.MAX_VALUE, "fits telegrambots' Integer update_id");
    }

    @Test
    void deliversTheHeadOfEachChatOnlyAndRespectsMaxConnections() {
        queue(1, 100);
        queue(2, 100);
        queue(3, 200);
        queue(4, 300);
        bot.setWebhook("http://hook", null, 2, NOW);

        List<DeliveryAttempt> started = bot.startDeliveries();
        assertEquals(List.of(1L, 3L), ids(started), "one per chat, two connections");
        assertEquals(List.of(), bot.startDeliveries(), "nothing more while both are in flight");

        bot.deliverySucceeded(started.get(0));
        assertEquals(List.of(2L), ids(bot.startDeliveries()), "chat 100 goes on with its next update");
    }

    @Test
    void aFailedUpdateBlocksItsChatUntilTheRetryIsDueAndBacksOffExponentially() {
        queue(1, 100);
        queue(2, 100);
        queue(3, 200);
        bot.setWebhook("http://hook", null, 40, NOW);

        List<DeliveryAttempt> first = bot.startDeliveries();
        DeliveryAttempt failing = first.get(0);
        assertEquals(HALF_SECOND, bot.deliveryFailed(failing, "Connection refused", NOW, HALF_SECOND, TEN_SECONDS));
        assertEquals("Connection refused", bot.lastErrorMessage());
        assertEquals(List.of(), bot.startDeliveries(), "update 2 waits behind update 1");

        bot.retryDue(failing);
        List<DeliveryAttempt> retry = bot.startDeliveries();
        assertEquals(List.of(1L), ids(retry));
        assertEquals(2, retry.get(0).attempt());
        assertEquals(Duration.ofSeconds(1), bot.deliveryFailed(retry.get(0), "500", NOW, HALF_SECOND, TEN_SECONDS));

        DeliveryAttempt attempt = retry.get(0);
        for (int i = 0; i < 6; i++) {
            bot.retryDue(attempt);
            attempt = bot.startDeliveries().get(0);
            bot.deliveryFailed(attempt, "500", NOW, HALF_SECOND, TEN_SECONDS);
        }
        bot.retryDue(attempt);
        attempt = bot.startDeliveries().get(0);
        assertEquals(TEN_SECONDS, bot.deliveryFailed(attempt, "500", NOW, HALF_SECOND, TEN_SECONDS), "capped");
        assertEquals(3, bot.pendingCount());
    }

    @Test
    void answersOfAnEarlierWebhookDoNotCount() {
        queue(1, 100);
        bot.setWebhook("http://old", null, 40, NOW);
        DeliveryAttempt old = bot.startDeliveries().get(0);
        bot.deleteWebhook();
        bot.setWebhook("http://new", null, 40, NOW);

        assertNull(bot.deliveryFailed(old, "timeout", NOW, HALF_SECOND, TEN_SECONDS), "no retry for the old webhook");
        assertEquals(List.of(1L), ids(bot.startDeliveries()), "the new webhook delivers it");
    }

    @Test
    void negativeOffsetKeepsTheLastUpdatesAndLaterQueuedIdsStayVisible() {
        queue(10, 1);
        queue(11, 1);
        queue(12, 1);
        assertEquals(12, bot.keepLast(1));
        assertEquals(1, bot.pendingCount());
        long replaced = bot.nextUpdateId(5L);
        assertTrue(replaced > 12, "id 5 is below what was confirmed, so it became " + replaced);
        assertEquals(12, bot.nextUpdateId(12L), "an id not yet confirmed is kept");
        assertEquals(replaced + 1, bot.nextUpdateId(null));
    }

    private void queue(long id, long chatId) {
        ObjectNode update = JsonNodeFactory.instance.objectNode().put("update_id", id);
        update.putObject("message").put("message_id", id).put("date", 1).put("text", "m" + id)
                .putObject("chat").put("id", chatId).put("type", "private");
        bot.queue(QueuedUpdate.of(bot.nextUpdateId(id), update));
    }

    private static List<Long> ids(List<DeliveryAttempt> attempts) {
        return attempts.stream().map(a -> a.update().updateId()).toList();
    }
}
