package io.switchboard.conversation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.domain.Attachment;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The {@code attachment} table: files, locations and contacts of messages. */
@ApplicationScoped
@WithSession
public class AttachmentRepository implements PanacheRepositoryBase<Attachment, UUID> {

    /** The attachments of one message, in the order they were stored. */
    public Uni<List<Attachment>> ofMessage(UUID messageId) {
        return list("messageId = ?1 order by createdAt, id", messageId);
    }

    /** The attachments of these messages, by message id (messages without any are absent). */
    public Uni<Map<UUID, List<Attachment>>> ofMessages(Collection<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return list("messageId in ?1 order by createdAt, id", messageIds).map(rows -> {
            Map<UUID, List<Attachment>> byMessage = new LinkedHashMap<>();
            for (Attachment a : rows) {
                byMessage.computeIfAbsent(a.messageId, id -> new java.util.ArrayList<>()).add(a);
            }
            return byMessage;
        });
    }
}
