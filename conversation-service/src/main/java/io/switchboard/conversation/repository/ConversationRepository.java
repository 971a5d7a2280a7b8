package io.switchboard.conversation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.ConversationStatus;
import io.switchboard.conversation.domain.MessageDirection;
import io.switchboard.conversation.domain.MessageStatus;
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
     * One page of conversations that pass {@code filter}, most recently active first: ordered by (updated_at, id)
     * descending, starting after the position {@code (afterUpdatedAt, afterId)} when given.
     *
     * <p>Plans (100k conversations): every filter but {@code text} walks an index in (updated_at, id) order and stops
     * after {@code limit} rows (unread: the partial index {@code conversation_unread_updated_idx}; tag: from
     * {@code conversation_tag} when the tag is rare). With {@code text}, the codename matches and the customer
     * matches are two separately limited branches (each either walks updated_at or starts from the trigram index,
     * whichever the planner finds cheaper), merged by id.
     *
     * @param limit at most this many rows
     */
    public Uni<List<Conversation>> page(ConversationFilter filter, Instant afterUpdatedAt, UUID afterId, int limit) {
        StringBuilder where = new StringBuilder("c.status in (:statuses)");
        if (filter.assigneeId() != null) {
            where.append(" and c.assignee_id = :assigneeId");
        }
        if (filter.unassigned()) {
            where.append(" and c.assignee_id is null");
        }
        if (filter.tagId() != null) {
            where.append(" and exists (select 1 from conversation_tag ct where ct.conversation_id = c.id and ct.tag_id = :tagId)");
        }
        if (filter.unreadOnly()) {
            // the predicate of the partial index conversation_unread_updated_idx, literally
            where.append(" and c.last_inbound_at > coalesce(c.last_read_at, cast('-infinity' as timestamptz))");
        }
        if (afterUpdatedAt != null) {
            where.append(" and (c.updated_at, c.id) < (:afterUpdatedAt, :afterId)");
        }
        String order = " order by c.updated_at desc, c.id desc limit :limit";
        String sql;
        if (filter.text() == null) {
            sql = "select c.* from conversation c where " + where + order;
        } else {
            sql = "select c.* from conversation c where c.id in ("
                    + "(select c.id from conversation c where " + where + " and c.codename ilike :pattern escape '!'" + order + ")"
                    + " union (select c.id from conversation c join customer u on u.id = c.customer_id where " + where
                    + " and (u.display_name ilike :pattern escape '!' or u.username ilike :pattern escape '!'"
                    + " or u.nickname ilike :pattern escape '!')" + order + "))" + order;
        }
        List<String> states = filter.statuses().stream().map(Enum::name).toList();
        return getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Conversation.class)
                    .setParameter("statuses", states)
                    .setParameter("limit", limit);
            if (filter.assigneeId() != null) {
                query.setParameter("assigneeId", filter.assigneeId());
            }
            if (filter.tagId() != null) {
                query.setParameter("tagId", filter.tagId());
            }
            if (filter.text() != null) {
                query.setParameter("pattern", LikePattern.containing(filter.text()));
            }
            if (afterUpdatedAt != null) {
                query.setParameter("afterUpdatedAt", afterUpdatedAt).setParameter("afterId", afterId);
            }
            return query.getResultList();
        });
    }

    /**
     * How many conversations each list tab holds for operator {@code operatorId}: {@code [unclaimed, mine (held by
     * them and open), open (any open state), closed, blocked]}. One statement of five index-only counts.
     */
    public Uni<long[]> counts(UUID operatorId) {
        return getSession().chain(session -> session.createNativeQuery("""
                        select (select count(*) from conversation where status = 'OPEN_UNCLAIMED'),
                               (select count(*) from conversation where assignee_id = :me
                                   and status in ('OPEN_UNCLAIMED', 'OPEN_ASSIGNED', 'AWAITING_CUSTOMER')),
                               (select count(*) from conversation
                                   where status in ('OPEN_UNCLAIMED', 'OPEN_ASSIGNED', 'AWAITING_CUSTOMER')),
                               (select count(*) from conversation where status = 'CLOSED'),
                               (select count(*) from conversation where status = 'BLOCKED')""", Object[].class)
                        .setParameter("me", operatorId)
                        .getSingleResult())
                .map(row -> {
                    long[] counts = new long[row.length];
                    for (int i = 0; i < row.length; i++) {
                        counts[i] = ((Number) row[i]).longValue();
                    }
                    return counts;
                });
    }

    /**
     * Unread INBOUND messages per conversation: those created after the conversation's {@code last_read_at}, all of
     * them when it was never read; BLOCKED ones (never shown to operators) do not count. Conversations without unread messages are absent from the map.
     */
    public Uni<Map<UUID, Long>> unreadCounts(Collection<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return getSession().chain(session -> session.createSelectionQuery("""
                        select m.conversationId, count(m) from Message m, Conversation c
                        where c.id = m.conversationId and m.conversationId in :ids and m.direction = :inbound
                          and m.status <> :blocked and (c.lastReadAt is null or m.createdAt > c.lastReadAt)
                        group by m.conversationId""", Object[].class)
                        .setParameter("ids", conversationIds)
                        .setParameter("inbound", MessageDirection.INBOUND)
                        .setParameter("blocked", MessageStatus.BLOCKED)
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

    /**
     * Sets {@code last_chat_action_at} to {@code now} when it is null or before {@code notAfter} — a conditional
     * update, so of concurrent callers (any replica) at most one wins per interval.
     *
     * @return true when this call moved it (the caller may send the chat action)
     */
    public Uni<Boolean> takeChatActionSlot(UUID id, Instant now, Instant notAfter) {
        return getSession().chain(session -> session.createNativeQuery("""
                        update conversation set last_chat_action_at = :now
                        where id = :id and (last_chat_action_at is null or last_chat_action_at < :notAfter)""")
                .setParameter("now", now)
                .setParameter("id", id)
                .setParameter("notAfter", notAfter)
                .executeUpdate()).map(rows -> rows == 1);
    }
}
