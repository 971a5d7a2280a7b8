package io.switchboard.conversation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.conversation.config.ConversationConfig;
import io.switchboard.conversation.domain.TimerSettings;
import io.switchboard.conversation.repository.SettingRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The timer thresholds (setting {@code timers}) with a short in-memory cache: a replica re-reads them at most once
 * per {@code conversation.timers.settings-cache} (default 5 s, measured on the JVM's monotonic clock, not the
 * business {@link java.time.Clock}). {@link #save} refreshes this replica's copy at once; other replicas pick the
 * change up when their copy expires. Missing fields fall back to {@link TimerSettings#DEFAULTS}.
 */
@ApplicationScoped
public class TimerSettingsStore {

    /** Key of the row in {@code setting}. */
    public static final String KEY = "timers";

    private static final Logger LOG = Logger.getLogger(TimerSettingsStore.class);

    private record Cached(TimerSettings settings, long loadedAtNanos) {
    }

    private final SettingRepository settings;
    private final ObjectMapper mapper;
    private final long ttlNanos;
    private final AtomicReference<Cached> cache = new AtomicReference<>();

    public TimerSettingsStore(SettingRepository settings, ObjectMapper mapper, ConversationConfig config) {
        this.settings = settings;
        this.mapper = mapper;
        this.ttlNanos = config.timers().settingsCache().toNanos();
    }

    /** The thresholds, from the cache when it is fresh, else read in the caller's session. */
    public Uni<TimerSettings> current() {
        Cached cached = cache.get();
        if (cached != null && System.nanoTime() - cached.loadedAtNanos() < ttlNanos) {
            return Uni.createFrom().item(cached.settings());
        }
        return load();
    }

    /** Reads the thresholds from the database (in the caller's session) and refreshes the cache. */
    public Uni<TimerSettings> load() {
        long started = System.nanoTime();
        return settings.read(KEY).map(json -> {
            TimerSettings loaded = parse(json);
            cache.set(new Cached(loaded, started));
            return loaded;
        });
    }

    /**
     * Stores new thresholds in the caller's transaction. Call {@link #remember} after the commit so this replica
     * uses them at once.
     */
    public Uni<Void> save(TimerSettings value, UUID adminId, Instant now) {
        String json;
        try {
            json = mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("cannot serialise the timer settings", e));
        }
        return settings.write(KEY, json, adminId, now);
    }

    /** Puts committed thresholds in this replica's cache. */
    public void remember(TimerSettings value) {
        cache.set(new Cached(value, System.nanoTime()));
    }

    /** Drops this replica's copy: the next {@link #current()} reads the database. */
    public void invalidate() {
        cache.set(null);
    }

    private TimerSettings parse(String json) {
        if (json == null) {
            return TimerSettings.DEFAULTS;
        }
        try {
            JsonNode node = mapper.readTree(json);
            Map<String, Integer> values = new java.util.HashMap<>();
            for (String name : TimerSettings.NAMES) {
                JsonNode value = node.get(name);
                values.put(name, value != null && value.canConvertToInt() ? value.asInt() : TimerSettings.DEFAULTS.seconds(name));
            }
            TimerSettings parsed = new TimerSettings(values.get(TimerSettings.FIRST_REMINDER),
                    values.get(TimerSettings.SECOND_REMINDER), values.get(TimerSettings.AUTO_CLOSE_UNANSWERED),
                    values.get(TimerSettings.AUTO_CLOSE_AFTER_REPLY));
            if (!parsed.problems().isEmpty()) {
                LOG.warnf("Ignoring invalid timer settings %s: %s", json, parsed.problems());
                return TimerSettings.DEFAULTS;
            }
            return parsed;
        } catch (JsonProcessingException e) {
            LOG.warnf("Ignoring unreadable timer settings %s", json);
            return TimerSettings.DEFAULTS;
        }
    }
}
