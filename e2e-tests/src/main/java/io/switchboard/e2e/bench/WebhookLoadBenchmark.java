package io.switchboard.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.e2e.Http;
import io.switchboard.e2e.OperatorSession;
import io.switchboard.e2e.OperatorSocket;
import io.switchboard.e2e.SwitchboardStack;
import io.switchboard.e2e.TelegramEmulatorClient;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator: K simulated customers post private-chat text updates at R per second to the public webhook
 * (through the gateway) for T seconds, while one operator socket listens. Reports achieved throughput, latency
 * from the webhook call to the operator's {@code message.received} frame (p50/p95/p99/max, HdrHistogram, in ms),
 * the webhook's own answer time, and lost / duplicated counts.
 *
 * <p>Run with {@code ./bench [rate] [seconds] [customers]} (defaults 100, 30, 50); it starts the whole stack like
 * the end-to-end tests do. A "lost" update is one the webhook acknowledged with 200 whose frame never arrived
 * once frames stopped arriving (15 s without progress, 5 minutes at most); a "duplicated" one produced more than one
 * frame. A refused call (non-200, e.g. 503 or a client timeout) is one Telegram would deliver again.
 */
public final class WebhookLoadBenchmark {

    private WebhookLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int customers = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        // JIT warm-up: the services compile their hot paths during the first minute (C2 alone took a third of
        // conversation-service's CPU in a cold 30 s run), so the measurement starts after a minute of traffic
        int warmupRate = Math.min(rate, 100);
        int warmup = Integer.getInteger("bench.warmup", warmupRate * 60);

        try (SwitchboardStack stack = SwitchboardStack.start()) {
            OperatorSession operator = OperatorSession.login(stack.gatewayUrl(), SwitchboardStack.ADMIN_USERNAME,
                    stack.adminPassword());
            String run = Long.toString(System.currentTimeMillis(), 36);
            ConcurrentHashMap<Integer, Long> sentAt = new ConcurrentHashMap<>();
            ConcurrentHashMap<Integer, Long> acceptedAt = new ConcurrentHashMap<>();
            ConcurrentHashMap<Integer, AtomicInteger> frames = new ConcurrentHashMap<>();
            Histogram endToEnd = new Histogram(60_000_000_000L, 3);
            Histogram fromAccept = new Histogram(60_000_000_000L, 3);
            Histogram webhook = new Histogram(60_000_000_000L, 3);
            AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);

