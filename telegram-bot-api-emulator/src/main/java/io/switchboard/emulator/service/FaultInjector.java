package io.switchboard.emulator.service;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.emulator.domain.Fault;

/**
 * Faults injected with {@code POST /emulator/faults}, per bot token: each affects the next N calls of one method,
 * oldest fault first. {@link io.switchboard.emulator.rest.BotApiRoute} asks {@link #take(String, String)} before
 * running a call.
 */
@ApplicationScoped
public class FaultInjector {

    private final Map<String, List<Fault>> faults = new LinkedHashMap<>();
    private long seq;

    /**
     * Adds a fault for {@code token}'s bot.
     *
     * @param method canonical method name
     * @param times  how many calls it affects (at least 1)
     */
    public synchronized Fault add(String token, String method, int times, Integer errorCode, String description,
            Long retryAfter, Long delayMs) {
        Fault fault = new Fault(++seq, method, Math.max(1, times), errorCode, description, retryAfter, delayMs);
        faults.computeIfAbsent(token, t -> new ArrayList<>()).add(fault);
        return fault;
    }

    /** Consumes one use of the oldest active fault of {@code method} for {@code token}, if any. */
    public synchronized Optional<Fault> take(String token, String method) {
        List<Fault> list = faults.get(token);
        if (list == null) {
            return Optional.empty();
        }
        for (Iterator<Fault> it = list.iterator(); it.hasNext(); ) {
            Fault fault = it.next();
            if (fault.method().equalsIgnoreCase(method)) {
                int index = list.indexOf(fault);
                Fault next = fault.consumedOnce();
                if (next.remaining() <= 0) {
                    list.remove(index);
                } else {
                    list.set(index, next);
                }
                return Optional.of(fault);
            }
        }
        return Optional.empty();
    }

    /** The active faults of {@code token}'s bot, oldest first. */
    public synchronized List<Fault> active(String token) {
        return List.copyOf(faults.getOrDefault(token, List.of()));
    }

    /** Removes the faults of {@code token}'s bot, or of every bot when {@code token} is null. */
    public synchronized void clear(String token) {
        if (token == null) {
            faults.clear();
        } else {
            faults.remove(token);
        }
    }
}
