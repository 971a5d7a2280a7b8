package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.api.ConversationDeleted;
import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.Customer;
import io.switchboard.conversation.repository.RecordsRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One transaction of a deletion: locks a chunk of conversations, writes one {@code conversation.deleted} audit entry
 * and one {@link ConversationDeleted} event (outbox) per conversation, then deletes them with their messages, notes,
 * tag links, timers and system-message emissions. A chunk commits or rolls back as a whole. Bulk delete and retention
 * leave outbox rows alone (published ones expire by {@code conversation.outbox.retention}); erasure deletes the
 * customer's rows first.
 *
 * <p>{@link ConversationDeletions} and {@link CustomerRecords} split work into chunks and call these methods one
 * after the other, each in its own transaction.
 */
@ApplicationScoped
public class ConversationPurge {

    /** Audit action per deleted conversation. */
    public static final String DELETED = "conversation.deleted";
    /** Audit action of an erasure (no conversation id; {@code after} = {@code {customerId, conversations}}). */
    public static final String ERASED = "customer.erased";

    private final RecordsRepository records;
    private final AuditTrail audit;
    private final Outbox outbox;

    public ConversationPurge(RecordsRepository records, AuditTrail audit, Outbox outbox) {
        this.records = records;
        this.audit = audit;
        this.outbox = outbox;
    }

    /**
     * Deletes those of {@code ids} that exist, whatever their status, waiting for rows other transactions hold.
     * Reason {@value ConversationDeleted#BULK}.
     *
     * @return how many were deleted
     */
    @WithTransaction
    public Uni<Integer> deleteByIds(Collection<UUID> ids, Actor actor, Instant now) {
        return records.lockByIds(ids).chain(rows -> purge(rows, actor, ConversationDeleted.BULK, true, now));
    }

    /**
     * Deletes up to {@code limit} conversations CLOSED before {@code cutoff}, oldest-closed first, skipping rows
     * another transaction holds ({@code SKIP LOCKED}: several replicas share the work, none deletes one twice).
     *
     * @param actor  the admin, or null for the retention job
     * @param reason {@value ConversationDeleted#BULK} or {@value ConversationDeleted#RETENTION}
     * @return how many were deleted (fewer than {@code limit}: nothing more to do now)
     */
    @WithTransaction
    public Uni<Integer> deleteClosedBefore(Instant cutoff, int limit, Actor actor, String reason, Instant now) {
        return records.lockClosedBefore(cutoff, limit).chain(rows -> purge(rows, actor, reason, true, now));
    }

    /**
     * Erases a customer: every outbox row, published or not, of their conversations ({@code conversation.events}
     * keyed by one of their conversation ids) and of their Telegram chat ({@code telegram.commands} keyed by its chat
     * id), so nothing of theirs is published afterwards; then every conversation of theirs (as {@link #deleteByIds},
     * reason {@value ConversationDeleted#ERASURE}: these {@code conversation.deleted} events, which carry only ids, are
     * queued after the deletion and do go out), the customer row, and the {@code before}/{@code after} states of the
     * audit entries of those conversations (ids, actors, actions and times stay). Ends with one {@value #ERASED} entry
     * {@code {customerId, conversations}}, which holds no personal data.
     *
     * @return how many conversations were deleted
     * @throws UnknownCustomerException no such customer
     */
    @WithTransaction
    public Uni<Integer> eraseCustomer(UUID customerId, Actor actor, Instant now) {
        return records.lockCustomer(customerId)
                .onItem().ifNull().failWith(() -> new UnknownCustomerException(customerId))
                .chain(customer -> records.lockOfCustomer(customerId)
                        // before purge() queues the conversation.deleted events, which must go out
                        .call(rows -> records.deleteOutboxRows(rows.stream().map(c -> c.id).toList(), chatIds(customer, rows))))
                .chain(rows -> records.forgetAuditStates(rows.stream().map(c -> c.id).toList())
                        .chain(() -> purge(rows, actor, ConversationDeleted.ERASURE, false, now)))
                .call(() -> records.deleteCustomer(customerId))
                .call(deleted -> {
                    Map<String, Object> after = new LinkedHashMap<>();
                    after.put("customerId", customerId);
                    after.put("conversations", deleted);
                    return audit.record(null, actor, ERASED, null, after, now);
                });
    }

    /** The Telegram chats of the customer and their conversations (none for a widget customer). */
    private static Set<Long> chatIds(Customer customer, List<Conversation> rows) {
        Set<Long> chats = new LinkedHashSet<>();
        if (customer.telegramChatId != null) {
            chats.add(customer.telegramChatId);
        }
        for (Conversation c : rows) {
            if (c.telegramChatId != null) {
                chats.add(c.telegramChatId);
            }
        }
        return chats;
    }

    private Uni<Integer> purge(List<Conversation> rows, Actor actor, String reason, boolean keepState, Instant now) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Uni<Void> written = Uni.createFrom().voidItem();
        for (Conversation c : rows) {
            Map<String, Object> before = null;
            if (keepState) {
                before = new LinkedHashMap<>();
                before.put("codename", c.codename);
                before.put("status", c.status.name());
            }
            Map<String, Object> state = before;
            written = written
                    .call(() -> audit.record(c.id, actor, DELETED, state, null, now))
                    .call(() -> outbox.event(new ConversationDeleted(UUID.randomUUID(), 1, now, c.id, reason), now));
        }
        List<UUID> ids = rows.stream().map(c -> c.id).toList();
        return written.chain(() -> records.deleteConversations(ids));
    }
}
