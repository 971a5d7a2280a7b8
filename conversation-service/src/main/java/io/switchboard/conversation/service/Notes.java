package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.api.NoteAdded;
import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.domain.Note;
import io.switchboard.conversation.mapping.OperatorToolMapper;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.repository.NoteRepository;
import io.switchboard.conversation.rest.NoteView;
import io.switchboard.conversation.rest.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Private notes on conversations, for operators only. Adding one stores the note, writes {@code note.added} to the
 * audit log and the {@code note.added} event (operators only) to the outbox. A note is not a message: it never
 * produces a channel command (no {@code telegram.commands} record) and never appears among the messages.
 */
@ApplicationScoped
public class Notes {

    private final NoteRepository notes;
    private final ConversationRepository conversations;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final Clock clock;

    public Notes(NoteRepository notes, ConversationRepository conversations, AuditTrail audit, Outbox outbox, Clock clock) {
        this.notes = notes;
        this.conversations = conversations;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * A conversation's notes, oldest first (created_at, id ascending).
     *
     * @param after position after which the page starts, or null for the first page
     * @throws UnknownConversationException when the conversation does not exist
     */
    @WithSession
    public Uni<Page<NoteView>> list(UUID conversationId, int limit, Cursor after) {
        return conversations.findById(conversationId)
                .onItem().ifNull().failWith(() -> new UnknownConversationException(conversationId))
                .chain(() -> notes.page(conversationId, after == null ? null : after.at(),
                        after == null ? null : after.id(), limit + 1))
                .map(rows -> {
                    List<Note> page = rows.size() > limit ? rows.subList(0, limit) : rows;
                    Note last = page.isEmpty() ? null : page.get(page.size() - 1);
                    String next = rows.size() > limit ? new Cursor(last.createdAt, last.id).encode() : null;
                    return new Page<>(page.stream().map(OperatorToolMapper::view).toList(), next);
                });
    }

    /**
     * Adds a note by {@code actor}; allowed in every state (also CLOSED and BLOCKED conversations).
     *
     * @param text validated: 1..4000 characters, not blank; kept exactly
     * @throws UnknownConversationException when the conversation does not exist
     */
    @WithTransaction
    public Uni<NoteView> add(Actor actor, UUID conversationId, String text) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        return conversations.findById(conversationId)
                .onItem().ifNull().failWith(() -> new UnknownConversationException(conversationId))
                .chain(() -> notes.persist(Note.by(actor, conversationId, text, now)))
                .call(note -> audit.record(conversationId, actor, "note.added", null,
                        Map.of("noteId", note.id, "text", note.text), now))
                .call(note -> outbox.event(new NoteAdded(UUID.randomUUID(), 1, now, conversationId,
                        OperatorToolMapper.snapshot(note)), now))
                .map(OperatorToolMapper::view);
    }
}
