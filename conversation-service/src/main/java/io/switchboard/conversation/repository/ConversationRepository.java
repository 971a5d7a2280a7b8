package io.switchboard.conversation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.ConversationStatus;
import io.switchboard.conversation.domain.MessageDirection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The {@code conversation} table. */
@ApplicationScoped
@WithSession
public class ConversationRepository implements PanacheRepositoryBase<Conversation, UUID> {

    private static final List<ConversationStatus> CLOSED_STATES = List.of(ConversationStatus.CLOSED, ConversationStatus.BLOCKED);

    /** The customer's open conversation (status not CLOSED/BLOCKED), or null. */
    public Uni<Conversation> findOpenForCustomer(UUID customerId) {
        return find("customerId = ?1 and status not in ?2", customerId, CLOSED_STATES).firstResult();
    }

    /** Whether a conversation that is not CLOSED already uses {@code codename}. */
    public Uni<Boolean> codenameInUse(String codename) {
        return count("codename = ?1 and status <> ?2", codename, ConversationStatus.CLOSED).map(n -> n > 0);
    }

    /**
     * One page of conversations, most recently active first: ordered by (updated_at, id) descending, starting after
     * the position {@code (afterUpdatedAt, afterId)} when given.
     *
     * @param statuses only these states
     * @param limit    at most this many rows
     */
    public Uni<List<Conversation>> page(Collection<ConversationStatus> statuses, Instant afterUpdatedAt, UUID afterId,
                                        int limit) {
        String keyset = afterUpdatedAt == null ? "" : " and (c.updated_at, c.id) < (:afterUpdatedAt, :afterId)";
        List<String> states = statuses.stream().map(Enum::name).toList();
        return getSession().chain(session -> {
            var query = session.createNativeQuery("select c.* from conversation c where c.status in (:statuses)"
                            + keyset + " order by c.updated_at desc, c.id desc limit :limit", Conversation.class)
                    .setParameter("statuses", states)
                    .setParameter("limit", limit);
            if (afterUpdatedAt != null) {
                query.setParameter("afterUpdatedAt", afterUpdatedAt).setParameter("afterId", afterId);
            }
            return query.getResultList();
        });
    }

    /**
     * Unread INBOUND messages per conversation: those created after the conversation's {@code last_read_at}, all of
     * them when it was never read. Conversations without unread messages are absent from the map.
     */
    public Uni<Map<UUID, Long>> unreadCounts(Collection<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return getSession().chain(session -> session.createSelectionQuery("""
                        select m.conversationId, count(m) from Message m, Conversation c
                        where c.id = m.conversationId and m.conversationId in :ids and m.direction = :inbound
                          and (c.lastReadAt is null or m.createdAt > c.lastReadAt)
                        group by m.conversationId""", Object[].class)
                        .setParameter("ids", conversationIds)
                        .setParameter("inbound", MessageDirection.INBOUND)
                        .getResultList())
                .map(rows -> {
                    Map<UUID, Long> counts = new HashMap<>();
                    for (Object[] row : rows) {
                        counts.put((UUID) row[0], ((Number) row[1]).longValue());
                    }
                    return counts;
                });
    }

    /**
     * Sets {@code last_read_at} to {@code now}.
     *
     * @return false when the conversation does not exist
     */
    public Uni<Boolean> markRead(UUID id, Instant now) {
        return update("lastReadAt = ?1 where id = ?2", now, id).map(rows -> rows > 0);
    }
}
