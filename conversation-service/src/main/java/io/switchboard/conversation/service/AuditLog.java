package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.domain.AuditEntry;
import io.switchboard.conversation.mapping.OperatorToolMapper;
import io.switchboard.conversation.repository.AuditRepository;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.rest.AuditEntryView;
import io.switchboard.conversation.rest.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** Reading the audit log (written by {@link AuditTrail}): per conversation, and the whole log for admins. */
@ApplicationScoped
public class AuditLog {

    private final AuditRepository entries;
    private final ConversationRepository conversations;

    public AuditLog(AuditRepository entries, ConversationRepository conversations) {
        this.entries = entries;
        this.conversations = conversations;
    }

    /**
     * What was done to one conversation, newest first (occurred_at, id descending).
     *
     * @param after position after which the page starts, or null for the first page
     * @throws UnknownConversationException when the conversation does not exist
     */
    @WithSession
    public Uni<Page<AuditEntryView>> forConversation(UUID conversationId, int limit, Cursor after) {
        return conversations.findById(conversationId)
                .onItem().ifNull().failWith(() -> new UnknownConversationException(conversationId))
                .chain(() -> page(conversationId, null, null, limit, after));
    }

    /**
     * The whole audit log, newest first.
     *
     * @param action  only this action (e.g. {@code tag.attached}), or null
     * @param actorId only this operator's actions, or null
     */
    @WithSession
    public Uni<Page<AuditEntryView>> all(String action, UUID actorId, int limit, Cursor after) {
        return page(null, action, actorId, limit, after);
    }

    private Uni<Page<AuditEntryView>> page(UUID conversationId, String action, UUID actorId, int limit, Cursor after) {
        return entries.page(conversationId, action, actorId, after == null ? null : after.at(),
                        after == null ? null : after.id(), limit + 1)
                .map(rows -> {
                    List<AuditEntry> page = rows.size() > limit ? rows.subList(0, limit) : rows;
                    AuditEntry last = page.isEmpty() ? null : page.get(page.size() - 1);
                    String next = rows.size() > limit ? new Cursor(last.occurredAt, last.id).encode() : null;
                    return new Page<>(page.stream().map(OperatorToolMapper::view).toList(), next);
                });
    }
}
