package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.api.ActorSummary;
import io.switchboard.conversation.api.ConversationTagged;
import io.switchboard.conversation.api.ConversationUntagged;
import io.switchboard.conversation.api.TagSummary;
import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.domain.Tag;
import io.switchboard.conversation.mapping.OperatorToolMapper;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.repository.TagRepository;
import io.switchboard.conversation.rest.ConversationView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Tags: any operator creates them and attaches them to conversations; admins delete them. Attaching and detaching
 * are idempotent; a change writes {@code tag.attached} / {@code tag.detached} to the audit log and
 * {@code conversation.tagged} / {@code conversation.untagged} to the outbox, in the same transaction.
 */
@ApplicationScoped
public class Tags {

    private final TagRepository tags;
    private final ConversationRepository conversations;
    private final ConversationQueries queries;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final Clock clock;

    public Tags(TagRepository tags, ConversationRepository conversations, ConversationQueries queries, AuditTrail audit,
                Outbox outbox, Clock clock) {
        this.tags = tags;
        this.conversations = conversations;
        this.queries = queries;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * The outcome of attaching or detaching.
     *
     * @param conversation the conversation afterwards
     * @param changed      false when there was nothing to do (already attached / not attached)
     */
    public record Change(ConversationView conversation, boolean changed) {
    }

    /** Every tag, by name ignoring case. */
    @WithSession
    public Uni<List<TagSummary>> list() {
        return tags.listByName().map(rows -> rows.stream().map(OperatorToolMapper::summary).toList());
    }

    /**
     * Creates a tag; audit {@code tag.created}.
     *
     * @param name  validated, trimmed
     * @param color validated {@code #rrggbb}, lower-case
     * @throws RefusedException CONFLICT when a tag with that name (ignoring case) exists
     */
    @WithTransaction
    public Uni<TagSummary> create(Actor actor, String name, String color) {
        Instant now = now();
        return tags.findByName(name).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(duplicate(existing.name));
            }
            Tag tag = new Tag();
            tag.id = UUID.randomUUID();
            tag.name = name;
            tag.color = color;
            tag.createdAt = now;
            return tags.persist(tag)
                    .call(() -> tags.flush())
                    .call(created -> audit.record(null, actor, "tag.created", null, OperatorToolMapper.summary(created), now))
                    .map(OperatorToolMapper::summary);
        });
    }

    /** The refusal for a name that exists already (ignoring case). */
    public static RefusedException duplicate(String name) {
        return RefusedException.conflict("A tag named \"" + name + "\" already exists (names are unique ignoring case).");
    }

    /**
     * Deletes a tag and detaches it from every conversation; audit {@code tag.deleted}.
     *
     * @throws RefusedException NOT_FOUND when it does not exist
     */
    @WithTransaction
    public Uni<Void> delete(Actor actor, UUID tagId) {
        Instant now = now();
        return tags.findById(tagId)
                .onItem().ifNull().failWith(() -> unknownTag(tagId))
                .chain(tag -> tags.delete(tag)
                        .chain(() -> audit.record(null, actor, "tag.deleted", OperatorToolMapper.summary(tag), null, now)));
    }

    /**
     * Attaches a tag to a conversation, unless it is attached already.
     *
     * @throws UnknownConversationException when the conversation does not exist
     * @throws RefusedException             NOT_FOUND when the tag does not exist
     */
    @WithTransaction
    public Uni<Change> attach(Actor actor, UUID conversationId, UUID tagId) {
        Instant now = now();
        return find(conversationId, tagId).chain(tag -> tags.attach(conversationId, tagId, actor.id(), now)
                .call(attached -> !attached ? Uni.createFrom().voidItem()
                        : audit.record(conversationId, actor, "tag.attached", null, OperatorToolMapper.summary(tag), now)
                                .chain(() -> outbox.event(new ConversationTagged(UUID.randomUUID(), 1, now, conversationId,
                                        OperatorToolMapper.summary(tag), new ActorSummary(actor.id(), actor.name())), now)))
                .chain(attached -> queries.get(conversationId).map(view -> new Change(view, attached))));
    }

    /**
     * Detaches a tag from a conversation, if it is attached.
     *
     * @throws UnknownConversationException when the conversation does not exist
     * @throws RefusedException             NOT_FOUND when the tag does not exist
     */
    @WithTransaction
    public Uni<Change> detach(Actor actor, UUID conversationId, UUID tagId) {
        Instant now = now();
        return find(conversationId, tagId).chain(tag -> tags.detach(conversationId, tagId)
                .call(detached -> !detached ? Uni.createFrom().voidItem()
                        : audit.record(conversationId, actor, "tag.detached", OperatorToolMapper.summary(tag), null, now)
                                .chain(() -> outbox.event(new ConversationUntagged(UUID.randomUUID(), 1, now, conversationId,
                                        OperatorToolMapper.summary(tag), new ActorSummary(actor.id(), actor.name())), now)))
                .chain(detached -> queries.get(conversationId).map(view -> new Change(view, detached))));
    }

    private Uni<Tag> find(UUID conversationId, UUID tagId) {
        return conversations.findById(conversationId)
                .onItem().ifNull().failWith(() -> new UnknownConversationException(conversationId))
                .chain(() -> tags.findById(tagId))
                .onItem().ifNull().failWith(() -> unknownTag(tagId));
    }

    private static RefusedException unknownTag(UUID tagId) {
        return RefusedException.notFound("Tag " + tagId + " does not exist.");
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