            try (OperatorSocket socket = OperatorSocket.open(stack.gatewayUrl(), operator.accessToken())) {
                socket.onFrame(frame -> onFrame(frame, run, sentAt, acceptedAt, frames, endToEnd, fromAccept, measureFrom));
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                URI webhookUri = URI.create(stack.gatewayUrl() + "/telegram/webhook");

                System.err.printf("warm-up: %d updates at %d/s%n", warmup, warmupRate);
                drive(client, webhookUri, stack, run, 0, warmup, warmupRate, customers, sentAt, acceptedAt, new Histogram(3), new AtomicInteger());
                long warmDeadline = System.currentTimeMillis() + 120_000;
                while (System.currentTimeMillis() < warmDeadline && countSeen(frames, 0, warmup) < warmup) {
                    Thread.sleep(200);
                }
                Thread.sleep(2000);
                int first = warmup;
                int total = rate * seconds;
                measureFrom.set(first);
                AtomicInteger refused = new AtomicInteger();
                System.err.printf("measuring: %d updates/s for %d s, %d customers%n", rate, seconds, customers);
                long start = System.nanoTime();
                drive(client, webhookUri, stack, run, first, total, rate, customers, sentAt, acceptedAt, webhook, refused);
                double sendSeconds = (System.nanoTime() - start) / 1e9;
                int accepted = (int) acceptedAt.keySet().stream().filter(i -> i >= first).count();
                // drain: wait while frames keep arriving (a backlog is late, not lost), up to 5 minutes
                long drainDeadline = System.currentTimeMillis() + 300_000;
                int lastSeen = -1;
                long lastProgress = System.currentTimeMillis();
                while (System.currentTimeMillis() < drainDeadline && countSeen(frames, first, total) < accepted) {
                    int now = countSeen(frames, first, total);
                    if (now != lastSeen) {
                        lastSeen = now;
                        lastProgress = System.currentTimeMillis();
                    } else if (System.currentTimeMillis() - lastProgress > 15_000) {
                        break;
                    }
                    Thread.sleep(100);
                }
                double allSeconds = (System.nanoTime() - start) / 1e9;
                int seen = countSeen(frames, first, total);
                int duplicated = 0;
                for (int i = first; i < first + total; i++) {
                    AtomicInteger n = frames.get(i);
                    if (n != null && n.get() > 1) {
                        duplicated++;
                    }
                }
                int lost = accepted - seen;
                String report = String.format(Locale.ROOT, """
                        Webhook load benchmark — %d updates/s target, %d s, %d customers (%s)
                          sent %d, accepted (200) %d, refused %d, sending took %.1f s → offered %.0f/s
                          operator frames %d in %.1f s → delivered %.0f/s
                          lost %d, duplicated %d
                          webhook answer   p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms
                          call → frame     p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms
                          accept → frame   p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms
                        """, rate, seconds, customers, machine(), total, accepted, refused.get(), sendSeconds,
                        total / sendSeconds, seen, allSeconds, seen / allSeconds, lost, duplicated,
                        ms(webhook, 50), ms(webhook, 95), ms(webhook, 99), webhook.getMaxValue() / 1e6,
                        ms(endToEnd, 50), ms(endToEnd, 95), ms(endToEnd, 99), endToEnd.getMaxValue() / 1e6,
                        ms(fromAccept, 50), ms(fromAccept, 95), ms(fromAccept, 99), fromAccept.getMaxValue() / 1e6);
                System.out.println(report);
            }
        }
        System.exit(0);
    }

    private static void drive(HttpClient client, URI webhookUri, SwitchboardStack stack, String run, int first, int count,
                              int rate, int customers, ConcurrentHashMap<Integer, Long> sentAt,
                              ConcurrentHashMap<Integer, Long> acceptedAt, Histogram webhook, AtomicInteger refused)
            throws InterruptedException {
        CountDownLatch done = new CountDownLatch(count);
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int n = 0; n < count; n++) {
            long due = start + n * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int seq = first + n;
            long chatId = 7_000_000_000L + (seq % customers);
            String body = TelegramEmulatorClient.privateText(10_000_000L + seq, chatId, "Load" + (seq % customers),
                    "bench " + run + " " + seq).toString();
            HttpRequest request = HttpRequest.newBuilder(webhookUri)
                    .header("Content-Type", "application/json")
                    .header("X-Telegram-Bot-Api-Secret-Token", stack.webhookSecret())
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long t0 = System.nanoTime();
            sentAt.put(seq, t0);
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                long t1 = System.nanoTime();
                if (error == null && response.statusCode() == 200) {
                    acceptedAt.put(seq, t1);
                    synchronized (webhook) {
                        webhook.recordValue(t1 - t0);
                    }
                } else {
                    refused.incrementAndGet();
                }
                done.countDown();
            });
        }
        done.await();
    }

    private static void onFrame(JsonNode frame, String run, ConcurrentHashMap<Integer, Long> sentAt,
                                ConcurrentHashMap<Integer, Long> acceptedAt, ConcurrentHashMap<Integer, AtomicInteger> frames,
                                Histogram endToEnd, Histogram fromAccept, AtomicLong measureFrom) {
        long now = System.nanoTime();
        if (!"message.received".equals(frame.path("type").asText())) {
            return;
        }
        String text = frame.path("payload").path("message").path("text").asText();
        String prefix = "bench " + run + " ";
        if (!text.startsWith(prefix)) {
            return;
        }
        int seq = Integer.parseInt(text.substring(prefix.length()));
        int n = frames.computeIfAbsent(seq, k -> new AtomicInteger()).incrementAndGet();
        if (n == 1 && seq >= measureFrom.get()) {
            Long t0 = sentAt.get(seq);
            Long t1 = acceptedAt.get(seq);
            synchronized (endToEnd) {
                if (t0 != null) {
                    endToEnd.recordValue(Math.max(0, now - t0));
                }
                if (t1 != null) {
                    fromAccept.recordValue(Math.max(0, now - t1));
                }
            }
        }
    }

    private static int countSeen(ConcurrentHashMap<Integer, AtomicInteger> frames, int first, int total) {
        int seen = 0;
        for (int i = first; i < first + total; i++) {
            if (frames.containsKey(i)) {
                seen++;
            }
        }
        return seen;
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch") + ", Java "
                + System.getProperty("java.version");
    }
}
