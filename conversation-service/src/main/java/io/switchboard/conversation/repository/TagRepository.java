package io.switchboard.conversation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.api.TagSummary;
import io.switchboard.conversation.domain.Tag;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The {@code tag} table and the links in {@code conversation_tag}. */
@ApplicationScoped
@WithSession
public class TagRepository implements PanacheRepositoryBase<Tag, UUID> {

    /** Every tag, by name (ignoring case). */
    public Uni<List<Tag>> listByName() {
        return list("order by lower(name), id");
    }

    /** The tag named {@code name} ignoring case, or null. */
    public Uni<Tag> findByName(String name) {
        return find("lower(name) = lower(?1)", name).firstResult();
    }

    /**
     * Links the tag to the conversation unless it is linked already.
     *
     * @return true when this call linked it
     */
    public Uni<Boolean> attach(UUID conversationId, UUID tagId, UUID operatorId, Instant now) {
        return getSession().chain(session -> session.createNativeQuery("""
                        insert into conversation_tag (conversation_id, tag_id, attached_at, attached_by)
                        values (:conversationId, :tagId, :now, :operatorId)
                        on conflict (conversation_id, tag_id) do nothing""")
                        .setParameter("conversationId", conversationId)
                        .setParameter("tagId", tagId)
                        .setParameter("now", now)
                        .setParameter("operatorId", operatorId)
                        .executeUpdate())
                .map(rows -> rows == 1);
    }

    /**
     * Removes the link between the tag and the conversation.
     *
     * @return true when there was one
     */
    public Uni<Boolean> detach(UUID conversationId, UUID tagId) {
        return getSession().chain(session -> session
                        .createNativeQuery("delete from conversation_tag where conversation_id = :conversationId and tag_id = :tagId")
                        .setParameter("conversationId", conversationId)
                        .setParameter("tagId", tagId)
                        .executeUpdate())
                .map(rows -> rows == 1);
    }

    /**
     * The tags of each conversation, by name (ignoring case). Conversations without tags are absent from the map.
     */
    public Uni<Map<UUID, List<TagSummary>>> tagsOf(Collection<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return getSession().chain(session -> session.createNativeQuery("""
                        select ct.conversation_id, t.id, t.name, t.color
                        from conversation_tag ct join tag t on t.id = ct.tag_id
                        where ct.conversation_id in (:ids)
                        order by lower(t.name), t.id""", Object[].class)
                        .setParameter("ids", conversationIds)
                        .getResultList())
                .map(rows -> {
                    Map<UUID, List<TagSummary>> tags = new HashMap<>();
                    for (Object[] row : rows) {
                        tags.computeIfAbsent((UUID) row[0], id -> new ArrayList<>())
                                .add(new TagSummary((UUID) row[1], (String) row[2], ((String) row[3]).trim()));
                    }
                    return tags;
                });
    }
}
