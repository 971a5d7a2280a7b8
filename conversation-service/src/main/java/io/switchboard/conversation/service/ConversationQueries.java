package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.api.ConversationRead;
import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.Customer;
import io.switchboard.conversation.domain.Message;
import io.switchboard.conversation.mapping.ConversationMapper;
import io.switchboard.conversation.repository.AttachmentRepository;
import io.switchboard.conversation.repository.ConversationFilter;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.repository.CustomerRepository;
import io.switchboard.conversation.repository.MessageRepository;
import io.switchboard.conversation.repository.TagRepository;
import io.switchboard.conversation.rest.ConversationView;
import io.switchboard.conversation.rest.MessageView;
import io.switchboard.conversation.rest.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What operators read: conversation lists, one conversation, its messages; and marking it read ({@code conversation.read}). */
@ApplicationScoped
public class ConversationQueries {

    private final ConversationRepository conversations;
    private final CustomerRepository customers;
    private final MessageRepository messages;
    private final TagRepository tags;
    private final Outbox outbox;
    private final Clock clock;
    private final AttachmentRepository attachments;

    public ConversationQueries(ConversationRepository conversations, CustomerRepository customers,
                               MessageRepository messages, TagRepository tags, Outbox outbox, Clock clock,
                               AttachmentRepository attachments) {
        this.attachments = attachments;
        this.conversations = conversations;
        this.customers = customers;
        this.messages = messages;
        this.tags = tags;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Conversations that pass {@code filter}, most recently active first (updated_at, id descending).
     *
     * @param after position after which the page starts, or null for the first page
     */
    @WithSession
    public Uni<Page<ConversationView>> list(ConversationFilter filter, int limit, Cursor after) {
        return conversations.page(filter, after == null ? null : after.at(), after == null ? null : after.id(), limit + 1)
                .chain(rows -> {
                    List<Conversation> page = rows.size() > limit ? rows.subList(0, limit) : rows;
                    Conversation last = page.isEmpty() ? null : page.get(page.size() - 1);
                    String next = rows.size() > limit ? new Cursor(last.updatedAt, last.id).encode() : null;
                    return views(page).map(views -> new Page<>(views, next));
                });
    }

    /**
     * How many conversations each list tab holds for {@code operatorId}.
     */
    @WithSession
    public Uni<ConversationCounts> counts(UUID operatorId) {
        return conversations.counts(operatorId)
                .map(n -> new ConversationCounts(n[0], n[1], n[2], n[3], n[4]));
    }

    /**
     * One conversation.
     *
     * @throws UnknownConversationException when it does not exist
     */
    @WithSession
    public Uni<ConversationView> get(UUID id) {
        return conversations.findById(id)
                .onItem().ifNull().failWith(() -> new UnknownConversationException(id))
                .chain(conversation -> views(List.of(conversation)))
                .map(views -> views.get(0));
    }

    /**
     * A conversation's messages, oldest first (created_at, id ascending).
     *
     * @throws UnknownConversationException when the conversation does not exist
     */
    @WithSession
    public Uni<Page<MessageView>> messages(UUID conversationId, int limit, Cursor after) {
        return conversations.findById(conversationId)
                .onItem().ifNull().failWith(() -> new UnknownConversationException(conversationId))
                .chain(conversation -> messages.page(conversationId, after == null ? null : after.at(),
                        after == null ? null : after.id(), limit + 1))
                .chain(rows -> {
                    List<Message> page = rows.size() > limit ? rows.subList(0, limit) : rows;
                    Message last = page.isEmpty() ? null : page.get(page.size() - 1);
                    String next = rows.size() > limit ? new Cursor(last.createdAt, last.id).encode() : null;
                    return attachments.ofMessages(page.stream().map(m -> m.id).toList())
                            .map(byMessage -> new Page<>(page.stream().map(m -> ConversationMapper.view(m,
                                    byMessage.getOrDefault(m.id, List.of()))).toList(), next));
                });
    }

    /**
     * Marks the conversation read now by {@code reader}: its unread count drops to zero until the customer writes
     * again, and {@code conversation.read} ({@code {readAt, actor}}) goes to the outbox, so the web widget can show
     * "read" (the caller triggers the relay).
     *
     * @throws UnknownConversationException when it does not exist
     */
    @WithTransaction
    public Uni<Void> markRead(UUID conversationId, Actor reader) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        return conversations.markRead(conversationId, now)
                .chain(found -> found
                        ? outbox.event(new ConversationRead(UUID.randomUUID(), 1, now, conversationId, now,
                        ConversationWorkflow.summary(reader)), now)
                        : Uni.createFrom().failure(new UnknownConversationException(conversationId)));
    }

    private Uni<List<ConversationView>> views(List<Conversation> page) {
        if (page.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> customerIds = page.stream().map(c -> c.customerId).distinct().toList();
        List<UUID> lastMessageIds = page.stream().map(c -> c.lastMessageId).filter(Objects::nonNull).toList();
        List<UUID> ids = page.stream().map(c -> c.id).toList();
        return customers.listByIds(customerIds).chain(customerRows -> messages.listByIds(lastMessageIds)
                .chain(messageRows -> attachments.ofMessages(lastMessageIds).chain(attachmentsById -> conversations.unreadCounts(ids)
                        .chain(unread -> tags.tagsOf(ids).map(tagsById -> {
                            Map<UUID, Customer> byCustomerId = customerRows.stream()
                                    .collect(Collectors.toMap(c -> c.id, Function.identity()));
                            Map<UUID, Message> byMessageId = messageRows.stream()
                                    .collect(Collectors.toMap(m -> m.id, Function.identity()));
                            return page.stream().map(c -> {
                                Message lastMessage = c.lastMessageId == null ? null : byMessageId.get(c.lastMessageId);
                                // a media message previews as "[photo] caption"
                                String preview = lastMessage == null ? null
                                        : ConversationMapper.preview(lastMessage.text, attachmentsById.get(lastMessage.id));
                                return ConversationMapper.view(c, byCustomerId.get(c.customerId), lastMessage, preview,
                                        unread.getOrDefault(c.id, 0L), tagsById.getOrDefault(c.id, List.of()));
                            }).toList();
                        })))));
    }
}
