package io.switchboard.emulator.service;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.emulator.config.EmulatorConfig;
import io.switchboard.emulator.domain.RecordedCall;

/**
 * Every Bot API call the emulator answered, oldest first, bounded by {@code emulator.max-recorded-calls}.
 */
@ApplicationScoped
public class CallJournal {

    private final int capacity;
    private final Deque<RecordedCall> calls = new ArrayDeque<>();
    private long seq;

    CallJournal(EmulatorConfig config) {
        this.capacity = Math.max(1, config.maxRecordedCalls());
    }

    /** Appends a call and returns it with its sequence number. */
    public synchronized RecordedCall record(String token, long botId, String method, JsonNode params, int status,
            JsonNode response, Instant at) {
        boolean ok = response.path("ok").asBoolean(false);
        RecordedCall call = new RecordedCall(++seq, token, botId, method, params, status,
                ok ? null : Integer.valueOf(response.path("error_code").asInt(status)),
                ok ? null : response.path("description").asText(null), response, at);
        calls.addLast(call);
        while (calls.size() > capacity) {
            calls.removeFirst();
        }
        return call;
    }

    /**
     * Recorded calls, oldest first; every filter is optional (null = any).
     *
     * @param method canonical method name, compared case-insensitively ({@code sendmessage} finds sendMessage)
     * @param chatId the {@code chat_id} parameter as text
     * @param token  the bot token
     * @param since  only calls with a greater {@code seq}
     */
    public synchronized List<RecordedCall> find(String method, String chatId, String token, Long since) {
        return calls.stream()
                .filter(c -> method == null || c.method().equalsIgnoreCase(method))
                .filter(c -> chatId == null || (c.params().hasNonNull("chat_id") && c.params().get("chat_id").asText().equals(chatId)))
                .filter(c -> token == null || token.equals(c.token()))
                .filter(c -> since == null || c.seq() > since)
                .toList();
    }

    /** Forgets every call (sequence numbers keep increasing). */
    public synchronized void clear() {
        calls.clear();
    }
}
