package io.switchboard.conversation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.Customer;
import io.switchboard.conversation.domain.Note;
import io.switchboard.conversation.domain.Tag;
import io.switchboard.conversation.api.Topics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Records management: what a transcript reads, and the row locks and deletes behind bulk delete, retention and
 * erasure. Locks are always taken in conversation id order (customer first for erasure, as intake does), so two
 * deletions never deadlock each other or a customer's incoming message.
 */
@ApplicationScoped
@WithSession
public class RecordsRepository implements PanacheRepositoryBase<Conversation, UUID> {

    /** Those of {@code ids} that exist, locked {@code FOR UPDATE} (waits for other writers), in id order. */
    public Uni<List<Conversation>> lockByIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return getSession().chain(session -> session.createNativeQuery("""
                        select c.* from conversation c where c.id in (:ids) order by c.id for update""", Conversation.class)
                .setParameter("ids", ids)
                .getResultList());
    }

    /**
     * Up to {@code limit} CLOSED conversations with {@code closed_at} before {@code cutoff}, oldest-closed first,
     * locked {@code FOR UPDATE SKIP LOCKED}: rows another transaction holds (another replica's purge, a customer's
     * message reopening one) are left to it.
     */
    public Uni<List<Conversation>> lockClosedBefore(Instant cutoff, int limit) {
        return getSession().chain(session -> session.createNativeQuery("""
                        select c.* from conversation c
                        where c.status = 'CLOSED' and c.closed_at < :cutoff
                        order by c.closed_at, c.id limit :limit
                        for update skip locked""", Conversation.class)
                .setParameter("cutoff", cutoff)
                .setParameter("limit", limit)
                .getResultList());
    }

    /** The customer, locked {@code FOR UPDATE} (intake's upsert of the same customer waits), or null. */
    public Uni<Customer> lockCustomer(UUID customerId) {
        return getSession().chain(session -> session.createNativeQuery("""
                        select u.* from customer u where u.id = :id for update""", Customer.class)
                .setParameter("id", customerId)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** All conversations of a customer, locked {@code FOR UPDATE}, in id order. */
    public Uni<List<Conversation>> lockOfCustomer(UUID customerId) {
        return getSession().chain(session -> session.createNativeQuery("""
                        select c.* from conversation c where c.customer_id = :customerId order by c.id for update""",
                        Conversation.class)
                .setParameter("customerId", customerId)
                .getResultList());
    }

    /**
     * Deletes these conversations with their messages; notes, tag links, timers and system-message emissions go
     * with them ({@code ON DELETE CASCADE}). Audit entries and outbox rows stay (erasure deletes the outbox rows
     * first, {@link #deleteOutboxRows}).
     *
     * @return how many conversation rows were deleted
     */
    public Uni<Integer> deleteConversations(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return getSession().chain(session -> session.createNativeQuery("""
                                delete from message where conversation_id in (:ids)""")
                        .setParameter("ids", ids)
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery("delete from conversation where id in (:ids)")
                                .setParameter("ids", ids)
                                .executeUpdate()));
    }

    /**
     * Deletes the outbox rows, published or not, that carry something of these conversations or chats: on
     * {@code conversation.events} those keyed by one of {@code conversationIds}, on {@code telegram.commands} those
     * keyed by one of {@code chatIds} (commands are keyed by chat id). A row the relay is publishing right now is
     * waited for (row lock) and then deleted; rows queued by later transactions are untouched. No index on
     * {@code message_key}: a scan of the outbox, which {@code conversation.outbox.retention} keeps short.
     *
     * @return how many rows were deleted
     */
    public Uni<Integer> deleteOutboxRows(Collection<UUID> conversationIds, Collection<Long> chatIds) {
        List<String> conversationKeys = conversationIds.stream().map(UUID::toString).toList();
        List<String> chatKeys = chatIds.stream().map(String::valueOf).toList();
        if (conversationKeys.isEmpty() && chatKeys.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<String> matches = new ArrayList<>();
        if (!conversationKeys.isEmpty()) {
            matches.add("(topic = :eventsTopic and message_key in (:conversationKeys))");
        }
        if (!chatKeys.isEmpty()) {
            matches.add("(topic = :commandsTopic and message_key in (:chatKeys))");
        }
        String sql = "delete from outbox where " + String.join(" or ", matches);
        return getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            if (!conversationKeys.isEmpty()) {
                query.setParameter("eventsTopic", Topics.CONVERSATION_EVENTS).setParameter("conversationKeys", conversationKeys);
            }
            if (!chatKeys.isEmpty()) {
                query.setParameter("commandsTopic", io.switchboard.telegram.api.Topics.COMMANDS).setParameter("chatKeys", chatKeys);
            }
            return query.executeUpdate();
        });
    }

    /**
     * Keeps the audit entries of these conversations (who did what, when) but drops the states they recorded
     * ({@code before_state}, {@code after_state}), which may quote personal data.
     *
     * @return how many entries were changed
     */
    public Uni<Integer> forgetAuditStates(Collection<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return getSession().chain(session -> session.createNativeQuery("""
                        update audit_entry set before_state = null, after_state = null
                        where conversation_id in (:ids) and (before_state is not null or after_state is not null)""")
                .setParameter("ids", conversationIds)
                .executeUpdate());
    }

    /** Deletes the customer row; returns 1, or 0 when it was gone. */
    public Uni<Integer> deleteCustomer(UUID customerId) {
        return getSession().chain(session -> session.createNativeQuery("delete from customer where id = :id")
                .setParameter("id", customerId)
                .executeUpdate());
    }

    /** The customer's conversations, most recently opened first, at most {@code limit}. */
    public Uni<List<Conversation>> ofCustomer(UUID customerId, int limit) {
        return find("customerId = ?1 order by createdAt desc, id desc", customerId).page(0, limit).list();
    }

    /** One page of a conversation's private notes, oldest first ((created_at, id) after the given position). */
    public Uni<List<Note>> transcriptNotes(UUID conversationId, Instant afterCreatedAt, UUID afterId, int limit) {
        String keyset = afterCreatedAt == null ? "" : " and (n.createdAt, n.id) > (:afterCreatedAt, :afterId)";
        return getSession().chain(session -> {
            var query = session.createSelectionQuery("from Note n where n.conversationId = :conversationId" + keyset
                            + " order by n.createdAt, n.id", Note.class)
                    .setParameter("conversationId", conversationId)
                    .setMaxResults(limit);
            if (afterCreatedAt != null) {
                query.setParameter("afterCreatedAt", afterCreatedAt).setParameter("afterId", afterId);
            }
            return query.getResultList();
        });
    }

    /** The tags on a conversation, by name. */
    public Uni<List<Tag>> tags(UUID conversationId) {
        return getSession().chain(session -> session.createNativeQuery("""
                        select t.* from tag t join conversation_tag ct on ct.tag_id = t.id
                        where ct.conversation_id = :conversationId order by lower(t.name), t.id""", Tag.class)
                .setParameter("conversationId", conversationId)
                .getResultList());
    }
}
