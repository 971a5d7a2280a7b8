package io.switchboard.conversation.service;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/**
 * Runs reactive database work on a new Vert.x duplicated context marked safe, as Hibernate Reactive requires: each
 * call gets its own session, whatever thread or context the caller is on (Kafka consumers, timers, retries).
 */
@ApplicationScoped
public class FreshVertxContext {

    private final Vertx vertx;

    public FreshVertxContext(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Subscribes to {@code work.get()} on a new safe duplicated context; the result is emitted there. */
    public <T> Uni<T> run(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> {
                Uni<T> uni;
                try {
                    uni = work.get();
                } catch (RuntimeException e) {
                    emitter.fail(e);
                    return;
                }
                uni.subscribe().with(emitter::complete, emitter::fail);
            });
        });
    }
}
