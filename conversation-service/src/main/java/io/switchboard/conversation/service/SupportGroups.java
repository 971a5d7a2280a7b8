package io.switchboard.conversation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.domain.SupportGroup;
import io.switchboard.conversation.repository.SettingRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configured support group (see {@link SupportGroup}): read by {@link ForumTopics} whenever a topic is to be
 * created, changed by admins through {@code /api/admin/telegram/support-group}. Changes are audited
 * ({@code telegram.support_group.linked} / {@code telegram.support_group.unlinked}).
 */
@ApplicationScoped
public class SupportGroups {

    /** Key of the setting row. */
    public static final String KEY = "telegram.support_group_chat_id";

    private static final Logger LOG = Logger.getLogger(SupportGroups.class);

    private final SettingRepository settings;
    private final AuditTrail audit;
    private final ObjectMapper mapper;
    private final Clock clock;

    public SupportGroups(SettingRepository settings, AuditTrail audit, ObjectMapper mapper, Clock clock) {
        this.settings = settings;
        this.audit = audit;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The configured group, or null; in the caller's session (or a new one). */
    public Uni<SupportGroup> current() {
        return settings.read(KEY).map(this::parse);
    }

    /** The configured group, or null. */
    @WithSession
    public Uni<SupportGroup> get() {
        return current();
    }

    /**
     * Configures {@code chatId} as the support group (replacing any other). New conversations get topics there from
     * now on; existing topics stay where they are.
     *
     * @param chatId a negative int64 (checked by the caller)
     */
    @WithTransaction
    public Uni<SupportGroup> link(long chatId, Actor actor) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        SupportGroup group = new SupportGroup(chatId, now);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("chatId", chatId);
        value.put("linkedAt", now.toString());
        String json;
        try {
            json = mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("cannot serialise the support group", e));
        }
        return current().chain(before -> settings.write(KEY, json, actor.id(), now)
                        .call(() -> audit.record(null, actor, "telegram.support_group.linked",
                                before == null ? null : Map.of("chatId", before.chatId()), Map.of("chatId", chatId), now)))
                .replaceWith(group);
    }

    /**
     * Removes the support group: no topics are created any more.
     *
     * @return false when none was configured
     */
    @WithTransaction
    public Uni<Boolean> unlink(Actor actor) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return current().chain(before -> before == null ? Uni.createFrom().item(false)
                : Panache.getSession().chain(session -> session.createNativeQuery("delete from setting where key = :key")
                        .setParameter("key", KEY).executeUpdate())
                .call(() -> audit.record(null, actor, "telegram.support_group.unlinked",
                        Map.of("chatId", before.chatId()), null, now))
                .replaceWith(true));
    }

    private SupportGroup parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(json);
            JsonNode chatId = node.path("chatId");
            if (!chatId.canConvertToLong()) {
                LOG.warnf("Setting %s has no chatId; ignored", KEY);
                return null;
            }
            JsonNode linkedAt = node.path("linkedAt");
            return new SupportGroup(chatId.longValue(), linkedAt.isTextual() ? Instant.parse(linkedAt.textValue()) : null);
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("Setting %s is unreadable; ignored", KEY);
            return null;
        }
    }
}
