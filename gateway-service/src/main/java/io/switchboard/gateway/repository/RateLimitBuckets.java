package io.switchboard.gateway.repository;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.domain.RateLimit;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.Command;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Token buckets in Redis, shared by every gateway replica: one Lua script ({@code redis/token-buckets.lua}) takes a
 * token from each of several buckets atomically, all or none, on the Redis clock. Run with {@code EVALSHA}, falling
 * back to {@code EVAL} (which caches the script) when Redis does not know it yet.
 */
@Startup // reads the script at start-up, never on an event loop
@ApplicationScoped
public class RateLimitBuckets {

    static final String SCRIPT_RESOURCE = "redis/token-buckets.lua";

    private final ReactiveRedisDataSource redis;
    private final String script;
    private final String sha;

    public RateLimitBuckets(ReactiveRedisDataSource redis) {
        this.redis = redis;
        this.script = load();
        this.sha = sha1(script);
    }

    /**
     * Takes one token from each of {@code limits}, or none if any of them is empty.
     *
     * @return {@link Duration#ZERO} when the tokens were taken, otherwise how long until all buckets would allow it;
     *         fails when Redis cannot be reached
     */
    public Uni<Duration> take(List<RateLimit> limits) {
        List<String> args = new ArrayList<>();
        args.add(null); // the script or its digest
        args.add(Integer.toString(limits.size()));
        limits.forEach(limit -> args.add(limit.key()));
        limits.forEach(limit -> {
            args.add(Long.toString(limit.intervalMillis()));
            args.add(Integer.toString(limit.capacity()));
        });
        return run(Command.EVALSHA, sha, args)
                .onFailure(RateLimitBuckets::unknownScript).recoverWithUni(() -> run(Command.EVAL, script, args))
                .map(response -> Duration.ofMillis(response.toLong()));
    }

    private Uni<Response> run(Command command, String first, List<String> args) {
        List<String> withFirst = new ArrayList<>(args);
        withFirst.set(0, first);
        return redis.execute(command, withFirst.toArray(String[]::new));
    }

    private static boolean unknownScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    private static String load() {
        try (InputStream in = RateLimitBuckets.class.getClassLoader().getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT_RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }
}
