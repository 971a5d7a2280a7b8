package io.switchboard.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Plays another notification-service replica on the typing/read channel: its own Redis client (not the service's),
 * subscribed to the channel, publishing signals the way a replica does. Also answers how many subscribers the channel
 * has, to wait for the service's subscription.
 */
public final class OtherReplica implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Redis redis;
    private final RedisConnection subscriber;
    private final String channel;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    private OtherReplica(Vertx vertx, String channel) {
        this.channel = channel;
        String hosts = ConfigProvider.getConfig().getValue("quarkus.redis.hosts", String.class);
        this.redis = Redis.createClient(vertx, hosts);
        this.subscriber = await(redis.connect());
        subscriber.handler(this::onPush);
        await(subscriber.send(Request.cmd(Command.SUBSCRIBE).arg(channel)));
    }

    /** Connects and subscribes to {@code channel}, the service's {@code switchboard.notification.ephemeral.channel}. */
    public static OtherReplica join(Vertx vertx, String channel) {
        return new OtherReplica(vertx, channel);
    }

    /** Waits until the channel has at least {@code subscribers} subscribers (the service's and ours). */
    public void awaitSubscribers(int subscribers) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Response numsub = await(redis.send(Request.cmd(Command.PUBSUB).arg("NUMSUB").arg(channel)));
            if (numsub.get(1).toInteger() >= subscribers) {
                return;
            }
            sleep(50);
        }
        fail("the channel " + channel + " never had " + subscribers + " subscribers");
    }

    /** Publishes a raw message on the channel, as another replica would. */
    public void publish(String json) {
        await(redis.send(Request.cmd(Command.PUBLISH).arg(channel).arg(json)));
    }

    /** The next message on the channel matching {@code filter} (earlier ones are dropped); fails after timeout. */
    public JsonNode awaitMessage(Predicate<JsonNode> filter, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                String text = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
                if (text == null) {
                    return fail("no matching message on " + channel + " within " + timeout);
                }
                JsonNode node = JSON.readTree(text);
                if (filter.test(node)) {
                    return node;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every message on the channel within {@code window}, parsed. */
    public List<JsonNode> messagesWithin(Duration window) {
        List<JsonNode> result = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        try {
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                String text = received.poll(left, TimeUnit.NANOSECONDS);
                if (text != null) {
                    result.add(JSON.readTree(text));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    /** Forgets what was received so far. */
    public void clear() {
        received.clear();
    }

    @Override
    public void close() {
        subscriber.close();
        redis.close();
    }

    private void onPush(Response push) {
        // RESP2 and RESP3 both: ["message", channel, payload]
        if (push != null && (push.type() == ResponseType.PUSH || push.type() == ResponseType.MULTI)
                && push.size() == 3 && "message".equals(push.get(0).toString())) {
            received.add(push.get(2).toString());
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Redis did not answer", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
