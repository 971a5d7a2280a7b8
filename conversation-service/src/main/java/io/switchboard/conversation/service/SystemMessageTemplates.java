package io.switchboard.conversation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.domain.SystemMessageKey;
import io.switchboard.conversation.domain.SystemMessageTemplate;
import io.switchboard.conversation.repository.SystemMessageTemplateRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Admin access to the system-message templates: list, read, replace (audited as {@code system_message.updated}). */
@ApplicationScoped
public class SystemMessageTemplates {

    /**
     * A template as admins see it.
     *
     * @param audience {@code customer} or {@code operators} (fixed per key)
     * @param texts    locale → text, locales sorted
     */
    public record Template(String key, String audience, Map<String, String> texts, boolean widgetBanner,
                           boolean transcriptBubble, boolean telegram, boolean pin, int rateLimitSeconds,
                           Instant updatedAt) {
    }

    /** New values of a template (already validated). */
    public record Update(Map<String, String> texts, boolean widgetBanner, boolean transcriptBubble, boolean telegram,
                         boolean pin, int rateLimitSeconds) {
    }

    private static final TypeReference<TreeMap<String, String>> TEXTS = new TypeReference<>() {
    };

    private final SystemMessageTemplateRepository templates;
    private final AuditTrail audit;
    private final ObjectMapper mapper;
    private final Clock clock;

    public SystemMessageTemplates(SystemMessageTemplateRepository templates, AuditTrail audit, ObjectMapper mapper,
                                  Clock clock) {
        this.templates = templates;
        this.audit = audit;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Every template, in {@link SystemMessageKey} order (keys without a row are left out). */
    @WithSession
    public Uni<List<Template>> list() {
        return templates.listAll().map(rows -> {
            List<Template> views = new ArrayList<>();
            for (SystemMessageTemplate row : rows) {
                SystemMessageKey.of(row.key).ifPresent(key -> views.add(view(key, row)));
            }
            views.sort(Comparator.comparingInt(t -> SystemMessageKey.of(t.key()).orElseThrow().ordinal()));
            return views;
        });
    }

    /** One template, or null when {@code key} is not a template. */
    @WithSession
    public Uni<Template> get(String key) {
        SystemMessageKey known = SystemMessageKey.of(key).orElse(null);
        if (known == null) {
            return Uni.createFrom().nullItem();
        }
        return templates.findById(key).map(row -> row == null ? null : view(known, row));
    }

    /**
     * Replaces a template's texts and flags and records {@code system_message.updated} (before/after).
     *
     * @return the updated template, or null when {@code key} is not a template
     */
    @WithTransaction
    public Uni<Template> update(String key, Update update, Actor admin) {
        SystemMessageKey known = SystemMessageKey.of(key).orElse(null);
        if (known == null) {
            return Uni.createFrom().nullItem();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return templates.findById(key).chain(row -> {
            boolean created = row == null;
            SystemMessageTemplate target = created ? new SystemMessageTemplate() : row;
            Template before = created ? null : view(known, target);
            target.key = key;
            try {
                target.texts = mapper.writeValueAsString(new TreeMap<>(update.texts()));
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(new IllegalStateException("cannot serialise texts", e));
            }
            target.widgetBanner = update.widgetBanner();
            target.transcriptBubble = update.transcriptBubble();
            target.telegram = update.telegram();
            target.pin = update.pin();
            target.rateLimitSeconds = update.rateLimitSeconds();
            target.updatedAt = now;
            target.updatedBy = admin.id();
            Uni<SystemMessageTemplate> saved = created ? templates.persist(target) : Uni.createFrom().item(target);
            return saved.map(t -> view(known, t))
                    .call(after -> audit.record(null, admin, "system_message.updated",
                            before == null ? null : auditState(before), auditState(after), now));
        });
    }

    private Template view(SystemMessageKey key, SystemMessageTemplate row) {
        Map<String, String> texts;
        try {
            texts = mapper.readValue(row.texts, TEXTS);
        } catch (JsonProcessingException e) {
            texts = Map.of();
        }
        return new Template(row.key, key.audience().wire(), texts, row.widgetBanner, row.transcriptBubble,
                row.telegram, row.pin, row.rateLimitSeconds, row.updatedAt);
    }

    private static Map<String, Object> auditState(Template t) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("key", t.key());
        state.put("texts", t.texts());
        state.put("widgetBanner", t.widgetBanner());
        state.put("transcriptBubble", t.transcriptBubble());
        state.put("telegram", t.telegram());
        state.put("pin", t.pin());
        state.put("rateLimitSeconds", t.rateLimitSeconds());
        return state;
    }
}
