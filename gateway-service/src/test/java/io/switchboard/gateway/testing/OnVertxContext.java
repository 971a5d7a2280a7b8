package io.switchboard.gateway.testing;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs reactive service calls from a test thread: subscribes on a new safe Vert.x duplicated context (what Hibernate
 * Reactive needs, as a request or a scheduled job would have) and waits for the result on the test thread.
 */
public final class OnVertxContext {

    private OnVertxContext() {
    }

    /** The item of {@code work.get()}, run on a fresh duplicated context; fails after 30 s. */
    public static <T> T await(Vertx vertx, Supplier<Uni<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> {
            try {
                work.get().subscribe().with(result::complete, result::completeExceptionally);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("reactive call failed", e);
        }
    }
}
