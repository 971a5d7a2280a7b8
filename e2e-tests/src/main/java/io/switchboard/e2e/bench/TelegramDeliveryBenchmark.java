package io.switchboard.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.e2e.OperatorSession;
import io.switchboard.e2e.SwitchboardStack;
import io.switchboard.e2e.TelegramEmulatorClient;
import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Outbound delivery within Telegram's limits: C customers write to the bot, then operators fire N replies spread
 * evenly over the C conversations through the gateway as fast as the API takes them. telegram-ingest-service
 * delivers them to the Telegram Bot API emulator, which enforces Telegram's flood limits (about 30 messages/s per
 * bot, 1/s per chat with a burst of 3) and answers 429 with {@code retry_after} when they are broken.
 *
 * <p>Reports, from the emulator's call journal: the sustained delivery rate (replies delivered per second between
 * the first and the last delivered reply), the 429 answers received (target 0), the spacing between consecutive
 * deliveries to one chat (min, p50; HdrHistogram, ms) counting only gaps after each chat's initial burst, and
 * replies lost or delivered twice.
 *
 * <p>Run with {@code ./bench delivery [replies] [chats]} (defaults 1000, 100).
 */
public final class TelegramDeliveryBenchmark {

    private static final int CHAT_BURST = 3;

    private TelegramDeliveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int replies = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int chats = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        try (SwitchboardStack stack = SwitchboardStack.start()) {
            TelegramEmulatorClient telegram = new TelegramEmulatorClient(stack.emulatorUrl(), SwitchboardStack.BOT_TOKEN);
            OperatorSession operator = OperatorSession.login(stack.gatewayUrl(), SwitchboardStack.ADMIN_USERNAME,
                    stack.adminPassword());
            long firstChat = 880_000_000L;
            for (int i = 0; i < chats; i++) {
                telegram.deliver(TelegramEmulatorClient.privateText(970_000 + i, firstChat + i, "Bench" + i, "Hi " + i));
            }
            Map<Long, String> conversations = new HashMap<>();
            long deadline = System.currentTimeMillis() + 120_000;
            while (conversations.size() < chats && System.currentTimeMillis() < deadline) {
                for (JsonNode c : operator.conversations()) {
                    String name = c.path("customer").path("displayName").asText();
                    if (name.startsWith("Bench")) {
                        conversations.put(firstChat + Integer.parseInt(name.substring(5)), c.get("id").asText());
                    }
                }
                Thread.sleep(500);
            }
            if (conversations.size() < chats) {
                throw new IllegalStateException("only " + conversations.size() + " conversations appeared");
            }
            Thread.sleep(5_000); // let the welcome messages go out before measuring
            telegram.clearCalls();

            String run = Long.toString(System.currentTimeMillis(), 36);
            System.err.printf("sending %d replies to %d chats%n", replies, chats);
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<Integer>> posts = new ArrayList<>();
            List<Long> chatIds = new ArrayList<>(conversations.keySet());
            Instant started = Instant.now();
            for (int i = 0; i < replies; i++) {
                long chat = chatIds.get(i % chats);
                String text = "bench " + run + " reply " + i;
                posts.add(pool.submit(() -> operator.post("/api/conversations/" + conversations.get(chat) + "/messages",
                        Map.of("text", text), "Idempotency-Key", UUID.randomUUID().toString()).status()));
            }
            int accepted = 0;
            for (Future<Integer> post : posts) {
                accepted += post.get() == 201 ? 1 : 0;
            }
            pool.shutdown();
            System.err.printf("accepted %d of %d in %.1f s%n", accepted, replies,
                    (System.currentTimeMillis() - started.toEpochMilli()) / 1000.0);

            String prefix = "bench " + run + " reply ";
            List<JsonNode> calls = List.of();
            long waitUntil = System.currentTimeMillis() + 300_000;
            int lastDelivered = -1;
            long lastProgress = System.currentTimeMillis();
            while (System.currentTimeMillis() < waitUntil && System.currentTimeMillis() - lastProgress < 30_000) {
                calls = telegram.calls("sendMessage").stream()
                        .filter(c -> c.path("params").path("text").asText().startsWith(prefix)).toList();
                int delivered = (int) calls.stream().filter(c -> c.path("status").asInt() == 200).count();
                if (delivered >= accepted) {
                    break;
                }
                if (delivered != lastDelivered) {
                    lastDelivered = delivered;
                    lastProgress = System.currentTimeMillis();
                }
                Thread.sleep(1_000);
            }
            report(calls, accepted, telegram);
        }
    }

    private static void report(List<JsonNode> calls, int accepted, TelegramEmulatorClient telegram) {
        List<JsonNode> ok = calls.stream().filter(c -> c.path("status").asInt() == 200).toList();
        long tooMany = telegram.calls("sendMessage").stream().filter(c -> c.path("status").asInt() == 429).count();
        Set<String> texts = new HashSet<>();
        int duplicates = 0;
        for (JsonNode call : ok) {
            if (!texts.add(call.path("params").path("text").asText())) {
                duplicates++;
            }
        }
        Map<Long, List<Instant>> perChat = new HashMap<>();
        Instant first = null;
        Instant last = null;
        for (JsonNode call : ok) {
            Instant at = Instant.parse(call.get("at").asText());
            perChat.computeIfAbsent(call.path("params").path("chat_id").asLong(), k -> new ArrayList<>()).add(at);
            first = first == null || at.isBefore(first) ? at : first;
            last = last == null || at.isAfter(last) ? at : last;
        }
        Histogram spacing = new Histogram(3_600_000L, 3);
        for (List<Instant> times : perChat.values()) {
            times.sort(null);
            for (int i = CHAT_BURST; i < times.size(); i++) {
                spacing.recordValue(Math.max(0, times.get(i).toEpochMilli() - times.get(i - 1).toEpochMilli()));
            }
        }
        double seconds = first == null ? 0 : (last.toEpochMilli() - first.toEpochMilli()) / 1000.0;
        System.out.printf("replies accepted: %d, delivered: %d, lost: %d, delivered twice: %d%n", accepted, texts.size(),
                accepted - texts.size(), duplicates);
        System.out.printf("delivery window: %.1f s, sustained rate: %.1f messages/s%n", seconds,
                seconds == 0 ? 0 : (ok.size() - 1) / seconds);
        System.out.printf("429 answers received (all sendMessage calls): %d%n", tooMany);
        telegram.calls("sendMessage").stream().filter(c -> c.path("status").asInt() == 429).limit(5)
                .forEach(c -> System.out.printf("  429 for chat %s at %s: %s%n", c.path("params").path("chat_id").asText(),
                        c.path("at").asText(), c.path("description").asText()));
        System.out.printf("per-chat spacing after the burst of %d (ms): min %d, p50 %d, p99 %d, max %d (%d gaps)%n",
                CHAT_BURST, spacing.getMinValue(), spacing.getValueAtPercentile(50), spacing.getValueAtPercentile(99),
                spacing.getMaxValue(), spacing.getTotalCount());
        if (ok.isEmpty()) {
            System.out.println("nothing was delivered: check the services' logs under e2e-tests/target/");
        }
    }
}
